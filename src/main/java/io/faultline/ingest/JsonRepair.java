package io.faultline.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.model.Diagnostic;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the not-quite-JSON that sysstat tools emit in some setups, saying exactly what it changed:
 * numbers written with a decimal comma ({@code "util": 99,50} from a comma-decimal locale; only in a value
 * position, where no valid JSON has a comma between digits), a comma missing between two members, and a
 * stray comma where a value should be. Edits keep byte offsets where they can (a comma replaces the blank
 * before the member, a stray comma becomes a blank). Anything else stops the repair with the parser's
 * own message and place.
 */
final class JsonRepair {
    private static final Pattern DECIMAL_COMMA = Pattern.compile("(:\\s*-?\\d+),(\\d+)(?=\\s*[,}\\]])");
    private static final Pattern UNEXPECTED = Pattern.compile("Unexpected character \\('(.)'");
    private static final int MAX_EDITS = 200;

    /** The outcome: the tree (null when unreadable), the edits made, and what stopped it. */
    record Result(JsonNode tree, int decimalCommas, long firstDecimalCommaLine, long firstDecimalCommaOffset, List<Edit> edits,
                  String failure, long failureLine, long failureOffset) {
    }

    /** One change made to get past a parse error, at the place the error was found. */
    record Edit(String what, long line, long offset) {
    }

    private JsonRepair() {
    }

    /**
     * Reads sysstat JSON ({@code sadf -j}, {@code iostat -o JSON}) as the tool emitted it, repairing what can be
     * repaired, and reports every repair and a failure to {@code out}; returns the hosts array, or null when
     * nothing could be read. {@code tool} names the output in the messages ("sadf -j", "iostat -o JSON").
     */
    static JsonNode readSysstatHosts(EntryContext ctx, byte[] data, Collector out, String label, String tool) {
        Result r = read(data);
        if (r.decimalCommas() > 0) {
            out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, r.firstDecimalCommaLine(), r.firstDecimalCommaOffset(),
                    "output of a comma-decimal locale (invalid JSON): " + r.decimalCommas()
                            + " numbers with a decimal comma read as decimals, the first here"));
        }
        for (Edit edit : r.edits()) {
            out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, edit.line(), edit.offset(),
                    (edit.what().startsWith("cut short") ? label + " JSON " : "invalid JSON repaired: ") + edit.what()));
        }
        if (r.tree() == null) {
            boolean cut = r.failure().contains("end-of-input");
            out.diagnostic(ctx.diagnostic(Diagnostic.Level.ERROR, r.failureLine(), r.failureOffset(),
                    (cut ? label + " JSON cut short (ends inside a value)" : label + " JSON not readable even after repair: " + r.failure())
                            + "; no samples read from this entry"));
            return null;
        }
        JsonNode hosts = r.tree().path("sysstat").path("hosts");
        if (!hosts.isArray()) {
            out.diagnostic(ctx.diagnostic(Diagnostic.Level.ERROR, 1, 0, "no sysstat.hosts array: not " + tool + " output"));
            return null;
        }
        return hosts;
    }

    static Result read(byte[] data) {
        // ISO-8859-1 maps each byte to one char, so string indexes are byte offsets.
        String text = new String(data, StandardCharsets.ISO_8859_1);
        Matcher m = DECIMAL_COMMA.matcher(text);
        StringBuilder sb = new StringBuilder(text.length());
        int count = 0;
        long firstLine = 0;
        long firstOffset = -1;
        while (m.find()) {
            if (count++ == 0) {
                firstLine = Text.lineOf(data, m.start(2));
                firstOffset = m.start(2) - 1;
            }
            m.appendReplacement(sb, "$1.$2");
        }
        m.appendTail(sb);
        StringBuilder doc = sb;
        List<Edit> edits = new ArrayList<>();
        for (int attempt = 0; attempt <= MAX_EDITS; attempt++) {
            byte[] bytes = doc.toString().getBytes(StandardCharsets.ISO_8859_1);
            try {
                return new Result(JsonRecords.MAPPER.readTree(bytes), count, firstLine, firstOffset, edits, null, 0, -1);
            } catch (JsonProcessingException e) {
                JsonLocation loc = e.getLocation();
                int at = loc == null ? -1 : (int) loc.getByteOffset();
                long line = loc == null ? 0 : loc.getLineNr();
                String msg = e.getOriginalMessage() == null ? "unknown error" : e.getOriginalMessage();
                String edit = msg.contains("end-of-input") ? closeCut(doc) : at < 0 ? null : fix(doc, at, msg);
                if (edit == null || attempt == MAX_EDITS) {
                    int nl = msg.indexOf('\n');
                    return new Result(null, count, firstLine, firstOffset, edits, nl < 0 ? msg : msg.substring(0, nl), line, at);
                }
                edits.add(new Edit(edit, line, at));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("reading JSON from memory failed", e);
            }
        }
        throw new IllegalStateException("unreachable: the loop returns on its last attempt");
    }

    /**
     * For a document cut short: drops what follows the last complete object or array and closes what is
     * still open, so everything before the cut is read. Returns what it did, or null when nothing closes.
     */
    private static String closeCut(StringBuilder doc) {
        StringBuilder open = new StringBuilder();
        boolean inString = false;
        boolean escaped = false;
        int lastClose = -1;
        String closersAtLast = null;
        for (int i = 0; i < doc.length(); i++) {
            char c = doc.charAt(i);
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                open.append(c == '{' ? '}' : ']');
            } else if ((c == '}' || c == ']') && !open.isEmpty()) {
                open.setLength(open.length() - 1);
                lastClose = i;
                closersAtLast = new StringBuilder(open).reverse().toString();
            }
        }
        if (lastClose < 0 || closersAtLast.isEmpty()) {
            return null;
        }
        int cut = doc.length();
        doc.setLength(lastClose + 1);
        doc.append(closersAtLast);
        return "cut short (ends at byte " + cut + " inside a value): kept what precedes the last complete object, which ends at byte "
                + lastClose + "; " + (cut - lastClose - 1) + " bytes after it are lost";
    }

    /** Edits {@code doc} to get past the error at {@code at}; returns what it did, or null when it cannot. */
    private static String fix(StringBuilder doc, int at, String msg) {
        Matcher u = UNEXPECTED.matcher(msg);
        if (!u.find()) {
            return null;
        }
        char c = u.group(1).charAt(0);
        int i = Math.min(at, doc.length() - 1);
        while (i >= 0 && doc.charAt(i) != c) {
            i--;
        }
        if (i < 0) {
            return null;
        }
        if (msg.contains("was expecting comma to separate")) {
            if (i > 0 && (doc.charAt(i - 1) == ' ' || doc.charAt(i - 1) == '\t')) {
                doc.setCharAt(i - 1, ',');
            } else {
                doc.insert(i, ',');
            }
            return "inserted a missing comma before '" + c + "'";
        }
        if (c == ',' && msg.contains("expected a value")) {
            doc.setCharAt(i, ' ');
            return "removed a stray comma";
        }
        return null;
    }
}
