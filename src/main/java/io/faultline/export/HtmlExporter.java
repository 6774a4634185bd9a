package io.faultline.export;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faultline.capture.Json;
import io.faultline.model.AnnotationLayer;
import io.faultline.model.Evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes one self-contained HTML file (no network: inline CSS and JS, no fonts, no images) showing the
 * annotated timeline: event histogram, healthcheck and container lanes, disk IO lanes, the notes as markers,
 * the causal links as arrows and as a chain, and a table of the annotated evidence. The data is the
 * "faultline-timeline" document of docs/export-json.md embedded in a {@code <script type="application/json">}.
 * At most {@link #MAX_EMBEDDED_EVENTS} events are embedded; beyond that the file says how many were left out
 * and carries an exact histogram of all of them.
 */
public final class HtmlExporter {
    public static final int MAX_EMBEDDED_EVENTS = 200_000;
    private static final String RESOURCES = "/io/faultline/export/";

    private HtmlExporter() {
    }

    public static void export(Evidence ev, AnnotationLayer ann, ExportOptions o, OutputStream out) throws IOException {
        export(ev, ann, o, out, MAX_EMBEDDED_EVENTS);
    }

    static void export(Evidence ev, AnnotationLayer ann, ExportOptions o, OutputStream out, int maxEvents)
            throws IOException {
        ObjectNode tree = TimelineTree.build(ev, ann, o, maxEvents);
        String json = Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(tree);
        String html = fill(resource("timeline.html"), Map.of(
                "TITLE", escapeHtml(o.title()),
                "CSS", resource("timeline.css"),
                "JS", resource("timeline.js"),
                "DATA", escapeForScript(json)));
        out.write(html.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * Makes JSON text safe inside a script element: {@code <}, {@code >}, {@code &} and the JavaScript line
     * separators U+2028/U+2029 become backslash-u escapes. They can only occur inside JSON strings, where
     * the escape means the same character, so the JSON is unchanged in meaning and cannot close the element.
     */
    static String escapeForScript(String json) {
        StringBuilder sb = new StringBuilder(json.length() + 64);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> sb.append("\\u003c");
                case '>' -> sb.append("\\u003e");
                case '&' -> sb.append("\\u0026");
                case '\u2028' -> sb.append("\\u2028");
                case '\u2029' -> sb.append("\\u2029");
                default -> sb.append(c);
            }
        }
        return sb.toString();
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
            String name = close < 0 ? null : template.substring(open + 2, close);
            String value = name == null ? null : values.get(name);
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
