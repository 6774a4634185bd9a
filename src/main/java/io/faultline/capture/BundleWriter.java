package io.faultline.capture;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a bundle entry by entry, streaming raw bytes straight into the zip while hashing them.
 * The zip is written to a temporary file beside the target and moved into place by {@link #finish},
 * so a reader never sees half a bundle; {@link #finish(boolean)} with {@code partial=true} still writes
 * a valid bundle with everything that arrived.
 * The target's directory must exist: none is created. Not thread-safe: one writer per capture, entries one after another.
 */
public final class BundleWriter implements AutoCloseable {
    /** Bytes gathered before a write to the file: the deflater hands out 512 bytes at a time, each a system call otherwise. */
    private static final int OUTPUT_BUFFER = 1 << 20;
    private static final int LOCAL_HEADER = 0x04034b50;
    /** Where the CRC-32 lies in a zip local file header. */
    private static final int LOCAL_HEADER_CRC = 14;
    private final Path target;
    private final Path temp;
    private final CountingOutputStream file;
    private final ZipOutputStream zip;
    /** Local headers of stored entries whose CRC-32 is written into them at {@link #finish}: {header offset, crc}. */
    private final List<long[]> crcPatches = new ArrayList<>();
    private final List<Manifest.Entry> entries = new ArrayList<>();
    private final List<Manifest.Host> hosts = new ArrayList<>();
    private final List<Manifest.Problem> problems = new ArrayList<>();
    private final String program;
    private Manifest.Window window;
    private Instant createdAt;
    private RawEntry open;
    private boolean finished;

    public BundleWriter(Path target, String program) throws IOException {
        this.target = target.toAbsolutePath();
        this.program = program;
        Path dir = this.target.getParent();
        this.temp = Files.createTempFile(dir, "." + this.target.getFileName(), ".part");
        this.file = new CountingOutputStream(Files.newOutputStream(temp));
        this.zip = new ZipOutputStream(new BufferedOutputStream(file, OUTPUT_BUFFER));
        // Writing the bundle is on the path from a file to the first screen; the fastest level packs journal JSON about
        // 6 to 1 still, at several times the default's speed.
        zip.setLevel(Deflater.BEST_SPEED);
    }

    public synchronized void window(Instant from, Instant to) {
        this.window = new Manifest.Window(from.toString(), to.toString());
    }

    /** The bundle's creation time in the manifest; without it, when {@link #finish} writes the manifest. */
    public synchronized void createdAt(Instant at) {
        this.createdAt = at;
    }

    public synchronized void host(Manifest.Host host) {
        hosts.removeIf(h -> h.name().equals(host.name()));
        hosts.add(host);
    }

    public synchronized void problem(String level, String entry, String reason) {
        problems.add(new Manifest.Problem(level, entry, reason));
    }

    /**
     * Starts a raw entry; bytes written to the returned stream go into the zip as they come.
     * Close it with {@link RawEntry#complete(Integer, String)} or {@link RawEntry#abort()}.
     */
    public synchronized RawEntry begin(String path, String host, SourceKind kind, String origin, String command) throws IOException {
        if (open != null) {
            throw new IllegalStateException("entry " + open.path + " is still open");
        }
        zip.putNextEntry(new ZipEntry(path));
        open = new RawEntry(path, host, kind, origin, command);
        return open;
    }

    /**
     * Starts a raw entry stored as it is, not compressed, whose size and CRC-32 are known beforehand (a local file): the
     * bytes are copied, not deflated, so a large import costs a copy. Writing other bytes than announced fails at
     * {@link RawEntry#complete}.
     */
    public synchronized RawEntry beginStored(String path, String host, SourceKind kind, String origin, long size, long crc32)
            throws IOException {
        if (open != null) {
            throw new IllegalStateException("entry " + path + " is still open");
        }
        ZipEntry ze = new ZipEntry(path);
        ze.setMethod(ZipEntry.STORED);
        ze.setSize(size);
        ze.setCompressedSize(size);
        ze.setCrc(crc32);
        zip.putNextEntry(ze);
        open = new RawEntry(path, host, kind, origin, null);
        return open;
    }

    /**
     * Starts a raw entry stored as it is, not compressed, whose size is known beforehand (a local file) and whose CRC-32
     * is computed as its bytes are written, so the file is read once: the local header is written with 0 there and
     * patched at {@link #finish}, the central directory gets it as usual. The bundle is the same as
     * {@link #beginStored(String, String, SourceKind, String, long, long)} writes. Its bytes lie from
     * {@link RawEntry#dataOffset()} in {@link #partFile()}, readable there once {@link RawEntry#flush() flushed}.
     * Writing more or fewer bytes than announced fails (at the write past the end, or at {@link RawEntry#complete}).
     */
    public synchronized RawEntry beginStored(String path, String host, SourceKind kind, String origin, long size) throws IOException {
        if (open != null) {
            throw new IllegalStateException("entry " + path + " is still open");
        }
        ZipEntry ze = new ZipEntry(path);
        ze.setMethod(ZipEntry.STORED);
        ze.setSize(size);
        ze.setCompressedSize(size);
        ze.setCrc(0);
        zip.flush();
        long header = file.count();
        zip.putNextEntry(ze);
        zip.flush();
        open = new RawEntry(path, host, kind, origin, null, ze, header, file.count());
        return open;
    }

    /** The file being written, moved to the target at {@link #finish}; deleted if the writer is closed before. */
    public Path partFile() {
        return temp;
    }

    /** Adds a whole entry at once (small outputs, imported files). */
    public synchronized Manifest.Entry add(String path, String host, SourceKind kind, String origin, String command,
                                           Integer exitCode, byte[] bytes, String stderr) throws IOException {
        RawEntry e = begin(path, host, kind, origin, command);
        e.write(bytes);
        return e.complete(exitCode, stderr);
    }

    public synchronized List<Manifest.Entry> entries() {
        return List.copyOf(entries);
    }

    /** Writes the manifest, closes the zip and moves it into place. Idempotent. */
    public synchronized Path finish(boolean partial) throws IOException {
        if (finished) {
            return target;
        }
        if (open != null) {
            open.abort();
        }
        zip.putNextEntry(new ZipEntry(Manifest.FILE));
        Manifest m = new Manifest(Manifest.FORMAT, Manifest.FORMAT_VERSION, program,
                (createdAt == null ? Instant.now() : createdAt).toString(), partial,
                window, hosts, entries, problems);
        zip.write(Json.mapper().writeValueAsBytes(m));
        zip.closeEntry();
        zip.close();
        patchCrcs();
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        finished = true;
        return target;
    }

    /** Writes the CRC-32 of the entries begun without one into their local headers (the zip is closed). */
    private void patchCrcs() throws IOException {
        if (crcPatches.isEmpty()) {
            return;
        }
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            for (long[] p : crcPatches) {
                ByteBuffer header = ByteBuffer.allocate(LOCAL_HEADER_CRC + 4).order(ByteOrder.LITTLE_ENDIAN);
                while (header.hasRemaining() && ch.read(header, p[0] + header.position()) >= 0) {
                    continue;
                }
                if (header.getInt(0) != LOCAL_HEADER || header.getInt(LOCAL_HEADER_CRC) != 0) {
                    throw new IOException(temp + ": no local header with an empty CRC-32 at byte " + p[0] + " to write the CRC-32 into");
                }
                ch.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, (int) p[1]), p[0] + LOCAL_HEADER_CRC);
            }
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (!finished) {
            // the zip is thrown away, not finished: an entry still open may be short of the size it announced
            try {
                file.close();
            } finally {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** An entry being written. */
    public final class RawEntry extends OutputStream {
        private final String path;
        private final String host;
        private final SourceKind kind;
        private final String origin;
        private final String command;
        private final MessageDigest sha = sha256();
        private final Instant started = Instant.now();
        /** A stored entry whose CRC-32 is computed here and patched into its local header; else null. */
        private final ZipEntry stored;
        private final CRC32 crc;
        private final long header;
        private final long data;
        private long bytes;

        private RawEntry(String path, String host, SourceKind kind, String origin, String command) {
            this(path, host, kind, origin, command, null, -1, -1);
        }

        private RawEntry(String path, String host, SourceKind kind, String origin, String command, ZipEntry stored, long header,
                         long data) {
            this.path = path;
            this.host = host;
            this.kind = kind;
            this.origin = origin;
            this.command = command;
            this.stored = stored;
            this.crc = stored == null ? null : new CRC32();
            this.header = header;
            this.data = data;
        }

        /** Where the entry's first byte lies in {@link #partFile()}: for an entry begun stored without its CRC-32, else -1. */
        public long dataOffset() {
            return data;
        }

        /** Pushes what was written so far into {@link #partFile()}, where it can then be read. */
        @Override
        public void flush() throws IOException {
            synchronized (BundleWriter.this) {
                zip.flush();
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            synchronized (BundleWriter.this) {
                if (open != this) {
                    throw new IOException("entry " + path + " is closed");
                }
                zip.write(b, off, len);
                sha.update(b, off, len);
                if (crc != null) {
                    crc.update(b, off, len);
                }
                bytes += len;
            }
        }

        public long bytes() {
            return bytes;
        }

        /** Ends the entry; {@code stderrText}, when not blank, is stored as a sibling entry. */
        public Manifest.Entry complete(Integer exitCode, String stderrText) throws IOException {
            return end(exitCode, stderrText, true);
        }

        /** Ends the entry as cut short: what arrived is kept, the entry is marked incomplete. */
        public Manifest.Entry abort() throws IOException {
            return end(null, null, false);
        }

        private Manifest.Entry end(Integer exitCode, String stderrText, boolean complete) throws IOException {
            synchronized (BundleWriter.this) {
                if (open != this) {
                    throw new IllegalStateException("entry " + path + " is not open");
                }
                if (stored != null) {
                    stored.setCrc(crc.getValue());
                }
                zip.closeEntry();
                open = null;
                if (stored != null) {
                    crcPatches.add(new long[] {header, crc.getValue()});
                }
                String stderrPath = null;
                if (stderrText != null && !stderrText.isBlank()) {
                    stderrPath = path + ".stderr";
                    zip.putNextEntry(new ZipEntry(stderrPath));
                    zip.write(stderrText.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    zip.closeEntry();
                }
                Manifest.Entry e = new Manifest.Entry(path, host, kind.id(), origin, command, exitCode, bytes,
                        HexFormat.of().formatHex(sha.digest()), started.toString(), Instant.now().toString(), stderrPath,
                        complete);
                entries.add(e);
                return e;
            }
        }
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this JDK", e);
        }
    }
}
