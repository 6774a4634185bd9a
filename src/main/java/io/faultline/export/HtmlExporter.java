package io.faultline.export;

import com.fasterxml.jackson.core.JsonGenerator;
import io.faultline.capture.Json;
import io.faultline.model.AnnotationLayer;
import io.faultline.model.Evidence;

import java.io.BufferedWriter;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes one self-contained HTML file (no network: inline CSS and JS, no fonts, no images) showing the
 * annotated timeline: event histogram, healthcheck and container lanes, disk IO lanes, the notes as markers,
 * the causal links as arrows and as a chain, and a table of the annotated evidence. The data is the
 * "faultline-timeline" document of docs/export-json.md embedded in a {@code <script type="application/json">}.
 * At most {@link #MAX_EMBEDDED_EVENTS} events are embedded (plus any annotated ones); beyond that the file says
 * how many were left out and carries an exact histogram of all of them. The options' redaction is applied to every
 * text, the title too. The stream is flushed, not closed.
 */
public final class HtmlExporter {
    public static final int MAX_EMBEDDED_EVENTS = 200_000;
    private static final String RESOURCES = "/io/faultline/export/";
    private static final String DATA_TOKEN = "{{DATA}}";

    private HtmlExporter() {
    }

    public static void export(Evidence ev, AnnotationLayer ann, ExportOptions o, OutputStream out) throws IOException {
        export(ev, ann, o, out, MAX_EMBEDDED_EVENTS);
    }

    static void export(Evidence ev, AnnotationLayer ann, ExportOptions options, OutputStream out, int maxEvents)
            throws IOException {
        Redaction.Redacted r = Redaction.of(ev, ann, options);
        ExportOptions o = r.options();
        String template = resource("timeline.html");
        int data = template.indexOf(DATA_TOKEN);
        if (data < 0 || template.indexOf(DATA_TOKEN, data + 1) >= 0) {
            throw new IOException("HTML template must hold " + DATA_TOKEN + " exactly once");
        }
        Map<String, String> values = Map.of(
                "TITLE", escapeHtml(o.title()),
                "CSS", resource("timeline.css"),
                "JS", resource("timeline.js"));
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        w.write(fill(template.substring(0, data), values));
        try (JsonGenerator g = Json.mapper().getFactory().createGenerator(new ScriptSafeWriter(w))) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            TimelineWriter.write(r.evidence(), r.annotations(), o, maxEvents, g);
        }
        w.write(fill(template.substring(data + DATA_TOKEN.length()), values));
        w.flush();
    }

    /**
     * Makes JSON text safe inside a script element: {@code <}, {@code >}, {@code &} and the JavaScript line
     * separators U+2028/U+2029 become backslash-u escapes. In JSON they can only occur inside strings, where the
     * escape means the same character, so the data is unchanged and cannot close the element.
     */
    static final class ScriptSafeWriter extends FilterWriter {
        ScriptSafeWriter(Writer out) {
            super(out);
        }

        @Override
        public void write(int c) throws IOException {
            String escape = escape((char) c);
            if (escape == null) {
                out.write(c);
            } else {
                out.write(escape);
            }
        }

        @Override
        public void write(char[] buf, int off, int len) throws IOException {
            int run = off;
            for (int i = off; i < off + len; i++) {
                String escape = escape(buf[i]);
                if (escape != null) {
                    out.write(buf, run, i - run);
                    out.write(escape);
                    run = i + 1;
                }
            }
            out.write(buf, run, off + len - run);
        }

        @Override
        public void write(String str, int off, int len) throws IOException {
            write(str.toCharArray(), off, len);
        }

        private static String escape(char c) {
            return switch (c) {
                case '<' -> "\\u003c";
                case '>' -> "\\u003e";
                case '&' -> "\\u0026";
                case '\u2028' -> "\\u2028";
                case '\u2029' -> "\\u2029";
                default -> null;
            };
        }
    }

    static String escapeHtml(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                case '\u2028' -> sb.append("&#8232;");
                case '\u2029' -> sb.append("&#8233;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Replaces each {{NAME}} of the template in one pass, so a value is never scanned for tokens. */
    private static String fill(String template, Map<String, String> values) throws IOException {
        StringBuilder sb = new StringBuilder(template.length() + values.values().stream().mapToInt(String::length).sum());
        int at = 0;
        while (true) {
            int open = template.indexOf("{{", at);
            if (open < 0) {
                break;
            }
            int close = template.indexOf("}}", open);
            String value = close < 0 ? null : values.get(template.substring(open + 2, close));
            if (value == null) {
                throw new IOException("HTML template: unknown token at character " + open);
            }
            sb.append(template, at, open).append(value);
            at = close + 2;
        }
        return sb.append(template, at, template.length()).toString();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = HtmlExporter.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IOException("missing resource " + RESOURCES + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
