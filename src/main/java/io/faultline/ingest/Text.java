package io.faultline.ingest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Byte-level text helpers: UTF-8 with invalid bytes shown as {@code \xNN}, binary sniffing. */
final class Text {
    private Text() {
    }

    /** Decodes UTF-8; every byte that is not valid UTF-8 becomes the four characters {@code \xNN}. */
    static String utf8(byte[] bytes, int from, int to) {
        boolean ascii = true;
        for (int i = from; i < to && ascii; i++) {
            ascii = bytes[i] >= 0;
        }
        if (ascii) {
            return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
        }
        // valid UTF-8 decodes without U+FFFD unless the text holds one itself; only then is the slow path needed
        String fast = new String(bytes, from, to - from, StandardCharsets.UTF_8);
        if (fast.indexOf('\uFFFD') < 0) {
            return fast;
        }
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, from, to - from);
        CharBuffer out = CharBuffer.allocate(Math.max(16, (to - from) * 4 + 16));
        while (true) {
            CoderResult r = dec.decode(in, out, true);
            if (r.isUnderflow()) {
                dec.flush(out);
                break;
            }
            if (r.isError()) {
                for (int i = 0; i < r.length(); i++) {
                    out.put(String.format("\\x%02x", in.get() & 0xff));
                }
            } else {
                throw new IllegalStateException("output buffer too small for " + (to - from) + " bytes");
            }
        }
        out.flip();
        return out.toString();
    }

    static String utf8(byte[] bytes) {
        return utf8(bytes, 0, bytes.length);
    }

    /**
     * True when the bytes look like binary data rather than text: more than 10 % control bytes other than
     * tab, CR, LF, ESC, FF (NUL counts as one), or NUL bytes in more than 1 % of them. A stray NUL in a log
     * (a torn write) does not make it binary: the file is read as text and the NUL reported.
     */
    static boolean looksBinary(byte[] head) {
        int n = Math.min(head.length, 8192);
        int control = 0;
        int nul = 0;
        for (int i = 0; i < n; i++) {
            int b = head[i] & 0xff;
            if (b == 0) {
                nul++;
            }
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != 0x1b && b != '\f') {
                control++;
            }
        }
        return n > 0 && (control * 10 > n || nul * 100 > n);
    }

    /** Describes a byte for a diagnostic: printable ASCII quoted, otherwise hex. */
    static String describeByte(int b) {
        return b >= 0x20 && b < 0x7f ? "'" + (char) b + "'" : String.format("0x%02x", b);
    }

    /** Index of the first byte that is not JSON whitespace, or -1. */
    static int firstNonBlank(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return i;
            }
        }
        return -1;
    }

    /** 1-based line number of the byte at {@code offset}. */
    static long lineOf(byte[] bytes, long offset) {
        long line = 1;
        int end = (int) Math.min(offset, bytes.length);
        for (int i = 0; i < end; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
