package io.faultline.ingest;

import io.faultline.model.Diagnostic;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * What a text parser reads of an entry's raw bytes (which stay in the bundle as they are):
 * <ol>
 *   <li>{@link #decode}: gzip content (magic {@code 1f 8b}) decompressed, up to a cap; UTF-16 with a byte order mark
 *       converted to UTF-8; a UTF-8 byte order mark dropped. Decided by content, never by the name.</li>
 *   <li>{@link #withoutNuls}: every run of NUL bytes (a torn or zero-filled write) left out and reported once; when the
 *       run cuts a line and the text after it starts a record of the format, that text starts a new line.</li>
 * </ol>
 * Line numbers and byte offsets that parsers give are mapped back by {@link TextMap}: into the raw bytes, or, for
 * decompressed or converted content, into that decoded text (an INFO diagnostic says so).
 */
final class EntryText {
    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;
    /** The most of a line after a NUL run that is probed for the start of a record. */
    private static final int PROBE_LINE_BYTES = 4096;

    /** A diagnostic about how the bytes were read, at a place in the raw bytes (or the decoded text). */
    record Note(Diagnostic.Level level, long line, long byteOffset, String reason) {
    }

    /**
     * @param bytes     the content to read
     * @param shift     bytes dropped before {@code bytes} (a UTF-8 byte order mark): an offset in {@code bytes} plus this
     *                  is an offset in the raw bytes, or in the decoded text when {@code decoded}
     * @param decoded   true when the content was decompressed or converted, so offsets are in the decoded text
     * @param notes     what was done, for INFO and WARNING diagnostics
     */
    record Decoded(byte[] bytes, int shift, boolean decoded, List<Note> notes) {
    }

    /** One run of NUL bytes left out, where it is in the bytes given to {@link #withoutNuls}. */
    record NulRun(long line, long byteOffset, long length, boolean newLine) {
        String describe() {
            return String.format(Locale.ROOT, "%d NUL byte%s at byte %d (a torn or zero-filled write?): left out, the text around %s read%s",
                    length, length == 1 ? "" : "s", byteOffset, length == 1 ? "it is" : "them is",
                    newLine ? "; the text after them starts a new line" : "");
        }
    }

    /** Text without its NUL runs, the runs, and how to map the text's places back. */
    record Cleaned(byte[] text, List<NulRun> runs, TextMap map) {
    }

    private EntryText() {
    }

    /**
     * Undoes gzip, converts UTF-16 and UTF-32 (by their byte order marks), drops a UTF-8 byte order mark.
     *
     * @param maxBytes the most decompressed bytes kept; the rest of a bigger (or bomb) gzip stream is not read
     */
    static Decoded decode(byte[] raw, long maxBytes) {
        List<Note> notes = new ArrayList<>();
        byte[] bytes = raw;
        boolean decoded = false;
        if (isGzip(bytes)) {
            bytes = gunzip(raw, maxBytes, notes);
            decoded = true;
        }
        Unicode bom = Unicode.of(bytes);
        if (bom != null) {
            int rawLength = bytes.length;
            bytes = toUtf8(bytes, bom);
            notes.add(new Note(Diagnostic.Level.INFO, 0, -1, String.format(Locale.ROOT,
                    "%s text (byte order mark %s): read as %s (%,d bytes, %,d as UTF-8); line numbers are the file's,"
                            + " byte offsets are in the text converted to UTF-8", bom.charset, bom.hex, bom.charset,
                    rawLength, bytes.length)));
            return new Decoded(bytes, 0, true, notes);
        }
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf) {
            notes.add(new Note(Diagnostic.Level.INFO, 1, 0, "UTF-8 byte order mark (ef bb bf) at the start: skipped"));
            return new Decoded(Arrays.copyOfRange(bytes, 3, bytes.length), 3, decoded, notes);
        }
        return new Decoded(bytes, 0, decoded, notes);
    }

    static boolean isGzip(byte[] bytes) {
        return bytes.length >= 2 && (bytes[0] & 0xff) == GZIP_MAGIC_1 && (bytes[1] & 0xff) == GZIP_MAGIC_2;
    }

    private static byte[] gunzip(byte[] raw, long maxBytes, List<Note> notes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(32, (int) Math.min(maxBytes, raw.length * 4L)));
        byte[] buf = new byte[64 * 1024];
        String problem = null;
        boolean capped = false;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw), buf.length)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                long room = maxBytes - out.size();
                if (n > room) {
                    out.write(buf, 0, (int) room);
                    capped = true;
                    break;
                }
                out.write(buf, 0, n);
            }
        } catch (EOFException e) {
            problem = "the gzip stream ends early (a cut file?)";
        } catch (ZipException e) {
            problem = "the gzip stream is damaged (" + e.getMessage() + ")";
        } catch (IOException e) {
            problem = "the gzip stream cannot be read (" + e.getMessage() + ")";
        }
        byte[] bytes = out.toByteArray();
        notes.add(new Note(Diagnostic.Level.INFO, 0, -1, String.format(Locale.ROOT,
                "gzip-compressed, read decompressed (%,d bytes, %,d decompressed); line numbers and byte offsets are in the"
                        + " decompressed text", raw.length, bytes.length)));
        if (capped) {
            notes.add(new Note(Diagnostic.Level.WARNING, 0, -1, String.format(Locale.ROOT,
                    "decompression stopped at %,d MB, the most this Faultline reads into memory for one entry with a heap of %,d MB;"
                            + " the rest is not read (start with a larger -Xmx, or decompress a shorter part)",
                    maxBytes >> 20, Runtime.getRuntime().maxMemory() >> 20)));
        }
        if (problem != null) {
            notes.add(new Note(Diagnostic.Level.WARNING, 0, -1, problem + " after " + bytes.length
                    + " decompressed bytes: what was decompressed is read"));
        }
        return bytes;
    }

    /** The UTF-16 and UTF-32 byte order marks, longest first (ff fe 00 00 is UTF-32LE, not UTF-16LE and a NUL). */
    enum Unicode {
        UTF_32LE("UTF-32LE", "ff fe 00 00", 0xff, 0xfe, 0, 0),
        UTF_32BE("UTF-32BE", "00 00 fe ff", 0, 0, 0xfe, 0xff),
        UTF_16LE("UTF-16LE", "ff fe", 0xff, 0xfe),
        UTF_16BE("UTF-16BE", "fe ff", 0xfe, 0xff);

        final String charset;
        final String hex;
        final int[] mark;

        Unicode(String charset, String hex, int... mark) {
            this.charset = charset;
            this.hex = hex;
            this.mark = mark;
        }

        static Unicode of(byte[] bytes) {
            for (Unicode u : values()) {
                if (bytes.length >= u.mark.length && IntStream.range(0, u.mark.length).allMatch(i -> (bytes[i] & 0xff) == u.mark[i])) {
                    return u;
                }
            }
            return null;
        }
    }

    private static byte[] toUtf8(byte[] bytes, Unicode bom) {
        CharsetDecoder dec = Charset.forName(bom.charset).newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        CharBuffer chars;
        try {
            chars = dec.decode(ByteBuffer.wrap(bytes, bom.mark.length, bytes.length - bom.mark.length));
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("a replacing decoder reported an error", e);
        }
        ByteBuffer utf8 = StandardCharsets.UTF_8.encode(chars);
        byte[] out = new byte[utf8.remaining()];
        utf8.get(out);
        return out;
    }

    /**
     * The text without its NUL runs.
     *
     * @param shift        bytes dropped before {@code bytes} (added to every offset mapped back)
     * @param startsRecord whether a line (the text after a run that cuts a line, up to the end of that line) starts a record
     *                     of the entry's format; then that text starts a new line instead of continuing the cut one
     */
    static Cleaned withoutNuls(byte[] bytes, int shift, Predicate<byte[]> startsRecord) {
        int first = indexOfNul(bytes, 0);
        if (first < 0) {
            return new Cleaned(bytes, List.of(), TextMap.shifted(shift));
        }
        ByteArrayOutputStream text = new ByteArrayOutputStream(bytes.length);
        List<NulRun> runs = new ArrayList<>();
        TextMap.Builder map = new TextMap.Builder(shift);
        long line = 1;
        long textLine = 1;
        int pos = 0;
        while (pos < bytes.length) {
            int nul = indexOfNul(bytes, pos);
            int upTo = nul < 0 ? bytes.length : nul;
            for (int i = pos; i < upTo; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    textLine++;
                }
            }
            text.write(bytes, pos, upTo - pos);
            if (nul < 0) {
                break;
            }
            int end = nul;
            while (end < bytes.length && bytes[end] == 0) {
                end++;
            }
            boolean cutsLine = nul > 0 && bytes[nul - 1] != '\n' && end < bytes.length && bytes[end] != '\n' && bytes[end] != '\r';
            boolean newLine = cutsLine && startsRecord.test(restOfLine(bytes, end));
            if (newLine) {
                text.write('\n');
                textLine++;
                map.removed(text.size(), end - nul - 1, textLine);
            } else {
                map.removed(text.size(), end - nul, 0);
            }
            runs.add(new NulRun(line, nul + (long) shift, end - nul, newLine));
            pos = end;
        }
        return new Cleaned(text.toByteArray(), runs, map.build());
    }

    private static byte[] restOfLine(byte[] bytes, int from) {
        int end = from;
        while (end < bytes.length && end - from < PROBE_LINE_BYTES && bytes[end] != '\n' && bytes[end] != 0) {
            end++;
        }
        byte[] line = Arrays.copyOfRange(bytes, from, end + 1);
        line[line.length - 1] = '\n';
        return line;
    }

    static int indexOfNul(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
