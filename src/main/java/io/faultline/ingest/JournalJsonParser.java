package io.faultline.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.capture.SourceKind;
import io.faultline.model.Diagnostic;
import io.faultline.model.Event;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code journalctl -o json} (one object a line) and {@code -o json-pretty} (objects over many lines).
 * A value may be a string, null or an array of bytes (decoded as UTF-8, invalid bytes shown as {@code \xNN});
 * a field held several times is an array of such values. Fields become an event through {@link JournalEntries},
 * the mapping the export format shares.
 */
final class JournalJsonParser implements SourceParser {
    static final String SOURCE = "journal-json";

    @Override
    public SourceKind kind() {
        return SourceKind.JOURNAL_JSON;
    }

    @Override
    public boolean probe(String fileName, byte[] head) {
        int i = Text.firstNonBlank(head);
        if (i < 0 || head[i] != '{') {
            return false;
        }
        String text = Text.utf8(head, i, Math.min(head.length, i + 65536));
        return text.contains("\"__REALTIME_TIMESTAMP\"") || text.contains("\"__CURSOR\"") || text.contains("\"_BOOT_ID\"")
                || text.contains("\"_TRANSPORT\"") || text.contains("\"SYSLOG_IDENTIFIER\"");
    }

    @Override
    public void parse(EntryContext ctx, byte[] data, Collector out) {
        parse(ctx, data, out, new JournalEntries(ctx, SOURCE, out));
    }

    /**
     * Reads {@code data}, a whole entry or one piece of it cut between two objects, with {@code entries}, which may
     * have read the pieces before. Each event goes to {@link Collector#record} with where its record and its message
     * lie in {@code data}. A line {@link JournalLine} reads is read by it, every other stretch by the JSON parser, which
     * hands back to it at the next line it reads; both give the same events and diagnostics.
     */
    static void parse(EntryContext ctx, byte[] data, Collector out, JournalEntries entries) {
        parse(ctx, data, data.length, out, entries, true);
    }

    /** {@link #parse(EntryContext, byte[], Collector, JournalEntries)} of {@code data[0, length)}. */
    static void parse(EntryContext ctx, byte[] data, int length, Collector out, JournalEntries entries) {
        parse(ctx, data, length, out, entries, true);
    }

