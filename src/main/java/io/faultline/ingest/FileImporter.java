package io.faultline.ingest;

import io.faultline.capture.BundleWriter;
import io.faultline.capture.Manifest;
import io.faultline.capture.SourceKind;
import io.faultline.model.HostInfo;
import io.faultline.model.TimeWindow;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Makes a bundle from files a user already has: each file is stored byte for byte, its format detected
 * by content (or forced by the caller), under one host whose zone stands for every source without one.
 * Without a host name from the caller, that host is {@value #DEFAULT_HOST} and stands only for lines that name no
 * host: lines that name one (journal {@code _HOSTNAME} and short forms, syslog, sysstat node names) go under that
 * host, in the same zone ({@code linesNameHosts} in the manifest). A host name given by the caller is every line's.
 * A file that cannot be read or recognised is recorded as a problem; the others still go in. A file named twice (the
 * same file by {@link Files#isSameFile}, whatever the path) goes in once, with a warning.
 */
public final class FileImporter {
    /** The host of lines that name none, when the caller names no host. */
    public static final String DEFAULT_HOST = "imported";
    private static final int PROBE_BYTES = FormatDetector.HEAD_BYTES;
    /**
     * A file this large is stored in the bundle as it is, not compressed: importing it costs a copy instead of a
     * deflate, which on the way from a file to the first screen took longer than reading it (decision 0005).
     */
    static final long STORE_ABOVE_BYTES = 16L << 20;

    /**
     * @param hostName name every imported line gets on the timeline, or null: lines that name a host go under it,
     *                 the others under {@value #DEFAULT_HOST}
     * @param zone     zone for sources without one (IANA id or offset)
     * @param since    start of the incident window, or null to derive it from the data
     * @param until    end of the incident window, or null
     * @param forced   format per file name or "*" for all, overriding detection
     */
    public record Request(List<Path> files, String hostName, String zone, Instant since, Instant until,
                          Map<String, SourceKind> forced) {
        public Request {
            files = List.copyOf(files);
            hostName = hostName == null || hostName.isBlank() ? null : hostName;
            forced = forced == null ? Map.of() : Map.copyOf(forced);
        }
    }

    /**
     * What happened to one input file.
     *
     * @param sameAs the file named earlier that this one is (not imported again), or null
     */
    public record Imported(Path file, String entry, SourceKind kind, long bytes, String problem, Path sameAs) {
        public Imported(Path file, String entry, SourceKind kind, long bytes, String problem) {
            this(file, entry, kind, bytes, problem, null);
        }
    }

    private FileImporter() {
    }

    public static List<Imported> importFiles(Request request, Path out, String program) throws IOException {
        return importFiles(request, out, program, IngestListener.NONE);
    }

    /**
     * As {@link #importFiles(Request, Path, String)}, telling {@code listener} how many bytes are copied
     * ({@link IngestListener#importing}) and stopping when it cancels: then nothing is written at {@code out}.
     *
     * @throws java.util.concurrent.CancellationException when {@code listener} cancelled it
     */
    public static List<Imported> importFiles(Request request, Path out, String program, IngestListener listener) throws IOException {
        return importFiles(request, out, program, listener, null, Ingestor.Streaming.DEFAULT).files();
    }

    /**
     * What an import did, and what it read of the files while it copied them, for the ingest of the bundle
     * ({@link Ingestor#ingest(io.faultline.capture.Bundle, IngestListener, Preread)}).
     */
    public record Read(List<Imported> files, Preread preread) {
    }

    /**
     * As {@link #importFiles(Request, Path, String, IngestListener)}, for a bundle about to be opened: a large journal
     * JSON file is read once, its bytes hashed, written into the bundle (stored) and parsed on all cores as they go
     * (decision 0008), so the ingest of the bundle takes its rows instead of reading it again, and {@code listener} gets
     * its first look ({@link IngestListener#preview}) while the import runs. The caller closes the {@link Preread} once
     * the bundle is ingested.
     *
     * @throws java.util.concurrent.CancellationException when {@code listener} cancelled it: nothing is written at {@code out}
     */
    public static Read importAndRead(Request request, Path out, String program, IngestListener listener) throws IOException {
        return importAndRead(request, out, program, listener, Ingestor.Streaming.DEFAULT);
    }

    /** As {@link #importAndRead(Request, Path, String, IngestListener)}, reading in the pieces and with the first look {@code streaming} says. */
    static Read importAndRead(Request request, Path out, String program, IngestListener listener, Ingestor.Streaming streaming)
            throws IOException {
        Preread preread = new Preread();
        try {
            return importFiles(request, out, program, listener, preread, streaming);
        } catch (IOException | RuntimeException | Error e) {
            preread.close();
            throw e;
        }
    }

    /** Imports; with {@code preread} not null, reads large journal JSON files into it as they are copied. */
    private static Read importFiles(Request request, Path out, String program, IngestListener listener, Preread preread,
                                    Ingestor.Streaming streaming) throws IOException {
        List<Imported> result = new java.util.ArrayList<>();
        Copied copied = new Copied(listener, passes(request, preread != null));
        Instant createdAt = Instant.now();
        Manifest.Host host = new Manifest.Host(hostOf(request), null, 0, request.zone(), 0, 0, null, null, null, request.hostName() == null);
        Reading reading = preread == null ? null : new Reading(preread, listener, streaming, host,
                Ingestor.importedWindow(request.since(), request.until()), createdAt);
        try (BundleWriter writer = new BundleWriter(out, program)) {
            writer.createdAt(createdAt);
            if (request.since() != null && request.until() != null) {
                writer.window(request.since(), request.until());
            }
            writer.host(host);
            int n = 0;
            for (Path file : request.files()) {
                Imported first = sameFile(result, file);
                if (first != null) {
                    String why = "the same file as " + first.file() + " (named twice): imported once";
                    writer.problem("WARNING", first.entry(), file + ": " + why);
                    result.add(new Imported(file, first.entry(), first.kind(), first.bytes(), why, first.file()));
                    continue;
                }
                n++;
                result.add(importOne(writer, request, file, n, copied, reading));
            }
            writer.finish(false);
        }
        if (preread != null) {
            preread.sealed(out);
        }
        return new Read(result, preread == null ? Preread.NONE : preread);
    }

    /** The file already imported that {@code file} is, or null. */
    private static Imported sameFile(List<Imported> done, Path file) {
        for (Imported i : done) {
            try {
                if (i.entry() != null && i.sameAs() == null && Files.isSameFile(i.file(), file)) {
                    return i;
                }
            } catch (IOException e) {
                // one of them cannot be looked at: it is not known to be the same, and is read (or reported) on its own
                continue;
            }
        }
        return null;
    }

    private static String hostOf(Request request) {
        return request.hostName() == null ? DEFAULT_HOST : request.hostName();
    }

    /**
     * The bytes an import reads: each file once, a stored one twice (its CRC-32 first) unless it is journal JSON read while
     * it is copied.
     */
    private static long passes(Request request, boolean reading) {
        long total = 0;
        for (Path f : request.files()) {
            try {
                long size = Files.size(f);
                total += size >= STORE_ABOVE_BYTES && !(reading && readWhileCopied(request, f)) ? 2 * size : size;
            } catch (IOException e) {
                // an unreadable file is reported when it is imported; it adds nothing to read
                continue;
            }
        }
        return total;
    }

    /** Counts what the import has read and tells the listener, at most every 64 MB. */
    private static final class Copied {
        private static final long TELL_EVERY = 64L << 20;
        private final IngestListener listener;
        private final long total;
        private long done;
        private long told;

        Copied(IngestListener listener, long total) {
            this.listener = listener;
            this.total = total;
        }

        void add(long bytes) {
            done += bytes;
            if (listener.cancelled()) {
                throw new java.util.concurrent.CancellationException("the import was cancelled");
            }
            if (done - told >= TELL_EVERY) {
                told = done;
                listener.importing(done, Math.max(done, total));
            }
        }

        /** Copies {@code in} to {@code out}, counting. */
        void copy(InputStream in, java.io.OutputStream out) throws IOException {
            byte[] buf = new byte[1 << 20];
            for (int n; (n = in.read(buf)) > 0; ) {
                if (out != null) {
                    out.write(buf, 0, n);
                }
                add(n);
            }
        }
    }

    /** The kind {@code file} is imported as: forced by the request, else detected from its name and first bytes. */
    private static SourceKind kindOf(Request request, String name, byte[] head) {
        SourceKind kind = request.forced().getOrDefault(name, request.forced().get("*"));
        return kind != null ? kind : FormatDetector.detect(name, head);
    }

    private static String nameOf(Path file) {
        return file.getFileName() == null ? file.toString() : file.getFileName().toString();
    }

    /** Whether {@code file} is large plain journal JSON, which an import for opening reads while it copies it. */
    private static boolean readWhileCopied(Request request, Path file) throws IOException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file) || Files.size(file) < STORE_ABOVE_BYTES) {
            return false;
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(PROBE_BYTES);
        }
        return readWhileCopied(kindOf(request, nameOf(file), head), Files.size(file), nameOf(file), head);
    }

    private static boolean readWhileCopied(SourceKind kind, long size, String name, byte[] head) {
        return kind == SourceKind.JOURNAL_JSON && size >= STORE_ABOVE_BYTES && size > Ingestor.Streaming.DEFAULT.deferAboveBytes()
                && JournalStream.streamable(name, head);
    }

    private static Imported importOne(BundleWriter writer, Request request, Path file, int index, Copied copied, Reading reading)
            throws IOException {
        String name = nameOf(file);
        String entry = "raw/" + safe(hostOf(request)) + "/" + String.format(Locale.ROOT, "%02d-", index) + safe(name);
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            String why = Files.exists(file) ? "not a readable regular file" : "no such file";
            writer.problem("ERROR", file.toString(), file + ": " + why);
            return new Imported(file, null, SourceKind.UNKNOWN, 0, why);
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(PROBE_BYTES);
        }
        SourceKind kind = kindOf(request, name, head);
        String problem = null;
        if (head.length == 0) {
            problem = "the file is empty";
        } else if (kind == SourceKind.UNKNOWN) {
            problem = "format not recognised (" + FormatDetector.describe(head) + "); kept as raw bytes";
        }
        if (problem != null) {
            writer.problem("WARNING", entry, file + ": " + problem);
        }
        String origin = "file:" + file.toAbsolutePath();
        long size = Files.size(file);
        if (reading != null && problem == null && readWhileCopied(kind, size, name, head)) {
            long bytes = reading.read(writer, file, entry, hostOf(request), origin, size, copied);
            return new Imported(file, entry, kind, bytes, null);
        }
        BundleWriter.RawEntry raw = size >= STORE_ABOVE_BYTES
                ? writer.beginStored(entry, hostOf(request), kind, origin, size, crc32(file, copied))
                : writer.begin(entry, hostOf(request), kind, origin, null);
        try (InputStream in = Files.newInputStream(file)) {
            copied.copy(in, raw);
        }
        Manifest.Entry done;
        try {
            done = raw.complete(null, null);
        } catch (java.util.zip.ZipException e) {
            throw new IOException(file + " changed while it was imported (" + e.getMessage() + "); import it again", e);
        }
        return new Imported(file, entry, kind, done.bytes(), problem);
    }

    /**
     * Reads large journal JSON files while they are copied into the bundle ({@link #importAndRead}): one pass over the
     * file, whose pieces are hashed, CRC'd and written into a stored entry, then parsed on all cores as the next is read.
     */
    private static final class Reading {
        private final Preread preread;
        private final IngestListener listener;
        private final Ingestor.Streaming streaming;
        private final Manifest.Host host;
        private final TimeWindow window;
        private final Instant createdAt;
        private final long started = System.nanoTime();

        Reading(Preread preread, IngestListener listener, Ingestor.Streaming streaming, Manifest.Host host, TimeWindow window,
                Instant createdAt) {
            this.preread = preread;
            this.listener = listener;
            this.streaming = streaming;
            this.host = host;
            this.window = window;
            this.createdAt = createdAt;
        }

        /** Copies and reads {@code file} into a stored entry; returns its size. */
        long read(BundleWriter writer, Path file, String entry, String hostName, String origin, long size, Copied copied)
                throws IOException {
            BundleWriter.RawEntry raw = writer.beginStored(entry, hostName, SourceKind.JOURNAL_JSON, origin, size);
            EntryContext ctx = Ingestor.importedContext(entry, host, window, createdAt);
            RawJournal records = RawJournal.writing(writer.partFile(), raw.dataOffset(), ctx, Ingestor.finishing(ctx));
            Preread.Journal journal = preread.journal(entry, ctx, records);
            long[] queued = {0};
            long[] written = {0};
            try (Writes writes = new Writes()) {
                // the piece's buffer is read into again once released: only after its bytes are written, hashed and CRC'd
                JournalStream.Tee tee = piece -> {
                    if (queued[0] + piece.length() > size) {
                        throw grew(file, size);
                    }
                    queued[0] += piece.length();
                    writes.write(() -> {
                        try {
                            raw.write(piece.bytes(), 0, piece.length());
                            raw.flush();
                        } catch (IOException e) {
                            throw new IOException("the bundle could not be written in " + writer.partFile().getParent() + " ("
                                    + e.getMessage() + "): " + file + " was not imported", e);
                        } finally {
                            piece.release();
                        }
                        written[0] += piece.length();
                        records.written(written[0]);
                    });
                };
                long[] told = {0};
                JournalStream.Pieces pieces = done -> {
                    copied.add(done - told[0]);
                    told[0] = done;
                    if (!preread.previewed() && journal.events() > 0 && System.nanoTime() - started >= streaming.previewAfterNanos()
                            && done < size * 3 / 4 && writes.caughtUp()) {
                        preread.previewGiven();
                        Map<String, HostInfo> hosts = new java.util.LinkedHashMap<>();
                        hosts.put(host.name(), new HostInfo(host.name(), host.zone() == null || host.zone().isBlank() ? "UTC" : host.zone(),
                                0, 0));
                        listener.preview(Ingestor.preview(journal.sofar(), window, hosts, createdAt));
                    }
                };
                try (InputStream in = Files.newInputStream(file)) {
                    JournalStream.readWhileImported(new Unreadable(in, file), nameOf(file), ctx, records, streaming.pieceBytes(),
                            tee, pieces, journal);
                } catch (NoSuchFileException e) {
                    throw new IOException(file + " disappeared while it was imported; import it again", e);
                }
                writes.drain();
            }
            if (written[0] != size) {
                throw new IOException(String.format(Locale.ROOT, "%s changed while it was imported: it held %,d bytes when the import"
                        + " began, %,d when it was read to its end; import it again", file, size, written[0]));
            }
            Manifest.Entry done;
            try {
                done = raw.complete(null, null);
            } catch (java.util.zip.ZipException e) {
                throw new IOException(file + " changed while it was imported (" + e.getMessage() + "); import it again", e);
            }
            preread.complete(entry, done.bytes());
            return done.bytes();
        }

        private static IOException grew(Path file, long size) {
            return new IOException(String.format(Locale.ROOT, "%s changed while it was imported: it grew past the %,d bytes it held when"
                    + " the import began; import it again", file, size));
        }
    }

    /**
     * The writes of a file's pieces into the bundle, in order on a thread of their own with {@value #SLACK} pieces of
     * slack, so that a disk slow to take them does not stop the parse of the pieces read (decision 0008). The first write
     * that fails ends the import at the next piece or at {@link #drain}.
     */
    private static final class Writes implements AutoCloseable {
        private static final int SLACK = 4;
        private final java.util.concurrent.Semaphore room = new java.util.concurrent.Semaphore(SLACK);
        private final java.util.concurrent.ExecutorService thread = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "faultline-import-write");
            t.setDaemon(true);
            return t;
        });
        private volatile IOException failed;

        @FunctionalInterface
        interface Write {
            void run() throws IOException;
        }

        /** Queues {@code write} after those before it, waiting while {@value #SLACK} are queued. */
        void write(Write write) throws IOException {
            check();
            try {
                room.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("the import was interrupted");
            }
            thread.execute(() -> {
                try {
                    if (failed == null) {
                        write.run();
                    }
                } catch (IOException e) {
                    failed = e;
                } catch (RuntimeException e) {
                    failed = new IOException(e.toString(), e);
                } finally {
                    room.release();
                }
            });
        }

        /** Waits until every write queued is done; true when none failed. */
        boolean caughtUp() {
            room.acquireUninterruptibly(SLACK);
            room.release(SLACK);
            return failed == null;
        }

        /** Waits until every write queued is done, and throws the first that failed. */
        void drain() throws IOException {
            caughtUp();
            check();
        }

        private void check() throws IOException {
            IOException f = failed;
            if (f != null) {
                throw f;
            }
        }

        /** Lets the writes queued finish (the bundle is closed after them), then ends the thread. */
        @Override
        public void close() {
            caughtUp();
            thread.shutdown();
        }
    }

    /** A file's bytes, whose read errors name the file and where they happened. */
    private static final class Unreadable extends java.io.FilterInputStream {
        private final Path file;
        private long at;

        Unreadable(InputStream in, Path file) {
            super(in);
            this.file = file;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int r;
            try {
                r = super.read(b, off, len);
            } catch (IOException e) {
                throw new IOException(String.format(Locale.ROOT, "%s could not be read at byte %,d (%s); it was not imported", file, at,
                        e.getMessage()), e);
            }
            at += Math.max(0, r);
            return r;
        }
    }

    private static long crc32(Path file, Copied copied) throws IOException {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        try (InputStream in = new java.util.zip.CheckedInputStream(Files.newInputStream(file), crc)) {
            copied.copy(in, null);
        }
        return crc.getValue();
    }

    private static String safe(String s) {
        String cleaned = s.replaceAll("[^A-Za-z0-9._@+-]", "_");
        return cleaned.isEmpty() ? "file" : cleaned;
    }
}
