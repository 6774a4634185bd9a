package io.faultline.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the bytes of each uncompressed ({@code STORED}) entry lie in a zip file, read from its central directory and
 * local headers (zip64 included): such an entry can be read at any offset straight from the file, without inflating
 * it from the start. {@link java.util.zip.ZipFile} does not tell.
 */
final class StoredRegions {
    private static final int EOCD = 0x06054b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_EOCD = 0x06064b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int LOCAL = 0x04034b50;
    private static final long MAX_32 = 0xffffffffL;

    /** Bytes {@code [offset, offset + length)} of the zip file. */
    record Region(long offset, long length) {
    }

    private StoredRegions() {
    }

    /** The regions of the stored entries of {@code zip}, by name; empty when it holds none or cannot be read so. */
    static Map<String, Region> of(Path zip) throws IOException {
        Map<String, Region> out = new HashMap<>();
        try (FileChannel ch = FileChannel.open(zip, StandardOpenOption.READ)) {
            long size = ch.size();
            int tail = (int) Math.min(size, 65_557);
            ByteBuffer end = read(ch, size - tail, tail);
            int eocd = -1;
            for (int i = tail - 22; i >= 0; i--) {
                if (end.getInt(i) == EOCD) {
                    eocd = i;
                    break;
                }
            }
            if (eocd < 0) {
                return out;
            }
            long count = end.getShort(eocd + 10) & 0xffff;
            long cdSize = end.getInt(eocd + 12) & MAX_32;
            long cdOffset = end.getInt(eocd + 16) & MAX_32;
            if (cdOffset == MAX_32 || count == 0xffff || cdSize == MAX_32) {
                int loc = eocd - 20;
                if (loc < 0 || end.getInt(loc) != ZIP64_LOCATOR) {
                    return out;
                }
                ByteBuffer z = read(ch, end.getLong(loc + 8), 56);
                if (z.getInt(0) != ZIP64_EOCD) {
                    return out;
                }
                count = z.getLong(32);
                cdSize = z.getLong(40);
                cdOffset = z.getLong(48);
            }
            if (cdSize > Integer.MAX_VALUE || cdOffset + cdSize > size) {
                return out;
            }
            ByteBuffer cd = read(ch, cdOffset, (int) cdSize);
            int p = 0;
            for (long n = 0; n < count && p + 46 <= cd.limit() && cd.getInt(p) == CENTRAL; n++) {
                int method = cd.getShort(p + 10) & 0xffff;
                long compressed = cd.getInt(p + 20) & MAX_32;
                long uncompressed = cd.getInt(p + 24) & MAX_32;
                int nameLength = cd.getShort(p + 28) & 0xffff;
                int extraLength = cd.getShort(p + 30) & 0xffff;
                int commentLength = cd.getShort(p + 32) & 0xffff;
                long local = cd.getInt(p + 42) & MAX_32;
                String name = StandardCharsets.UTF_8.decode(cd.slice(p + 46, nameLength)).toString();
                int extra = p + 46 + nameLength;
                for (int x = extra; x + 4 <= extra + extraLength; ) {
                    int id = cd.getShort(x) & 0xffff;
                    int len = cd.getShort(x + 2) & 0xffff;
                    if (id == 1) {
                        int v = x + 4;
                        if (uncompressed == MAX_32) {
                            uncompressed = cd.getLong(v);
                            v += 8;
                        }
                        if (compressed == MAX_32) {
                            compressed = cd.getLong(v);
                            v += 8;
                        }
                        if (local == MAX_32) {
                            local = cd.getLong(v);
                        }
                    }
                    x += 4 + len;
                }
                if (method == 0 && compressed == uncompressed && local + 30 <= size) {
                    ByteBuffer lh = read(ch, local, 30);
                    if (lh.getInt(0) == LOCAL) {
                        long data = local + 30 + (lh.getShort(26) & 0xffff) + (lh.getShort(28) & 0xffff);
                        if (data + compressed <= size) {
                            out.put(name, new Region(data, compressed));
                        }
                    }
                }
                p += 46 + nameLength + extraLength + commentLength;
            }
        }
        return out;
    }

    private static ByteBuffer read(FileChannel ch, long at, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, at + b.position()) < 0) {
                break;
            }
        }
        return b.flip();
    }
}
