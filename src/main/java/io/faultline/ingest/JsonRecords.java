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
    /** For bytes that go on with a UTF-8 stream already begun: no byte order mark or other encoding looked for. */
    private static final JsonFactory CONTINUING = new com.fasterxml.jackson.core.JsonFactoryBuilder()
            .disable(JsonFactory.Feature.CHARSET_DETECTION).build();

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
        int[] count = {0};
        read(ctx, data, data.length, new Place(0, 1, 1, false), out, what, splitArrays, objects, handler, null, count);
        return count[0];
    }

    /**
     * Where a reader of a JSON stream stands between two root values: at byte {@code offset}, which is at line
     * {@code line} as the JSON parser counts lines (a lone carriage return ends one too) and at line {@code restartLine}
     * as this reader counts them when it starts a new parser after a broken value (line feeds only, from where the last
     * parser started). When {@code continues}, the bytes there go on with a UTF-8 stream a JSON parser would have been
     * reading: a parser started there must not take a byte order mark or NULs for the sign of another encoding.
     */
    record Place(int offset, long line, long restartLine, boolean continues) {
    }

    /**
     * Reads root values of {@code data[0, end)} from {@code from} on as {@link #readObjects} does, until a root object
     * starts at the start of a line after {@code from} and {@code takeOver} takes it (reads it itself); returns where that
     * object starts, or {@code end}. Reading the rest from there, whoever reads it, gives what reading all of {@code data} with
     * {@link #readObjects} would.
     */
    static Place readObjectsUntil(EntryContext ctx, byte[] data, int end, Place from, Collector out, String what, ObjectHandler objects,
                                  Handler handler, java.util.function.IntPredicate takeOver) {
        return read(ctx, data, end, from, out, what, false, objects, handler, takeOver, new int[1]);
    }

    private static Place read(EntryContext ctx, byte[] data, int end, Place from, Collector out, String what, boolean splitArrays,
                              ObjectHandler objects, Handler handler, java.util.function.IntPredicate takeOver, int[] counted) {
        int base = from.offset();
        int count = 0;
        int countedTo = base;
        long restartLine = from.restartLine();
        long baseLine = from.line();
        while (base < end) {
            // Lines are counted from where the last count stopped: many broken lines cost linear time, not quadratic.
            if (base != from.offset()) {
                for (int i = countedTo; i < base; i++) {
                    if (data[i] == '\n') {
                        restartLine++;
                    }
                }
                countedTo = base;
                baseLine = restartLine;
            }
            long valueLine = baseLine;
            long valueOffset = base;
            JsonFactory factory = base == from.offset() && from.continues() ? CONTINUING : FACTORY;
            try (JsonParser p = factory.createParser(data, base, end - base)) {
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
                    if (takeOver != null && t == JsonToken.START_OBJECT && p instanceof com.fasterxml.jackson.core.json.UTF8StreamJsonParser
                            && valueOffset > from.offset() && data[(int) valueOffset - 1] == '\n' && takeOver.test((int) valueOffset)) {
                        for (int i = countedTo; i < valueOffset; i++) {
                            if (data[i] == '\n') {
                                restartLine++;
                            }
                        }
                        counted[0] = count;
                        return new Place((int) valueOffset, valueLine, restartLine, false);
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
                        base = resync(data, end, (int) valueOffset + 1);
                        break;
                    }
                    count++;
                    handler.value(node, valueLine, valueOffset);
                }
                if (t == null) {
                    counted[0] = count;
                    return new Place(end, 0, 0, false);
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
                base = resync(data, end, (int) Math.max(errOffset, valueOffset + 1));
            } catch (java.io.CharConversionException e) {
                // bytes a parser started at a line took for UTF-32 or UTF-16 (it looks at the first four) that are not
                out.diagnostic(ctx.diagnostic(Diagnostic.Level.ERROR, valueLine, valueOffset, what + ": not valid JSON: " + firstLine(e.getMessage())));
                base = resync(data, end, (int) Math.max(base, valueOffset) + 1);
            } catch (IOException e) {
                throw new UncheckedIOException("reading JSON from memory failed", e);
            }
        }
        counted[0] = count;
        return new Place(end, 0, 0, false);
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

    /** The offset of the next line of {@code data[0, end)} at or after {@code from}'s line end that starts with '{' or '['; end if none. */
    private static int resync(byte[] data, int end, int from) {
        int i = Math.min(from, end);
        while (i < end) {
            while (i < end && data[i] != '\n') {
                i++;
            }
            i++;
            if (i < end && (data[i] == '{' || data[i] == '[')) {
                return i;
            }
        }
        return end;
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
