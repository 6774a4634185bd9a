package io.faultline.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faultline.capture.Bundle;
import io.faultline.capture.Json;
import io.faultline.ingest.Ingestor;
import io.faultline.model.EpochNanos;
import io.faultline.model.Evidence;
import io.faultline.model.Series;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * Prints every metric sample of a bundle, series after series, each in time order: with {@code --jsonl} one
 * JSON object a line ({@code time} ISO-8601 UTC with nine digits, {@code host}, {@code device},
 * {@code metric}, {@code unit}, {@code value}), otherwise the same as tab-separated text.
 */
@Command(name = "series", mixinStandardHelpOptions = true,
        description = "Rebuild the timeline from a bundle's raw outputs and print every metric sample (disk IO, CPU, load, memory, PSI).")
final class SeriesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BUNDLE")
    Path bundle;

    @Option(names = "--jsonl", description = "one JSON object a line (the default prints tab-separated text)")
    boolean jsonl;

    @Mixin
    RangeOptions range = new RangeOptions();

    @Override
    public Integer call() throws IOException {
        RangeOptions.Range r = range.range();
        Evidence ev;
        try (Bundle b = Bundle.open(bundle)) {
            ev = Ingestor.ingest(b);
        }
        ReadProblems.tell(spec.commandLine().getErr(), bundle, ev);
        r.warnIfOutside(spec.commandLine().getErr(), ev.window());
        ObjectMapper mapper = Json.mapper();
        ObjectWriter line = mapper.writer().without(SerializationFeature.INDENT_OUTPUT);
        PrintWriter out = spec.commandLine().getOut();
        for (Series s : ev.series()) {
            for (int i = 0; i < s.size(); i++) {
                long t = s.timeAt(i);
                if (!r.contains(t)) {
                    continue;
                }
                if (jsonl) {
                    ObjectNode o = mapper.createObjectNode();
                    o.put("time", EpochNanos.iso(t)).put("host", s.host()).put("device", s.device()).put("metric", s.metric())
                            .put("unit", s.unit()).put("value", s.valueAt(i));
                    out.println(line.writeValueAsString(o));
                } else {
                    out.println(EpochNanos.iso(t) + "\t" + TerminalText.safe(s.host()) + "\t" + TerminalText.safe(s.device()) + "\t"
                            + s.metric() + "\t" + s.valueAt(i) + (s.unit() == null || s.unit().isEmpty() ? "" : "\t" + s.unit()));
                }
            }
        }
        out.flush();
        return 0;
    }

}
