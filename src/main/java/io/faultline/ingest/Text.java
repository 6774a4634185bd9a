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

    /** How many bytes outside NUL runs {@link #sniff} looks at. */
    static final int SNIFF_BYTES = 8192;

    /**
     * What {@link #sniff} found in the first {@value #SNIFF_BYTES} bytes outside runs of two or more NULs.
     *
     * @param sampled      bytes looked at (runs of NULs not counted)
     * @param loneNuls     NUL bytes with no NUL beside them
     * @param nonText      control bytes other than tab, LF, CR, ESC and FF (lone NULs included) and bytes that are not
     *                     valid UTF-8
     * @param firstNonText offset of the first of those, or -1
     */
    record Sniff(int sampled, int loneNuls, int nonText, long firstNonText) {
        /** More than 1 % lone NULs (UTF-16 without byte order mark, most binary formats) or more than 10 % non-text bytes. */
        boolean binary() {
            return sampled > 0 && (loneNuls * 100 > sampled || nonText * 10 > sampled);
        }

        String describe() {
            return String.format(java.util.Locale.ROOT, "%d of the first %d bytes outside NUL runs are control bytes,"
                    + " lone NULs or not UTF-8, the first at byte %d%s", nonText, sampled, firstNonText,
                    loneNuls * 3 > sampled ? "; UTF-16 without a byte order mark? convert it: iconv -f UTF-16LE -t UTF-8" : "");
        }
    }

    /**
     * Sniffs the bytes for binary data. Runs of two or more NULs are left out first: a log that a crash left with a
     * zero-filled block is text with a hole, not binary. What remains is binary when more than 1 % of it is lone NULs or
     * more than 10 % control bytes (other than tab, LF, CR, ESC, FF) or bytes that are not UTF-8: random bytes, an ELF
     * or a PNG have about half; text in Latin-1 read as UTF-8 has a few percent.
     */
    static Sniff sniff(byte[] bytes) {
        int sampled = 0;
        int loneNuls = 0;
        int nonText = 0;
        long first = -1;
        int i = 0;
        while (i < bytes.length && sampled < SNIFF_BYTES) {
            int b = bytes[i] & 0xff;
            if (b == 0) {
                int end = i + 1;
                while (end < bytes.length && bytes[end] == 0) {
                    end++;
                }
                if (end - i == 1) {
                    sampled++;
                    loneNuls++;
                    nonText++;
                    first = first < 0 ? i : first;
                }
                i = end;
                continue;
            }
            int len = b < 0x80 ? 1 : utf8Length(bytes, i);
            boolean bad = len == 0 || b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != 0x1b && b != '\f';
            if (bad) {
                nonText++;
                first = first < 0 ? i : first;
                len = 1;
            }
            sampled += len;
            i += len;
        }
        return new Sniff(sampled, loneNuls, nonText, first);
    }

    /** True when the bytes look like binary data rather than text ({@link #sniff}). */
    static boolean looksBinary(byte[] head) {
        return sniff(head).binary();
    }

    /** Length of the valid UTF-8 sequence at {@code i} (a sequence cut by the end counts as valid), or 0. */
    private static int utf8Length(byte[] bytes, int i) {
        int b = bytes[i] & 0xff;
        int len;
        if (b >= 0xc2 && b <= 0xdf) {
            len = 2;
        } else if (b >= 0xe0 && b <= 0xef) {
            len = 3;
        } else if (b >= 0xf0 && b <= 0xf4) {
            len = 4;
        } else {
            return 0;
        }
        int k = 1;
        for (; k < len && i + k < bytes.length; k++) {
            if ((bytes[i + k] & 0xc0) != 0x80) {
                return 0;
            }
        }
        return k;
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
        return 1 + count(bytes, (int) Math.min(offset, bytes.length), (byte) '\n');
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long LOWS = 0x7f7f7f7f7f7f7f7fL;

    /** How many of the first {@code end} bytes are {@code value}: eight bytes at a time. */
    static long count(byte[] bytes, int end, byte value) {
        long pattern = ONES * (value & 0xff);
        long n = 0;
        int i = 0;
        for (; i + 8 <= end; i += 8) {
            long x = (long) LONGS.get(bytes, i) ^ pattern;
            // a high bit for each zero byte of x, exactly (no borrow across bytes)
            long zeros = ~(((x & LOWS) + LOWS) | x | LOWS);
            n += Long.bitCount(zeros);
        }
        for (; i < end; i++) {
            if (bytes[i] == value) {
                n++;
            }
        }
        return n;
    }
}
