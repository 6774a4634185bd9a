package io.faultline.ingest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The raw lines around a place in an entry, for showing where a diagnostic points: invalid UTF-8 and
 * control characters (all but tab) shown as {@code \xNN}, so a torn write is visible in any text control;
 * long lines cut for display (the bytes in the bundle stay whole). Reads the stream once and
 * keeps only the lines it returns. Gzip and UTF-16 content (with a byte order mark) is shown decoded, as parsers read
 * it ({@link EntryText}): its lines are those the diagnostics name.
 */
public final class RawLines {
    /** Longest part of a line shown; the rest is counted, not kept. */
    public static final int SHOWN_BYTES = 2000;

    /**
     * One line of the excerpt.
     *
     * @param number     1-based line number in the entry
     * @param byteOffset offset of the line's first byte in the entry
     * @param length     the line's length in bytes, without its line break
     * @param text       the first {@link #SHOWN_BYTES} bytes, decoded, control characters escaped
     */
    public record Line(long number, long byteOffset, long length, String text) {
        public boolean cut() {
            return length > SHOWN_BYTES;
        }
    }

    private RawLines() {
    }

    /**
     * The lines {@code target - context .. target + context} of the stream (fewer at its start and end).
     * A target of 0 or less means the start of the entry.
     */
    public static List<Line> around(InputStream raw, long target, int context) throws IOException {
        InputStream in = decoded(raw);
        long centre = Math.max(1, target);
        long first = Math.max(1, centre - context);
        long last = centre + context;
        Deque<Line> kept = new ArrayDeque<>();
        byte[] buf = new byte[64 * 1024];
        byte[] shown = new byte[SHOWN_BYTES];
        int shownLen = 0;
        long lineNo = 1;
        long lineStart = 0;
        long pos = 0;
        boolean pending = false;
        int n;
        while (lineNo <= last && (n = readSome(in, buf)) > 0) {
            for (int i = 0; i < n && lineNo <= last; i++, pos++) {
                byte b = buf[i];
                if (b == '\n') {
                    if (lineNo >= first) {
                        kept.add(line(lineNo, lineStart, pos - lineStart, shown, shownLen));
                    }
                    lineNo++;
                    lineStart = pos + 1;
                    shownLen = 0;
                    pending = false;
                } else {
                    pending = true;
                    if (lineNo >= first && shownLen < SHOWN_BYTES) {
                        shown[shownLen++] = b;
                    }
                }
            }
        }
        if (pending && lineNo >= first && lineNo <= last) {
            kept.add(line(lineNo, lineStart, pos - lineStart, shown, shownLen));
        }
        return new ArrayList<>(kept);
    }

    /**
     * The raw line of a record: the bytes from {@code byteOffset} of the entry (as parsers read it, {@link EntryText})
     * to the end of that line, numbered {@code number}; when the offset is unknown (negative), line {@code number}
     * counted from the start. Skips to the offset without keeping what it passes. Null when the entry ends before it.
     */
    public static Line at(InputStream raw, long number, long byteOffset) throws IOException {
        if (byteOffset < 0) {
            return around(raw, number, 0).stream().filter(l -> l.number() == number).findFirst().orElse(null);
        }
        InputStream in = decoded(raw);
        try {
            in.skipNBytes(byteOffset);
        } catch (java.io.EOFException e) {
            return null;
        }
        byte[] buf = new byte[64 * 1024];
        byte[] shown = new byte[SHOWN_BYTES];
        int shownLen = 0;
        long length = 0;
        boolean any = false;
        int n;
        while ((n = readSome(in, buf)) > 0) {
            any = true;
            for (int i = 0; i < n; i++) {
                if (buf[i] == '\n') {
                    return line(number, byteOffset, length, shown, shownLen);
                }
                if (shownLen < SHOWN_BYTES) {
                    shown[shownLen++] = buf[i];
                }
                length++;
            }
        }
        return any ? line(number, byteOffset, length, shown, shownLen) : null;
    }

    /** The stream as parsers read it: gzip undone, UTF-16 and UTF-32 converted to UTF-8. */
    private static InputStream decoded(InputStream raw) throws IOException {
        PushbackInputStream in = new PushbackInputStream(raw, 4);
        byte[] magic = peek(in);
        if (EntryText.isGzip(magic)) {
            // not buffered: a buffer reading ahead would lose what a stream cut short gave before it ends
            in = new PushbackInputStream(new GZIPInputStream(in), 4);
            magic = peek(in);
        }
        EntryText.Unicode bom = EntryText.Unicode.of(magic);
        if (bom == null) {
            return in;
        }
        in.skipNBytes(bom.mark.length);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        int n;
        while ((n = readSome(in, buf)) > 0) {
            all.write(buf, 0, n);
        }
        String text = new String(all.toByteArray(), Charset.forName(bom.charset));
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads into {@code buf}; a gzip stream cut short (a head, a damaged file) ends where it is cut. */
    private static int readSome(InputStream in, byte[] buf) throws IOException {
        return readSome(in, buf, 0);
    }

    private static int readSome(InputStream in, byte[] buf, int from) throws IOException {
        try {
            return in.read(buf, from, buf.length - from);
        } catch (java.io.EOFException e) {
            return -1;
        }
    }

    private static byte[] peek(PushbackInputStream in) throws IOException {
        byte[] magic = new byte[4];
        int n = 0;
        int r;
        while (n < magic.length && (r = readSome(in, magic, n)) > 0) {
            n += r;
        }
        in.unread(magic, 0, n);
        return Arrays.copyOf(magic, n);
    }

    private static Line line(long number, long start, long length, byte[] shown, int shownLen) {
        int end = shownLen;
        if (end > 0 && length == end && shown[end - 1] == '\r') {
            end--;
        }
        return new Line(number, start, length, visible(Text.utf8(shown, 0, end)));
    }

    private static String visible(String text) {
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = (c < 0x20 && c != '\t') || c == 0x7f;
            if (control && b == null) {
                b = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (control) {
                b.append(String.format("\\x%02x", (int) c));
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? text : b.toString();
    }
}
