package io.faultline.capture;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
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
    private final Path target;
    private final Path temp;
    private final ZipOutputStream zip;
    private final List<Manifest.Entry> entries = new ArrayList<>();
    private final List<Manifest.Host> hosts = new ArrayList<>();
    private final List<Manifest.Problem> problems = new ArrayList<>();
    private final String program;
    private Manifest.Window window;
    private RawEntry open;
    private boolean finished;

    public BundleWriter(Path target, String program) throws IOException {
        this.target = target.toAbsolutePath();
        this.program = program;
        Path dir = this.target.getParent();
        this.temp = Files.createTempFile(dir, "." + this.target.getFileName(), ".part");
        this.zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(temp), OUTPUT_BUFFER));
        // Writing the bundle is on the path from a file to the first screen; the fastest level packs journal JSON about
        // 6 to 1 still, at several times the default's speed.
        zip.setLevel(Deflater.BEST_SPEED);
    }

    public synchronized void window(Instant from, Instant to) {
        this.window = new Manifest.Window(from.toString(), to.toString());
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
        Manifest m = new Manifest(Manifest.FORMAT, Manifest.FORMAT_VERSION, program, Instant.now().toString(), partial,
                window, hosts, entries, problems);
        zip.write(Json.mapper().writeValueAsBytes(m));
        zip.closeEntry();
        zip.close();
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        finished = true;
        return target;
    }

    @Override
    public synchronized void close() throws IOException {
        if (!finished) {
            zip.close();
            Files.deleteIfExists(temp);
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
        private long bytes;

        private RawEntry(String path, String host, SourceKind kind, String origin, String command) {
            this.path = path;
            this.host = host;
            this.kind = kind;
            this.origin = origin;
            this.command = command;
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
                zip.closeEntry();
                open = null;
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
