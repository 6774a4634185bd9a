package io.faultline.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import io.faultline.capture.Json;
import io.faultline.model.AnnotationLayer;
import io.faultline.model.Evidence;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes the annotated timeline as data: the "faultline-timeline" JSON document of docs/export-json.md,
 * restricted to the export range, streamed, with the options' redaction applied. Every event in range is written. The stream is flushed, not closed.
 */
public final class JsonExporter {
    private JsonExporter() {
    }

    public static void export(Evidence ev, AnnotationLayer ann, ExportOptions o, OutputStream out) throws IOException {
        try (JsonGenerator g = Json.mapper().getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            Redaction.Redacted r = Redaction.of(ev, ann, o);
            TimelineWriter.write(r.evidence(), r.annotations(), r.options(), Integer.MAX_VALUE, g);
        }
        out.flush();
    }
}
