package io.faultline.ingest;

import io.faultline.capture.SourceKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tells a raw file's format from its content: journal short text as pasted from a pager, journal JSON
 * (one object a line or pretty-printed), docker inspect JSON (array, object, or just {@code .State.Health}),
 * docker events JSON lines, docker ps (JSON lines or the table) and {@code sadf -j} JSON.
 * The file name is only a hint that breaks a tie between formats whose probes all accept the content;
 * a name alone never makes a format. Empty and blank content is {@link SourceKind#UNKNOWN}; so is binary content,
 * unless a format that holds binary data (journal export) accepts it.
 */
public final class FormatDetector {
    /** How many leading bytes are worth passing as {@code head}. */
    public static final int HEAD_BYTES = 64 * 1024;

    private FormatDetector() {
    }

    public static SourceKind detect(String fileName, byte[] head) {
        if (head == null || Text.firstNonBlank(head) < 0) {
            return SourceKind.UNKNOWN;
        }
        boolean binary = Text.looksBinary(head);
        String name = fileName == null ? "" : fileName;
        List<SourceKind> matches = new ArrayList<>();
        for (SourceParser p : Parsers.ALL) {
            if ((!binary || p.readsBinary()) && p.probe(name, head)) {
                matches.add(p.kind());
            }
        }
        if (matches.isEmpty()) {
            return SourceKind.UNKNOWN;
        }
        SourceKind hinted = hint(name);
        return matches.contains(hinted) ? hinted : matches.getFirst();
    }

    /** Says what the content looks like, for a message about a file no parser accepts. */
    public static String describe(byte[] head) {
        if (head == null || head.length == 0) {
            return "empty";
        }
        int first = Text.firstNonBlank(head);
        if (first < 0) {
            return "only blank space";
        }
        if (Text.looksBinary(head)) {
            return "binary data, starting with bytes " + Text.describeByte(head[0] & 0xff)
                    + (head.length > 1 ? " " + Text.describeByte(head[1] & 0xff) : "");
        }
        int end = first;
        while (end < head.length && end - first < 60 && head[end] != '\n' && head[end] != '\r') {
            end++;
        }
        return "text starting with \"" + Text.utf8(head, first, end) + "\"";
    }

    private static SourceKind hint(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        int slash = Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\'));
        n = n.substring(slash + 1);
        if (n.matches(".*-json\\.log(\\.\\d+)?")) {
            return SourceKind.DOCKER_JSON_LOG;
        }
        if (n.contains("inspect")) {
            return SourceKind.DOCKER_INSPECT;
        }
        if (n.contains("events")) {
            return SourceKind.DOCKER_EVENTS;
        }
        if (n.matches(".*(^|[-_.])ps([-_.]|$).*")) {
            return SourceKind.DOCKER_PS;
        }
        if (n.contains("iostat")) {
            return n.endsWith(".json") ? SourceKind.IOSTAT_JSON : SourceKind.IOSTAT_TEXT;
        }
        if (n.contains("sadf") || n.contains("sysstat")) {
            return SourceKind.SADF_JSON;
        }
        if (n.endsWith(".export")) {
            return SourceKind.JOURNAL_EXPORT;
        }
        if (n.contains("syslog") || n.matches("(.*[-_.])?messages([-_.].*)?")) {
            return SourceKind.SYSLOG;
        }
        if (n.contains("journal")) {
            return n.endsWith(".json") || n.endsWith(".jsonl") ? SourceKind.JOURNAL_JSON : SourceKind.JOURNAL_SHORT;
        }
        return SourceKind.UNKNOWN;
    }
}
