package io.faultline.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the common line of {@code journalctl -o json} straight from its bytes, without a JSON parser: one flat object on
 * a line of its own, no whitespace, field names of ASCII letters, digits and underscores, and each value a string, a
 * {@code null} or an array of byte numbers (a binary field). It reads only what it reads exactly as the JSON parser path
 * ({@link JournalJsonParser}) does, and refuses the rest: a value of another kind (a number, an object, an array of
 * strings, an empty array), whitespace, a name with an escape or another character, a control character, a byte
 * sequence that is not strict UTF-8, an unknown escape, a string longer than {@value #MAX_STRING_BYTES} bytes, a byte
 * number with a sign, a leading zero or above 255, anything after the closing brace but the line's end. A refused line
 * goes to the JSON parser. Repeated short values come from a byte-keyed cache ({@link ByteStrings}), so reading them
 * makes no string. Not thread-safe: one per reader.
 */
final class JournalLine {
    /** Far under Jackson's limit on a string (20 M characters), so a string the parser would refuse is never read here. */
    static final int MAX_STRING_BYTES = 1 << 20;
    private static final int MAX_NAME_BYTES = 255;
    /** Values longer than this are not looked up in the cache: they rarely repeat. */
    private static final int CACHED_MAX_BYTES = 128;
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private final ByteStrings names = new ByteStrings(256);
    private final ByteStrings values = new ByteStrings(4096);
    /** The bytes of the last byte array read, {@link #byteCount} of them. */
    private byte[] bytes = new byte[256];
    private int byteCount;
    /** Of the last string read: where its first escape is (-1: none), whether it is all ASCII. */
    private int firstEscape;
    private boolean ascii;

    /**
     * Reads the record that starts at {@code data[from]}, in {@code data[0, end)}, into {@code fields} (cleared first) when it is a line this
     * reads exactly: returns the offset just after its closing brace, which is {@code end} or followed by a line feed; {@code message} gets where the text of a string {@code MESSAGE} lies in {@code data} (after its opening
     * quote, at its closing quote), {-1, -1} when there is none, as {@link JournalJsonParser} gives it. Returns -1 when
     * the record is not such a line; {@code fields} and {@code message} then hold nothing of use.
     */
    int read(byte[] data, int end, int from, JournalFields fields, long[] message) {
        fields.clear();
        message[0] = -1;
        message[1] = -1;
        int n = end;
        if (from >= n || data[from] != '{') {
            return -1;
        }
        int i = from + 1;
        if (i < n && data[i] == '}') {
            return lineEnd(data, n, i + 1);
        }
        while (true) {
            // a name
            if (i >= n || data[i] != '"') {
                return -1;
            }
            int nameStart = ++i;
            while (i < n && isNameByte(data[i])) {
                i++;
            }
            if (i >= n || data[i] != '"' || i == nameStart || i - nameStart > MAX_NAME_BYTES) {
                return -1;
            }
            int nameEnd = i++;
            if (i >= n || data[i] != ':') {
                return -1;
            }
            i++;
            if (i >= n) {
                return -1;
            }
            byte b = data[i];
            String name;
            if (b == '"') {
                int start = i + 1;
                int close = string(data, n, start);
                if (close < 0) {
                    return -1;
                }
                int slot = names.slot(data, nameStart, nameEnd, true);
                name = names.string(slot);
                boolean isMessage = "MESSAGE".equals(name);
                fields.put(name, value(data, start, close, isMessage || names.unique(slot)));
                if (isMessage) {
                    message[0] = start;
                    message[1] = close;
                }
                i = close + 1;
            } else if (b == 'n') {
                if (n - i < NULL.length || !Arrays.equals(data, i, i + NULL.length, NULL, 0, NULL.length)) {
                    return -1;
                }
                name = names.get(data, nameStart, nameEnd, true);
                resetMessage(name, message);
                fields.put(name, null);
                i += NULL.length;
            } else if (b == '[') {
                int close = byteArray(data, n, i + 1);
                if (close < 0) {
                    return -1;
                }
                name = names.get(data, nameStart, nameEnd, true);
                resetMessage(name, message);
                fields.put(name, Text.utf8(bytes, 0, byteCount));
                i = close + 1;
            } else {
                return -1;
            }
            if (i >= n) {
                return -1;
            }
            if (data[i] == '}') {
                return lineEnd(data, n, i + 1);
            }
            if (data[i] != ',') {
                return -1;
            }
            i++;
        }
    }

    private static void resetMessage(String name, long[] message) {
        if ("MESSAGE".equals(name)) {
            message[0] = -1;
            message[1] = -1;
        }
    }

    /** {@code at} when the record's closing brace ends {@code data[0, end)} or is followed by a line feed; else -1. */
    private static int lineEnd(byte[] data, int end, int at) {
        return at == end || data[at] == '\n' ? at : -1;
    }

    private static boolean isNameByte(byte b) {
        return b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '_';
    }

    /**
     * Where the string whose contents start at {@code start} ends (its closing quote), when its contents are valid: no
     * control character, strict UTF-8, only the escapes JSON knows, at most {@value #MAX_STRING_BYTES} bytes; else -1.
     */
    private int string(byte[] data, int end, int start) {
        int n = Math.min(end, start + MAX_STRING_BYTES + 1);
        int i = start;
        firstEscape = -1;
        ascii = true;
        while (i < n) {
            // eight plain bytes (printable ASCII but quote and backslash) at a time
            while (i + 8 <= n) {
                long x = (long) LONGS.get(data, i);
                long special = (x - ONES * 0x20 & ~x | zeroBytes(x ^ ONES * '"') | zeroBytes(x ^ ONES * '\\') | x) & HIGHS;
                if (special != 0) {
                    i += Long.numberOfTrailingZeros(special) >>> 3;
                    break;
                }
                i += 8;
            }
            if (i >= n) {
                break;
            }
            byte b = data[i];
            if (b == '"') {
                return i;
            }
            if (b >= 0x20) {
                if (b == '\\') {
                    if (i + 1 >= n) {
                        return -1;
                    }
                    if (firstEscape < 0) {
                        firstEscape = i;
                    }
                    byte e = data[i + 1];
                    if (e == 'u') {
                        if (i + 6 > n || hex(data[i + 2]) < 0 || hex(data[i + 3]) < 0 || hex(data[i + 4]) < 0 || hex(data[i + 5]) < 0) {
                            return -1;
                        }
                        i += 6;
                    } else if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't') {
                        i += 2;
                    } else {
                        return -1;
                    }
                } else {
                    i++;
                }
            } else if (b >= 0) {
                return -1;
            } else {
                int len = utf8Sequence(data, i, n);
                if (len < 0) {
                    return -1;
                }
                ascii = false;
                i += len;
            }
        }
        return -1;
    }

    /** The length of the strict UTF-8 sequence of two to four bytes at {@code i} (before {@code n}); -1 when it is not one. */
    static int utf8Sequence(byte[] data, int i, int n) {
        int b0 = data[i] & 0xff;
        if (b0 >= 0xc2 && b0 <= 0xdf) {
            return i + 1 < n && continuation(data[i + 1]) ? 2 : -1;
        }
        if (b0 >= 0xe0 && b0 <= 0xef) {
            if (i + 2 >= n) {
                return -1;
            }
            int b1 = data[i + 1] & 0xff;
            int lo = b0 == 0xe0 ? 0xa0 : 0x80;
            int hi = b0 == 0xed ? 0x9f : 0xbf;
            return b1 >= lo && b1 <= hi && continuation(data[i + 2]) ? 3 : -1;
        }
        if (b0 >= 0xf0 && b0 <= 0xf4) {
            if (i + 3 >= n) {
                return -1;
            }
            int b1 = data[i + 1] & 0xff;
            int lo = b0 == 0xf0 ? 0x90 : 0x80;
            int hi = b0 == 0xf4 ? 0x8f : 0xbf;
            return b1 >= lo && b1 <= hi && continuation(data[i + 2]) && continuation(data[i + 3]) ? 4 : -1;
        }
        return -1;
    }

    /**
     * A high bit for each byte of {@code x} that is zero and possibly for bytes above the first one: exact up to and
     * including the lowest, which is all a scan for the first needs.
     */
    private static long zeroBytes(long x) {
        return x - ONES & ~x;
    }

    private static boolean continuation(byte b) {
        return (b & 0xc0) == 0x80;
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    /**
     * The text of the valid string's contents {@code data[start, end)} that {@link #string} read last: from the cache
     * unless {@code unique}, escapes decoded.
     */
    private String value(byte[] data, int start, int end, boolean unique) {
        if (firstEscape >= 0) {
            return unescaped(data, start, end, firstEscape);
        }
        if (!unique && end - start <= CACHED_MAX_BYTES) {
            return values.get(data, start, end, ascii);
        }
        return new String(data, start, end - start, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    /** Decodes a valid string's contents holding an escape, each {@code \\uXXXX} as one char, as a JSON parser does. */
    private static String unescaped(byte[] data, int start, int end, int firstEscape) {
        StringBuilder out = new StringBuilder(end - start);
        int run = start;
        int i = firstEscape;
        while (i < end) {
            if (data[i] != '\\') {
                i++;
                continue;
            }
            out.append(new String(data, run, i - run, StandardCharsets.UTF_8));
            byte e = data[i + 1];
            switch (e) {
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> out.append((char) (hex(data[i + 2]) << 12 | hex(data[i + 3]) << 8 | hex(data[i + 4]) << 4 | hex(data[i + 5])));
                default -> out.append((char) e);
            }
            i += e == 'u' ? 6 : 2;
            run = i;
        }
        return out.append(new String(data, run, end - run, StandardCharsets.UTF_8)).toString();
    }

    /**
     * Reads the byte numbers after an array's opening bracket at {@code start} into {@link #bytes} ({@link #byteCount}
     * of them) and returns where its closing bracket is; -1 when it is empty or holds anything but the numbers 0 to 255
     * written plainly (no sign, leading zero, fraction, exponent or whitespace), separated by commas.
     */
    private int byteArray(byte[] data, int end, int start) {
        int n = end;
        int i = start;
        byteCount = 0;
        while (true) {
            int digits = 0;
            int v = 0;
            while (i < n && data[i] >= '0' && data[i] <= '9' && digits < 4) {
                v = v * 10 + (data[i] - '0');
                digits++;
                i++;
            }
            if (digits == 0 || digits > 3 || v > 255 || digits > 1 && data[i - digits] == '0' || i >= n) {
                return -1;
            }
            if (byteCount == bytes.length) {
                if (bytes.length >= MAX_STRING_BYTES) {
                    return -1;
                }
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
            }
            bytes[byteCount++] = (byte) v;
            if (data[i] == ']') {
                return i;
            }
            if (data[i] != ',') {
                return -1;
            }
            i++;
        }
    }

    /**
     * Strings by the bytes that spell them: a direct-mapped table, so a value seen before is found by a hash and a
     * compare of bytes, and a new one replaces whatever had its slot.
     */
    static final class ByteStrings {
        private final byte[][] keys;
        private final String[] strings;
        private final int[] hashes;
        private final boolean[] unique;

        ByteStrings(int slots) {
            keys = new byte[slots][];
            strings = new String[slots];
            hashes = new int[slots];
            unique = new boolean[slots];
        }

        /** The string of the valid UTF-8 {@code data[from, to)} (all ASCII when {@code ascii}). */
        String get(byte[] data, int from, int to, boolean ascii) {
            return strings[slot(data, from, to, ascii)];
        }

        /** The slot that holds the string of {@code data[from, to)} now ({@link #get}). */
        int slot(byte[] data, int from, int to, boolean ascii) {
            int h = hash(data, from, to);
            int slot = h & (keys.length - 1);
            byte[] k = keys[slot];
            if (k != null && hashes[slot] == h && Arrays.equals(k, 0, k.length, data, from, to)) {
                return slot;
            }
            String s = new String(data, from, to - from, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
            keys[slot] = Arrays.copyOfRange(data, from, to);
            strings[slot] = s;
            hashes[slot] = h;
            unique[slot] = s.startsWith("__") || s.endsWith("_TIMESTAMP");
            return slot;
        }

        /** A hash of {@code data[from, to)}, eight bytes at a time. */
        private static int hash(byte[] data, int from, int to) {
            long h = 0x9E3779B97F4A7C15L ^ (to - from);
            int i = from;
            for (; i + 8 <= to; i += 8) {
                h = (h ^ (long) LONGS.get(data, i)) * 0x9E3779B97F4A7C15L;
                h ^= h >>> 29;
            }
            for (; i < to; i++) {
                h = (h ^ (data[i] & 0xff)) * 0x100000001B3L;
            }
            h ^= h >>> 32;
            return (int) (h ^ h >>> 16);
        }

        String string(int slot) {
            return strings[slot];
        }

        /**
         * Whether the string in {@code slot} names a field whose value differs on every entry (the cursor, the
         * timestamps, the sequence number), so its value is not worth looking up.
         */
        boolean unique(int slot) {
            return unique[slot];
        }
    }
}
