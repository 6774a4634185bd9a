package io.faultline.export;

import io.faultline.model.Container;
import io.faultline.model.EpochNanos;
import io.faultline.model.Event;
import io.faultline.model.EventTable;
import io.faultline.model.Evidence;
import io.faultline.model.TimeWindow;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the events of the export range as CSV (RFC 4180): a header row, then one row per event in time order with
 * {@code time} (ISO-8601 UTC, nine fraction digits), {@code host}, {@code source}, {@code unit}, {@code identifier},
 * {@code container} (its name when known, else its id), {@code severity} and {@code message}. UTF-8 without a byte
 * order mark, CRLF between rows. A field holding a comma, a quote, a CR or an LF is quoted, its quotes doubled; a
 * line break inside a message stays in its quoted field. A field that starts with {@code =}, {@code +}, {@code -},
 * {@code @}, a tab or a CR, which a spreadsheet would run as a formula, gets a leading {@code '} so it is shown as the
 * text it is. The stream is flushed, not closed.
 */
public final class CsvExporter {
    static final List<String> HEADER = List.of("time", "host", "source", "unit", "identifier", "container", "severity", "message");

    private CsvExporter() {
    }

    public static void export(Evidence ev, ExportOptions o, OutputStream out) throws IOException {
        TimeWindow w = o.range() == null ? ev.window() : o.range();
        if (w == null) {
            throw new IllegalArgumentException("nothing to export: the evidence has no time window and no range was given");
        }
        Map<String, String> names = new HashMap<>();
        for (Container c : ev.containers()) {
            if (!c.name().isEmpty()) {
                names.put(c.id(), c.name());
                names.put(c.shortId(), c.name());
            }
        }
        Writer csv = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        row(csv, HEADER);
        List<Event> events = ev.events() instanceof EventTable t ? t.within(w) : ev.events().stream().filter(e -> w.contains(e.timeNanos())).toList();
        for (Event e : events) {
            String container = e.containerId() == null ? "" : names.getOrDefault(e.containerId(),
                    names.getOrDefault(e.containerId().length() > 12 ? e.containerId().substring(0, 12) : e.containerId(), e.containerId()));
            row(csv, List.of(EpochNanos.iso(e.timeNanos()), text(e.host()), text(e.source()), text(e.unit()), text(e.identifier()), container,
                    e.severity().name(), e.message()));
        }
        csv.flush();
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private static void row(Writer w, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                w.write(',');
            }
            w.write(field(fields.get(i)));
        }
        w.write("\r\n");
    }

    /** One field, made safe for a spreadsheet and quoted when RFC 4180 asks for it. */
    static String field(String value) {
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        boolean quote = false;
        for (int i = 0; i < v.length() && !quote; i++) {
            char c = v.charAt(i);
            quote = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }
}
