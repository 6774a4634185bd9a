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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads a large journal JSON entry in pieces instead of whole: each piece ends where a line starting with <code>{</code>
 * begins (between two entries in {@code -o json} and {@code -o json-pretty} alike, since a JSON string holds no raw line
 * break), is hashed, and parsed on all cores (each piece on its own, taken in in order: rows, diagnostics, and the
 * boots' clocks checked across the cuts as one reader would); its events become deferred rows read back ({@link RawJournal}) from the bundle file
 * itself when the entry is stored uncompressed there, else from a copy made as the pieces go by. Memory is a piece and the rows' columns, whatever the entry's size. A piece that holds NUL bytes is read as the
 * whole-entry path reads text (the runs left out and located) and its events kept whole.
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

    /**
     * Reads entry {@code e} into {@code out} when it is plain UTF-8 journal JSON; returns false, with nothing read,
     * when it is not (another format, gzip, a byte order mark, binary), so the whole-entry path reads it.
     */
    static boolean read(Bundle bundle, Manifest.Entry e, EntryContext ctx, Collector out, Ingestor.Streaming streaming) {
        JournalJsonParser parser = new JournalJsonParser();
        String name = e.origin() != null ? e.origin() : e.path();
        byte[] head;
        try (InputStream in = bundle.openEntry(e.path())) {
            head = in.readNBytes(FormatDetector.HEAD_BYTES);
        } catch (IOException ex) {
            return false;
        }
        EntryText.Decoded decoded = EntryText.decode(head, FormatDetector.HEAD_BYTES);
        if (decoded.decoded() || decoded.shift() != 0 || Text.sniff(head).binary() || !parser.probe(name, head)) {
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
        byte[] buf = new byte[Math.max(1024, streaming.pieceBytes())];
        int filled = 0;
        long done = 0;
        long lines = 0;
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "faultline-ingest-" + e.path());
            t.setDaemon(true);
            return t;
        });
        Deque<Future<Piece>> reading = new ArrayDeque<>();
        // the buffers of pieces taken in, read into again: at most threads + 2 are ever made
        Deque<byte[]> spare = new ArrayDeque<>();
        Map<String, long[]> clocks = new HashMap<>();
        try (InputStream in = bundle.openEntry(e.path())) {
            boolean eof = false;
            while (!eof || filled > 0) {
                while (!eof && filled < buf.length) {
                    int r = in.read(buf, filled, buf.length - filled);
                    if (r < 0) {
                        eof = true;
                    } else {
                        filled += r;
                    }
                }
                int cut = eof ? filled : lastEntryStart(buf, filled);
                if (cut <= 0) {
                    if (buf.length < MAX_PIECE) {
                        buf = Arrays.copyOf(buf, Math.min(MAX_PIECE, buf.length * 2));
                        continue;
                    }
                    cut = filled;
                }
                byte[] piece = buf;
                int length = cut;
                sha.update(piece, 0, length);
                if (raw.spilled()) {
                    try {
                        raw.append(piece, length);
                    } catch (IOException ex) {
                        throw new SpillFailed(streaming.spillDir(), e.bytes(), ex);
                    }
                }
                long pieceLines = lines;
                long pieceStart = done;
                RawJournal records = raw;
                reading.add(pool.submit(() -> Piece.read(ctx, piece, length, pieceLines, pieceStart, records, parser, name)));
                while (reading.size() > threads) {
                    take(reading, clocks, out, source, spare);
                }
                lines += Text.count(piece, length, (byte) '\n');
                done += cut;
                byte[] next = spare.poll();
                if (next == null || next.length < buf.length) {
                    next = new byte[buf.length];
                }
                System.arraycopy(buf, cut, next, 0, filled - cut);
                buf = next;
                filled -= cut;
                streaming.pieces().read(done);
            }
            while (!reading.isEmpty()) {
                take(reading, clocks, out, source, spare);
            }
        } catch (BundleFormatException ex) {
            takeAll(reading, clocks, out, source, ctx, spare);
            out.diagnostic(ctx.diagnostic(Diagnostic.Level.ERROR, lines + 1, done, ex.getMessage() + "; what was read before is kept"));
            return true;
        } catch (SpillFailed ex) {
            takeAll(reading, clocks, out, source, ctx, spare);
            out.diagnostic(ctx.diagnostic(Diagnostic.Level.ERROR, lines + 1, done, ex.getMessage() + "; what was read before is kept"));
            return true;
        } catch (IOException ex) {
            takeAll(reading, clocks, out, source, ctx, spare);
            out.diagnostic(ctx.diagnostic(Diagnostic.Level.ERROR, lines + 1, done, "entry cannot be read from the bundle: " + ex.getMessage()
                    + "; what was read before is kept"));
            return true;
        } finally {
            pool.shutdownNow();
        }
        String mismatch = Bundle.mismatch(e, HexFormat.of().formatHex(sha.digest()), done);
        if (mismatch != null) {
            out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, 0, -1, mismatch));
        }
        return true;
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
     * One piece read on its own: its events and diagnostics, the reader that saw its boots' clocks, and the buffer it
     * was read from, free again once it is taken in.
     */
    private record Piece(Collector collected, JournalEntries entries, byte[] buffer) {
        /**
         * Reads the first {@code length} bytes of {@code piece}, which start after {@code lines} lines and {@code start}
         * bytes of the entry; its clean events become deferred rows of {@code raw}.
         */
        static Piece read(EntryContext ctx, byte[] piece, int length, long lines, long start, RawJournal raw, JournalJsonParser parser,
                          String name) {
            Collector out = new Collector();
            out.beginEntry(Ingestor.finishing(ctx));
            int source = out.source(raw);
            JournalEntries entries = new JournalEntries(ctx, JournalJsonParser.SOURCE, out, false);
            EntryContext here = ctx.withTextMap(TextMap.IDENTITY.after(lines, start));
            if (Text.count(piece, length, (byte) 0) == 0) {
                out.deferTo(source, start);
                JournalJsonParser.parse(here, piece, length, out, entries);
                return new Piece(out, entries, piece);
            }
            EntryText.Cleaned text = EntryText.withoutNuls(Arrays.copyOf(piece, length), 0, line -> parser.probe(name, line));
            EntryContext lineOnly = ctx.withTextMap(TextMap.IDENTITY.after(lines, 0));
            for (EntryText.NulRun run : text.runs()) {
                EntryText.NulRun inEntry = new EntryText.NulRun(run.line(), run.byteOffset() + start, run.length(), run.newLine());
                out.diagnostic(lineOnly.diagnostic(Diagnostic.Level.WARNING, inEntry.line(), inEntry.byteOffset(), inEntry.describe()));
            }
            JournalJsonParser.parse(ctx.withTextMap(text.map().after(lines, start)), text.text(), out, entries);
            return new Piece(out, entries, piece);
        }
    }

    /**
     * The oldest piece in reading, waited for and taken into {@code out} after the pieces before it; its buffer goes to
     * {@code spare}.
     */
    private static void take(Deque<Future<Piece>> reading, Map<String, long[]> clocks, Collector out, int source, Deque<byte[]> spare)
            throws IOException {
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
        p.entries().joinAfter(clocks, out);
        out.absorb(p.collected(), new int[] {source});
        spare.add(p.buffer());
    }

    /** The pieces already read, taken in before an error that ends the entry is reported. */
    private static void takeAll(Deque<Future<Piece>> reading, Map<String, long[]> clocks, Collector out, int source, EntryContext ctx,
                                Deque<byte[]> spare) {
        try {
            while (!reading.isEmpty()) {
                take(reading, clocks, out, source, spare);
            }
        } catch (IOException ex) {
            out.diagnostic(ctx.diagnostic(Diagnostic.Level.ERROR, 0, -1, reading.size() + " pieces read before the error below were not"
                    + " taken in: " + ex.getMessage()));
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
