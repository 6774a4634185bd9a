package io.faultline.ingest;

import io.faultline.capture.SourceKind;
import io.faultline.ingest.bench.HeapMeter;
import io.faultline.model.TimeWindow;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * Measures one journal parser on one file, on the calling thread, through the same steps {@link Ingestor} takes for
 * one entry once its bytes are in memory (the binary check, then {@link SourceParser#parse}). A file larger than
 * {@link Ingestor#readableEntryBytes()} (what Ingestor reads whole with this heap) is parsed in chunks of whole
 * records of at most {@code chunkBytes}, each with a fresh {@link Collector} whose events are counted and dropped.
 * The time counted is the parsing only; reading each chunk from the file is not counted.
 */
public final class ParseBench {
    /** One measurement. {@code peakHeapBytes} is the sum of the heap pools' peaks while parsing. */
    public record Result(SourceKind kind, long bytes, long events, long diagnostics, String firstDiagnostic, long parseNanos,
                         long peakHeapBytes, long gcMillis, int chunks) {
        public double megabytesPerSecond() {
            return bytes / 1e6 / (parseNanos / 1e9);
        }

        public double eventsPerSecond() {
            return events / (parseNanos / 1e9);
        }
    }

    private static final byte[] CURSOR = "__CURSOR=".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private ParseBench() {
    }

    /** The largest file parsed in one piece with this heap; see {@link Ingestor#readableEntryBytes()}. */
    public static long wholeLimitBytes() {
        return Ingestor.readableEntryBytes();
    }

    /**
     * Parses {@code file} as {@code kind} (journal JSON, export or short) with a context on UTC whose window is
     * {@code window}.
     */
    public static Result run(SourceKind kind, Path file, TimeWindow window, int chunkBytes) throws IOException {
        SourceParser parser = Parsers.forKind(kind);
        if (parser == null) {
            throw new IllegalArgumentException("no parser for " + kind.id());
        }
        EntryContext ctx = new EntryContext(file.getFileName().toString(), "ubuntu", ZoneOffset.UTC, true, 0, window, null, null, null);
        long events = 0;
        long diagnostics = 0;
        String firstDiagnostic = null;
        long nanos = 0;
        int chunks = 0;
        long gcBefore = HeapMeter.gcMillis();
        HeapMeter.resetPeaks();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            int piece = (int) Math.min(size <= wholeLimitBytes() ? Math.min(size, Integer.MAX_VALUE - 16) : chunkBytes, Integer.MAX_VALUE - 16);
            byte[] buf = new byte[Math.max(1, piece)];
            long pos = 0;
            while (pos < size) {
                int n = readFully(ch, pos, buf);
                int end = pos + n >= size ? n : lastBoundary(kind, buf, n);
                byte[] data = end == buf.length ? buf : Arrays.copyOf(buf, end);
                Collector out = new Collector();
                out.beginEntry();
                long t0 = System.nanoTime();
                if (!Text.looksBinary(data) || parser.readsBinary()) {
                    parser.parse(ctx, data, out);
                }
                nanos += System.nanoTime() - t0;
                out.endEntry();
                events += out.eventCount();
                diagnostics += out.diagnostics().size();
                if (firstDiagnostic == null && !out.diagnostics().isEmpty()) {
                    firstDiagnostic = out.diagnostics().getFirst().toString();
                }
                pos += end;
                chunks++;
            }
            return new Result(kind, size, events, diagnostics, firstDiagnostic, nanos, HeapMeter.peakBytes(),
                    HeapMeter.gcMillis() - gcBefore, chunks);
        }
    }

    private static int readFully(FileChannel ch, long pos, byte[] buf) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(buf);
        while (bb.hasRemaining()) {
            int r = ch.read(bb, pos + bb.position());
            if (r < 0) {
                break;
            }
        }
        return bb.position();
    }

    /**
     * The end of the last whole record in {@code buf[0, n)}: for export after a blank line followed by
     * {@code __CURSOR=} (a binary value may itself end in a newline, so a blank line alone is no proof), for the line
     * formats after a newline not followed by a blank (a continuation line stays with its record); {@code n} when none.
     */
    static int lastBoundary(SourceKind kind, byte[] buf, int n) {
        for (int i = n - 2; i > 0; i--) {
            if (buf[i] != '\n') {
                continue;
            }
            if (kind == SourceKind.JOURNAL_EXPORT ? buf[i - 1] == '\n' && startsWith(buf, i + 1, n, CURSOR)
                    : buf[i + 1] != ' ' && buf[i + 1] != '\t') {
                return i + 1;
            }
        }
        return n;
    }

    private static boolean startsWith(byte[] buf, int at, int n, byte[] prefix) {
        if (at + prefix.length > n) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (buf[at + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }
}
