package io.faultline.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.model.Diagnostic;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads a stream of JSON values (one a line, pretty-printed over many lines, or one big document) and
 * hands each root value to a handler with the line and byte offset it starts at. A value that is not
 * valid JSON becomes a located diagnostic; reading goes on at the next line that starts a JSON value, so
 * one broken line of a JSON-lines file costs one record, not the file.
 */
final class JsonRecords {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    @FunctionalInterface
    interface Handler {
        void value(JsonNode node, long line, long byteOffset);
    }

    /**
     * Reads one root object straight from the parser, which stands on its {@code START_OBJECT}; it must leave the
     * parser on the matching {@code END_OBJECT}. A {@link JsonProcessingException} it lets through is reported like
     * any invalid JSON.
     */
    @FunctionalInterface
    interface ObjectHandler {
        void object(JsonParser p, long line, long byteOffset) throws IOException;
    }

    private JsonRecords() {
    }

    /** Returns the number of root values read. */
    static int read(EntryContext ctx, byte[] data, Collector out, String what, Handler handler) {
        return read(ctx, data, out, what, false, handler);
    }

    /**
     * Like {@link #read(EntryContext, byte[], Collector, String, Handler)}; with {@code splitArrays} a root array's
     * elements are handed over one by one, each with its own place, so an array cut in half keeps its whole elements.
     */
    static int read(EntryContext ctx, byte[] data, Collector out, String what, boolean splitArrays, Handler handler) {
        return read(ctx, data, out, what, splitArrays, null, handler);
    }

    /**
     * Like {@link #read(EntryContext, byte[], Collector, String, Handler)}, but root objects go to {@code objects}
     * as tokens, without building a tree; other root values still go to {@code handler} as trees.
     */
    static int readObjects(EntryContext ctx, byte[] data, Collector out, String what, ObjectHandler objects, Handler handler) {
        return read(ctx, data, out, what, false, objects, handler);
    }

    private static int read(EntryContext ctx, byte[] data, Collector out, String what, boolean splitArrays, ObjectHandler objects,
                            Handler handler) {
        int base = 0;
        int count = 0;
        int countedTo = 0;
        long baseLine = 1;
        while (base < data.length) {
            // Lines are counted from where the last count stopped: many broken lines cost linear time, not quadratic.
            for (int i = countedTo; i < base; i++) {
                if (data[i] == '\n') {
                    baseLine++;
                }
            }
            countedTo = base;
            long valueLine = baseLine;
            long valueOffset = base;
            try (JsonParser p = FACTORY.createParser(data, base, data.length - base)) {
                JsonToken t;
                while ((t = p.nextToken()) != null) {
                    JsonLocation loc = p.currentTokenLocation();
                    valueLine = baseLine + loc.getLineNr() - 1;
                    valueOffset = base + loc.getByteOffset();
                    if (t == JsonToken.START_ARRAY && splitArrays) {
                        while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
                            JsonLocation el = p.currentTokenLocation();
                            valueLine = baseLine + el.getLineNr() - 1;
                            valueOffset = base + el.getByteOffset();
                            count++;
                            handler.value(MAPPER.readTree(p), valueLine, valueOffset);
                        }
                        continue;
                    }
                    if (t == JsonToken.START_OBJECT && objects != null) {
                        count++;
                        objects.object(p, valueLine, valueOffset);
                        continue;
                    }
                    JsonNode node = t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY
                            ? MAPPER.readTree(p) : MAPPER.getNodeFactory().missingNode();
                    if (node.isMissingNode()) {
                        out.diagnostic(ctx.diagnostic(Diagnostic.Level.ERROR, valueLine, valueOffset,
                                what + ": expected a JSON object or array, found " + t.name().toLowerCase(java.util.Locale.ROOT) + " '"
                                        + JournalShortParser.abbreviate(p.getText()) + "'"));
                        base = resync(data, (int) valueOffset + 1);
                        break;
                    }
                    count++;
                    handler.value(node, valueLine, valueOffset);
                }
                if (t == null) {
                    return count;
                }
            } catch (JsonProcessingException e) {
                JsonLocation loc = e.getLocation();
                long errOffset = loc == null || loc.getByteOffset() < 0 ? valueOffset : base + loc.getByteOffset();
                long errLine = loc == null ? valueLine : baseLine + loc.getLineNr() - 1;
                String reason = e.getOriginalMessage();
                boolean cut = reason != null && reason.contains("end-of-input");
                out.diagnostic(ctx.diagnostic(Diagnostic.Level.ERROR, errLine, errOffset,
                        what + (cut ? ": JSON cut short: the value that starts at line " + ctx.textMap().line(valueLine) + " (byte "
                                + ctx.textMap().offset(valueOffset) + ") ends before it is complete" : ": not valid JSON: " + firstLine(reason))));
                base = resync(data, (int) Math.max(errOffset, valueOffset + 1));
            } catch (IOException e) {
                throw new UncheckedIOException("reading JSON from memory failed", e);
            }
        }
        return count;
    }

    /**
     * The text of a JSON string's contents (between its quotes) in {@code bytes[from, to)}: UTF-8 with its escapes
     * decoded, as a JSON parser reads it. The contents must be valid (read once by a parser already).
     */
    static String unescape(byte[] bytes, int from, int to) {
        StringBuilder out = new StringBuilder(to - from);
        int run = from;
        int i = from;
        while (i < to) {
            if (bytes[i] != '\\') {
                i++;
                continue;
            }
            out.append(new String(bytes, run, i - run, java.nio.charset.StandardCharsets.UTF_8));
            char c = (char) bytes[i + 1];
            i += 2;
            switch (c) {
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    out.append((char) Integer.parseInt(new String(bytes, i, 4, java.nio.charset.StandardCharsets.US_ASCII), 16));
                    i += 4;
                }
                default -> out.append(c);
            }
            run = i;
        }
        return out.append(new String(bytes, run, to - run, java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    /** The offset of the next line at or after {@code from}'s line end that starts with '{' or '['; data.length if none. */
    private static int resync(byte[] data, int from) {
        int i = Math.min(from, data.length);
        while (i < data.length) {
            while (i < data.length && data[i] != '\n') {
                i++;
            }
            i++;
            if (i < data.length && (data[i] == '{' || data[i] == '[')) {
                return i;
            }
        }
        return data.length;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString();
    }

    static long longValue(JsonNode n, String field, long dflt) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (v.isNumber()) {
            return v.asLong();
        }
        try {
            return Long.parseLong(v.asText().trim());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }
}
