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
 * unless a format that holds binary data (journal export) accepts it. The content is looked at as parsers read it
 * ({@link EntryText}): gzip decompressed, UTF-16 converted, a byte order mark and NUL runs left out.
 */
public final class FormatDetector {
    /** How many leading bytes are worth passing as {@code head}. */
    public static final int HEAD_BYTES = 64 * 1024;

    private FormatDetector() {
    }

    /** The format of a file whose first bytes (up to {@link #HEAD_BYTES}) are {@code head}, as they are on disk. */
    public static SourceKind detect(String fileName, byte[] head) {
        if (head == null) {
            return SourceKind.UNKNOWN;
        }
        return detectDecoded(fileName, EntryText.decode(head, HEAD_BYTES).bytes());
    }

    /** The format of content already decoded ({@link EntryText#decode}): NULs are left out for the text formats. */
    static SourceKind detectDecoded(String fileName, byte[] head) {
        byte[] text = EntryText.withoutNuls(head, 0, line -> false).text();
        if (Text.firstNonBlank(text) < 0) {
            return SourceKind.UNKNOWN;
        }
        boolean binary = Text.looksBinary(head);
        String name = fileName == null ? "" : fileName;
        List<SourceKind> matches = new ArrayList<>();
        for (SourceParser p : Parsers.ALL) {
            if ((!binary || p.readsBinary()) && p.probe(name, p.readsBinary() ? head : text)) {
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
    public static String describe(byte[] raw) {
        if (raw == null || raw.length == 0) {
            return "empty";
        }
        String how = EntryText.isGzip(raw) ? "gzip-compressed, decompressed: " : "";
        byte[] head = EntryText.decode(raw, HEAD_BYTES).bytes();
        if (head.length == 0) {
            return how + "empty";
        }
        if (Text.looksBinary(head)) {
            return how + "binary data, starting with bytes " + Text.describeByte(head[0] & 0xff)
                    + (head.length > 1 ? " " + Text.describeByte(head[1] & 0xff) : "");
        }
        head = EntryText.withoutNuls(head, 0, line -> false).text();
        int first = Text.firstNonBlank(head);
        if (first < 0) {
            return how + "only blank space and NUL bytes";
        }
        int end = first;
        while (end < head.length && end - first < 60 && head[end] != '\n' && head[end] != '\r') {
            end++;
        }
        return how + "text starting with \"" + Text.utf8(head, first, end) + "\"";
    }

    private static SourceKind hint(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        int slash = Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\'));
        n = n.substring(slash + 1);
        if (n.endsWith(".gz")) {
            n = n.substring(0, n.length() - 3);
        }
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