    /**
     * {@link #parse(EntryContext, byte[], int, Collector, JournalEntries)}, with {@link JournalLine} reading the lines it can
     * when {@code scan}, else the JSON parser reading everything (what the differential test compares against); returns
     * how many records {@link JournalLine} read.
     */
    static int parse(EntryContext ctx, byte[] data, int length, Collector out, JournalEntries entries, boolean scan) {
        entries.readFrom(ctx);
        JournalFields fields = new JournalFields();
        long[] message = new long[2];
        JournalLine lines = scan ? new JournalLine() : null;
        int scanned = 0;
        int[] taken = {-1, -1};
        JsonRecords.Place at = new JsonRecords.Place(0, 1, 1, false);
        while (at.offset() < length) {
            int from = at.offset();
            int end = taken[0] == from ? taken[1] : scan ? lines.read(data, length, from, fields, message) : -1;
            taken[0] = -1;
            if (end < 0) {
                at = JsonRecords.readObjectsUntil(ctx, data, length, at, out, "journal JSON", (p, line, offset) -> {
                    long start = p.currentTokenLocation().getByteOffset();
                    read(p, fields, message);
                    long recordLength = p.currentLocation().getByteOffset() - start;
                    record(entries, out, data, fields, line, offset, recordLength, offset + message[0] - start, offset + message[1] - start,
                            message[0] > start);
                }, (node, line, offset) -> out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, line, offset,
                        "expected a journal entry (JSON object), found a JSON " + node.getNodeType().name().toLowerCase())), offset -> {
                    int e = scan ? lines.read(data, length, offset, fields, message) : -1;
                    if (e < 0) {
                        return false;
                    }
                    taken[0] = offset;
                    taken[1] = e;
                    return true;
                });
                continue;
            }
            scanned++;
            record(entries, out, data, fields, at.line(), from, end - from, message[0], message[1], message[0] >= 0);
            boolean lineFeed = end < length;
            at = new JsonRecords.Place(lineFeed ? end + 1 : end, at.line() + (lineFeed ? 1 : 0), at.restartLine() + (lineFeed ? 1 : 0), true);
        }
        return scanned;
    }

    /**
     * The event of the record read into {@code fields} at {@code offset} ({@code length} bytes), handed on with where
     * its message lies ({@code data[from, to)}, when {@code string}).
     */
    private static void record(JournalEntries entries, Collector out, byte[] data, JournalFields fields, long line, long offset, long length,
                               long from, long to, boolean string) {
        Event e = entries.event(fields, line, offset);
        if (e == null) {
            return;
        }
        boolean plain = string && length <= Integer.MAX_VALUE && from >= offset && to <= data.length && from <= to;
        out.record(e, offset, (int) Math.min(length, Integer.MAX_VALUE), plain ? (int) (from - offset) : -1, (int) (to - from),
                plain && escaped(data, from, to));
    }

    private static boolean escaped(byte[] data, long from, long to) {
        for (int i = (int) from; i < to; i++) {
            if (data[i] == '\\') {
                return true;
            }
        }
        return false;
    }

    /**
     * An entry's fields read token by token from its {@code START_OBJECT} to its {@code END_OBJECT}: a string value
     * directly, any other value through a tree and {@link #values(JsonNode)}. A field given twice keeps its first
     * place and its last value, as a tree would. {@code message} gets where the text of a string {@code MESSAGE} lies,
     * in the parser's bytes from just after its opening quote to its closing quote; {-1, -1} when there is none.
     */
    private static void read(JsonParser p, JournalFields entry, long[] message) throws IOException {
        entry.clear();
        message[0] = -1;
        message[1] = -1;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (v == JsonToken.VALUE_STRING) {
                boolean isMessage = "MESSAGE".equals(name);
                long at = isMessage ? p.currentTokenLocation().getByteOffset() : -1;
                entry.put(name, p.getText());
                if (isMessage) {
                    message[0] = at + 1;
                    message[1] = p.currentLocation().getByteOffset() - 1;
                }
            } else {
                if ("MESSAGE".equals(name)) {
                    message[0] = -1;
                    message[1] = -1;
                }
                if (v == JsonToken.VALUE_NULL) {
                    entry.put(name, null);
                } else {
                    entry.put(name, JournalEntries.single(values(JsonRecords.MAPPER.readTree(p))));
                }
            }
        }
    }

    /**
     * A field's values: journalctl writes a field the entry holds several times as an array of its values
     * (strings or byte arrays); anything else is one value.
     */
    static List<String> values(JsonNode v) {
        if (v != null && v.isTextual()) {
            return Collections.singletonList(v.asText());
        }
        List<String> values = new ArrayList<>();
        if (v != null && v.isArray() && !v.isEmpty() && !isByteArray(v)) {
            boolean each = true;
            for (JsonNode e : v) {
                each &= e.isTextual() || e.isArray() && isByteArray(e);
            }
            if (each) {
                v.forEach(e -> values.add(value(e)));
                return values;
            }
        }
        values.add(value(v));
        return values;
    }

    /** A journal field's value: strings as they are, byte arrays decoded, null as null, anything else as JSON. */
    static String value(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isArray() && isByteArray(v)) {
            byte[] b = new byte[v.size()];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) v.get(i).asInt();
            }
            return Text.utf8(b);
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }

    private static boolean isByteArray(JsonNode v) {
        for (JsonNode e : v) {
            if (!e.isInt() || e.asInt() < 0 || e.asInt() > 255) {
                return false;
            }
        }
        return true;
    }
}
