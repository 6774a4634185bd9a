package io.faultline.ingest;

import io.faultline.capture.SourceKind;
import io.faultline.model.Diagnostic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code journalctl -o export}: an entry is a run of fields, {@code NAME=value\n} for text and
 * {@code NAME\n<64-bit little-endian length><bytes>\n} for a value that may hold newlines or binary data; a blank
 * line ends the entry. Binary values are decoded as UTF-8 for display (invalid bytes as {@code \xNN}); the raw
 * bytes stay in the bundle. Entries become events through {@link JournalEntries}, the mapping {@code -o json}
 * shares, so both dumps of one journal give the same events. A multi-line {@code MESSAGE} stays one event.
 *
 * <p>Bad input: a line that is no field is reported and skipped; a binary value whose length runs past the end or
 * is not followed by a newline is reported, the rest of that entry up to the next blank line is skipped, and the
 * fields read before it still make the event.
 */
final class JournalExportParser implements SourceParser {
    static final String SOURCE = "journal-export";
    private static final int PROBE_FIELDS = 8;

    @Override
    public SourceKind kind() {
        return SourceKind.JOURNAL_EXPORT;
    }

    @Override
    public boolean readsBinary() {
        return true;
    }

    @Override
    public boolean probe(String fileName, byte[] head) {
        Reader r = new Reader(head);
        boolean timestamp = false;
        for (int i = 0; i < PROBE_FIELDS; i++) {
            Step s = r.next();
            if (s == Step.FIELD) {
                timestamp |= r.name.equals("__REALTIME_TIMESTAMP") || r.name.equals("__CURSOR");
            } else if (s == Step.END_OF_ENTRY || s == Step.END_OF_DATA) {
                return timestamp;
            } else {
                // a head may cut a binary value anywhere; only a bad first field rules the format out
                return timestamp && r.error.startsWith("binary");
            }
        }
        return timestamp;
    }

    @Override
    public void parse(EntryContext ctx, byte[] data, Collector out) {
        JournalEntries entries = new JournalEntries(ctx, SOURCE, out);
        Reader r = new Reader(data);
        Map<String, List<String>> entry = new LinkedHashMap<>();
        long entryLine = 0;
        long entryOffset = 0;
        while (true) {
            long line = r.lineNo;
            long offset = r.pos;
            Step s = r.next();
            if (s == Step.FIELD) {
                if (entry.isEmpty()) {
                    entryLine = line;
                    entryOffset = offset;
                }
                entry.computeIfAbsent(r.name, k -> new ArrayList<>()).add(r.value);
                continue;
            }
            if (s == Step.BAD_LINE) {
                out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, line, offset, r.error + "; line skipped"));
                continue;
            }
            if (s == Step.BAD_ENTRY) {
                out.diagnostic(ctx.diagnostic(Diagnostic.Level.ERROR, r.errorLine, r.errorOffset, r.error
                        + "; the rest of this entry (to the next blank line) skipped" + (entry.isEmpty() ? "" : ", the fields before kept")));
                r.skipEntry();
            }
            if (!entry.isEmpty()) {
                entries.accept(entry, entryLine, entryOffset);
                entry = new LinkedHashMap<>();
            }
            if (s == Step.END_OF_DATA) {
                return;
            }
        }
    }

    private enum Step { FIELD, END_OF_ENTRY, END_OF_DATA, BAD_LINE, BAD_ENTRY }

    /** Walks fields; {@link #lineNo} and {@link #pos} always point at the next unread line. */
    private static final class Reader {
        private final byte[] data;
        int pos;
        long lineNo = 1;
        String name;
        String value;
        String error;
        long errorLine;
        long errorOffset;

        Reader(byte[] data) {
            this.data = data;
        }

        Step next() {
            if (pos >= data.length) {
                return Step.END_OF_DATA;
            }
            int eol = pos;
            while (eol < data.length && data[eol] != '\n') {
                eol++;
            }
            int start = pos;
            if (eol == start || eol == start + 1 && data[start] == '\r') {
                // a blank line ends the entry (CRLF when the text went through a Windows clipboard)
                advance(eol + 1);
                return Step.END_OF_ENTRY;
            }
            int eq = start;
            while (eq < eol && data[eq] != '=') {
                eq++;
            }
            if (!fieldName(start, eq)) {
                error = "not a journal export field (expected NAME=value or a binary field's NAME): '"
                        + JournalShortParser.abbreviate(Text.utf8(data, start, eol)) + "'";
                advance(eol + 1);
                return Step.BAD_LINE;
            }
            name = Text.utf8(data, start, eq);
            if (eq < eol) {
                value = Text.utf8(data, eq + 1, eol);
                advance(eol + 1);
                return Step.FIELD;
            }
            return binary(start, eol);
        }

        private Step binary(int start, int eol) {
            errorLine = lineNo;
            errorOffset = start;
            int lenAt = eol + 1;
            if (lenAt + 8 > data.length) {
                error = "binary field " + name + " is cut: its 8-byte length is missing (" + Math.max(0, data.length - lenAt)
                        + " bytes left)";
                advance(data.length);
                return Step.BAD_ENTRY;
            }
            long len = 0;
            for (int i = 7; i >= 0; i--) {
                len = len << 8 | (data[lenAt + i] & 0xff);
            }
            long from = lenAt + 8L;
            long left = data.length - from;
            if (len < 0 || len > left) {
                error = "binary field " + name + " claims " + Long.toUnsignedString(len) + " bytes but only " + left + " follow";
                advance(lenAt);
                return Step.BAD_ENTRY;
            }
            int to = (int) (from + len);
            if (to < data.length && data[to] != '\n') {
                error = "binary field " + name + " of " + len + " bytes is not followed by a newline (found "
                        + Text.describeByte(data[to] & 0xff) + " at byte " + to + ")";
                advance(lenAt);
                return Step.BAD_ENTRY;
            }
            value = Text.utf8(data, (int) from, to);
            advance(to + 1);
            return Step.FIELD;
        }

        /** Moves to {@code to} (at most the end), counting the newlines passed (binary values hold some). */
        private void advance(int target) {
            int to = Math.min(target, data.length);
            for (int i = pos; i < to; i++) {
                if (data[i] == '\n') {
                    lineNo++;
                }
            }
            pos = to;
        }

        /** After a bad binary field: on to just past the next blank line (the end of the entry). */
        void skipEntry() {
            int i = pos;
            while (i < data.length && !(data[i] == '\n' && (i == 0 || data[i - 1] == '\n'))) {
                i++;
            }
            advance(i + 1);
        }

        private boolean fieldName(int from, int to) {
            if (to == from) {
                return false;
            }
            for (int i = from; i < to; i++) {
                int b = data[i];
                if (!(b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_' || b >= 'a' && b <= 'z')) {
                    return false;
                }
            }
            return true;
        }
    }
}
