package io.faultline.ingest;

import io.faultline.capture.Bundle;
import io.faultline.capture.BundleFormatException;
import io.faultline.capture.BundleWriter;
import io.faultline.capture.Manifest;
import io.faultline.capture.SourceKind;
import io.faultline.model.Diagnostic;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads a large journal JSON entry in pieces instead of whole: each piece ends where a line starting with <code>{</code>
 * begins (between two entries in {@code -o json} and {@code -o json-pretty} alike, since a JSON string holds no raw line
 * break), is hashed, and parsed on all cores (each piece on its own, taken in in order: rows, diagnostics, and the
 * boots' clocks checked across the cuts as one reader would); its events become deferred rows read back ({@link RawJournal}) from the bundle file
 * itself when the entry is stored uncompressed there, else from a copy made as the pieces go by. A loose file being
 * imported is read the same way as it is copied into the bundle ({@link #readWhileImported}, decision 0008). Memory is a
 * few piece buffers, read into again once the parse and the {@link Tee} both let go of them, and the rows' columns,
 * whatever the entry's size. A piece that holds NUL bytes is read as the whole-entry path reads text (the runs left out
 * and located) and its events kept whole.
 */
final class JournalStream {
    /** A single entry larger than this is not looked for the end of: the piece is cut there. */
    private static final int MAX_PIECE = 256 << 20;

    /** Told after each piece is read. */
    @FunctionalInterface
    interface Pieces {
        /** The first {@code entryBytes} bytes of the entry are read. */
        void read(long entryBytes);
    }

    private JournalStream() {
    }

    /** Takes in each piece once read, in the order of the bytes. */
    @FunctionalInterface
    interface Taken {
        void take(Piece piece);
    }

    /**
     * Sees each piece's bytes, in order, before it is parsed. It holds them until it calls {@link Held#release}, after which
     * their buffer may be read into again: a tee that keeps them for later (a write on another thread) releases them only
     * once done with them. A tee that never releases them costs a new buffer for each piece, not wrong bytes.
     */
    @FunctionalInterface
    interface Tee {
        void accept(Held piece) throws IOException;
    }

    /**
     * One holder's hold on a piece's bytes, the first {@link #length()} bytes of {@link #bytes()}: the buffer is read into
     * again once every holder released it. Releasing a hold twice counts once.
     */
    static final class Held {
        private final Buffer buffer;
        private final int length;
        private final AtomicBoolean released = new AtomicBoolean();

        private Held(Buffer buffer, int length) {
            this.buffer = buffer;
            this.length = length;
        }

        /** The buffer; its bytes past {@link #length()} are not the piece's. Not to be read after {@link #release}. */
        byte[] bytes() {
            return buffer.bytes;
        }

        int length() {
            return length;
        }

        /** Lets go of the bytes: once every holder did, the buffer is read into again. */
        void release() {
            if (released.compareAndSet(false, true)) {
                buffer.release();
            }
        }
    }

    /** A buffer pieces are read into, with the number of holds on the piece in it; free again when none is left. */
    private static final class Buffer {
        private final byte[] bytes;
        private final AtomicInteger holds = new AtomicInteger();
        private final Deque<Buffer> spare;

        Buffer(int size, Deque<Buffer> spare) {
            this.bytes = new byte[size];
            this.spare = spare;
        }

        /** The piece in the first {@code length} bytes, held by the parse and the tee. */
        Held[] handOut(int length) {
            if (!holds.compareAndSet(0, 2)) {
                throw new IllegalStateException("a piece buffer handed out while " + holds.get() + " still hold it");
            }
            return new Held[] {new Held(this, length), new Held(this, length)};
        }

        private void release() {
            if (holds.decrementAndGet() == 0) {
                spare.push(this);
            }
        }
    }

    /** Whether an entry or file that starts with {@code head} is plain UTF-8 journal JSON, which is read in pieces. */
    static boolean streamable(String name, byte[] head) {
        EntryText.Decoded decoded = EntryText.decode(head, FormatDetector.HEAD_BYTES);
        return !decoded.decoded() && decoded.shift() == 0 && !Text.sniff(head).binary() && new JournalJsonParser().probe(name, head);
    }

    /**
     * Reads entry {@code e} into {@code out} when it is plain UTF-8 journal JSON; returns false, with nothing read,
     * when it is not (another format, gzip, a byte order mark, binary), so the whole-entry path reads it.
     */
    static boolean read(Bundle bundle, Manifest.Entry e, EntryContext ctx, Collector out, Ingestor.Streaming streaming) {
        String name = e.origin() != null ? e.origin() : e.path();
        byte[] head;
        try (InputStream in = bundle.openEntry(e.path())) {
            head = in.readNBytes(FormatDetector.HEAD_BYTES);
        } catch (IOException ex) {
            return false;
        }
        if (!streamable(name, head)) {
            return false;
        }
        if (e.sourceKind() == SourceKind.UNKNOWN) {
            out.diagnostic(ctx.diagnostic(Diagnostic.Level.INFO, 0, -1, "format detected from content: " + SourceKind.JOURNAL_JSON.id()));
        }
        RawJournal raw;
        try {
            raw = inBundle(bundle, e, ctx, head);
            if (raw == null) {
                long free = Files.getFileStore(streaming.spillDir()).getUsableSpace();
                if (free < e.bytes()) {
                    throw new IOException(String.format(Locale.ROOT, "%,d bytes free there, the entry is %,d bytes", free, e.bytes()));
                }
                raw = RawJournal.spilled(streaming.spillDir(), ctx, Ingestor.finishing(ctx));
            }
        } catch (IOException ex) {
            out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, 0, -1, "no room to set the entry's bytes aside in " + streaming.spillDir()
                    + " (" + ex.getMessage() + "); read whole instead"));
            return false;
        }
        int source = out.source(raw);
        MessageDigest sha = BundleWriter.sha256();
        Map<String, long[]> clocks = new HashMap<>();
        RawJournal records = raw;
        Tee tee = piece -> {
            try {
                sha.update(piece.bytes(), 0, piece.length());
                if (records.spilled()) {
                    records.append(piece.bytes(), piece.length());
                }
            } catch (IOException ex) {
                throw new SpillFailed(streaming.spillDir(), e.bytes(), ex);
            } finally {
                piece.release();
            }
        };
        Taken taken = p -> {
            p.entries().joinAfter(clocks, out);
            out.absorb(p.collected(), new int[] {source});
        };
        try (Reader reader = new Reader(ctx, raw, name, streaming.pieceBytes(), e.path(), taken)) {
            try (InputStream in = bundle.openEntry(e.path())) {
                reader.run(in, tee, streaming.pieces());
            } catch (BundleFormatException | SpillFailed ex) {
                reader.drain(out);
                out.diagnostic(ctx.diagnostic(Diagnostic.Level.ERROR, reader.lines + 1, reader.done, ex.getMessage()
                        + "; what was read before is kept"));
                return true;
            } catch (IOException ex) {
                reader.drain(out);
                out.diagnostic(ctx.diagnostic(Diagnostic.Level.ERROR, reader.lines + 1, reader.done, "entry cannot be read from the bundle: "
                        + ex.getMessage() + "; what was read before is kept"));
                return true;
            }
            String mismatch = Bundle.mismatch(e, HexFormat.of().formatHex(sha.digest()), reader.done);
            if (mismatch != null) {
                out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, 0, -1, mismatch));
            }
        }
        return true;
    }

    /**
     * Reads a file being imported, once: each piece is handed to {@code tee} (which writes it into the bundle, where
     * {@code raw} reads it back) and parsed on all cores as the next is read, its rows kept in {@code into} to be taken
     * into the bundle's ingest ({@link Preread}). Errors reading the file or writing the bundle end the import.
     */
    static void readWhileImported(InputStream in, String name, EntryContext ctx, RawJournal raw, int pieceBytes, Tee tee, Pieces told,
                                  Preread.Journal into) throws IOException {
        Map<String, long[]> clocks = new HashMap<>();
        Taken taken = p -> {
            Collector joins = new Collector();
            p.entries().joinAfter(clocks, joins);
            into.add(joins, p.collected());
        };
        try (Reader reader = new Reader(ctx, raw, name, pieceBytes, ctx.entry(), taken)) {
            reader.run(in, tee, told);
        }
    }

    /**
     * Reads an entry's bytes in pieces and parses them on all cores, each piece taken in ({@link Taken}) in the order of
     * the bytes once parsed. A piece's buffer is read into again once it is taken in and the {@link Tee} released it; at
     * most the pieces being parsed, those the tee still holds, and the one being filled are ever made. {@link #lines} and
     * {@link #done} tell where reading stopped.
     */
    private static final class Reader implements AutoCloseable {
        private final EntryContext ctx;
        private final RawJournal raw;
        private final String name;
        private final Taken taken;
        private final JournalJsonParser parser = new JournalJsonParser();
        private final int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        private final ExecutorService pool;
        private final Deque<Future<Piece>> reading = new ArrayDeque<>();
        /** Buffers free to be read into; released into from the tee's threads too. */
        private final Deque<Buffer> spare = new ConcurrentLinkedDeque<>();
        private Buffer buf;
        long lines;
        long done;

        Reader(EntryContext ctx, RawJournal raw, String name, int pieceBytes, String label, Taken taken) {
            this.ctx = ctx;
            this.raw = raw;
            this.name = name;
            this.taken = taken;
            this.buf = new Buffer(Math.max(1024, pieceBytes), spare);
            this.pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "faultline-ingest-" + label);
                t.setDaemon(true);
                return t;
            });
        }

        void run(InputStream in, Tee tee, Pieces told) throws IOException {
            int filled = 0;
            boolean eof = false;
            while (!eof || filled > 0) {
                while (!eof && filled < buf.bytes.length) {
                    int r = in.read(buf.bytes, filled, buf.bytes.length - filled);
                    if (r < 0) {
                        eof = true;
                    } else {
                        filled += r;
                    }
                }
                int cut = eof ? filled : lastEntryStart(buf.bytes, filled);
                if (cut <= 0) {
                    if (buf.bytes.length < MAX_PIECE) {
                        Buffer larger = new Buffer(Math.min(MAX_PIECE, buf.bytes.length * 2), spare);
                        System.arraycopy(buf.bytes, 0, larger.bytes, 0, filled);
                        buf = larger;
                        continue;
                    }
                    cut = filled;
                }
                Buffer next = spare.poll();
                while (next != null && next.bytes.length < buf.bytes.length) {
                    next = spare.poll();
                }
                if (next == null) {
                    next = new Buffer(buf.bytes.length, spare);
                }
                System.arraycopy(buf.bytes, cut, next.bytes, 0, filled - cut);
                filled -= cut;
                Held[] holds = buf.handOut(cut);
                buf = next;
                Held parsed = holds[0];
                tee.accept(holds[1]);
                long pieceLines = lines;
                long pieceStart = done;
                reading.add(pool.submit(() -> Piece.read(ctx, parsed, pieceLines, pieceStart, raw, parser, name)));
                lines += Text.count(parsed.bytes(), cut, (byte) '\n');
                done += cut;
                while (reading.size() > threads) {
                    takeOldest();
                }
                told.read(done);
            }
            while (!reading.isEmpty()) {
                takeOldest();
            }
        }

        /** The oldest piece in reading, waited for and taken in after the pieces before it. */
        private void takeOldest() throws IOException {
            Piece p;
            try {
                p = reading.removeFirst().get();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("reading was interrupted");
            } catch (ExecutionException ex) {
                if (ex.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (ex.getCause() instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException("reading a piece failed", ex.getCause());
            }
            try {
                taken.take(p);
            } finally {
                p.bytes().release();
            }
        }

        /** The pieces already read, taken in before an error that ends the entry is reported into {@code out}. */
        void drain(Collector out) {
            try {
                while (!reading.isEmpty()) {
                    takeOldest();
                }
            } catch (IOException ex) {
                out.diagnostic(ctx.diagnostic(Diagnostic.Level.ERROR, 0, -1, reading.size() + " pieces read before the error below were not"
                        + " taken in: " + ex.getMessage()));
            }
        }

        @Override
        public void close() {
            pool.shutdownNow();
        }
    }

    /**
     * The entry read in place in the bundle file, when it is stored uncompressed there and the bytes at that place start
     * with {@code head}, the entry's first bytes as the zip gives them; else null.
     */
    private static RawJournal inBundle(Bundle bundle, Manifest.Entry e, EntryContext ctx, byte[] head) throws IOException {
        long[] region = bundle.storedRegion(e.path());
        if (region == null) {
            return null;
        }
        RawJournal raw = RawJournal.inBundle(bundle.path(), region[0], region[1], ctx, Ingestor.finishing(ctx));
        return Arrays.equals(raw.head(head.length), head) ? raw : null;
    }

    /** Writing the entry's bytes aside (to read its rows back) failed: the temporary directory, not the bundle, is at fault. */
    private static final class SpillFailed extends IOException {
        SpillFailed(Path dir, long entryBytes, IOException cause) {
            super(String.format(Locale.ROOT, "the entry's bytes could not be set aside in %s (%s); it needs %,d bytes free there"
                    + " (java.io.tmpdir), the rest of the entry is left out", dir, cause.getMessage(), entryBytes), cause);
        }
    }

    /**
     * One piece read on its own: its events and diagnostics, the reader that saw its boots' clocks, and the parse's hold on
     * the bytes it was read from, released once it is taken in.
     */
    private record Piece(Collector collected, JournalEntries entries, Held bytes) {
        /**
         * Reads {@code held}'s bytes, which start after {@code lines} lines and {@code start} bytes of the entry; its clean
         * events become deferred rows of {@code raw}.
         */
        static Piece read(EntryContext ctx, Held held, long lines, long start, RawJournal raw, JournalJsonParser parser, String name) {
            byte[] piece = held.bytes();
            int length = held.length();
            Collector out = new Collector();
            out.beginEntry(Ingestor.finishing(ctx));
            int source = out.source(raw);
            JournalEntries entries = new JournalEntries(ctx, JournalJsonParser.SOURCE, out, false);
            EntryContext here = ctx.withTextMap(TextMap.IDENTITY.after(lines, start));
            if (Text.count(piece, length, (byte) 0) == 0) {
                out.deferTo(source, start);
                JournalJsonParser.parse(here, piece, length, out, entries);
                return new Piece(out, entries, held);
            }
            EntryText.Cleaned text = EntryText.withoutNuls(Arrays.copyOf(piece, length), 0, line -> parser.probe(name, line));
            EntryContext lineOnly = ctx.withTextMap(TextMap.IDENTITY.after(lines, 0));
            for (EntryText.NulRun run : text.runs()) {
                EntryText.NulRun inEntry = new EntryText.NulRun(run.line(), run.byteOffset() + start, run.length(), run.newLine());
                out.diagnostic(lineOnly.diagnostic(Diagnostic.Level.WARNING, inEntry.line(), inEntry.byteOffset(), inEntry.describe()));
            }
            JournalJsonParser.parse(ctx.withTextMap(text.map().after(lines, start)), text.text(), out, entries);
            return new Piece(out, entries, held);
        }
    }

    /** Where the last line that starts with <code>{</code> begins, after the first byte; 0 when none does. */
    private static int lastEntryStart(byte[] b, int length) {
        for (int i = length - 1; i > 0; i--) {
            if (b[i] == '{' && b[i - 1] == '\n') {
                return i;
            }
        }
        return 0;
    }
}
