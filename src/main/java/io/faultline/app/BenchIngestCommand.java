package io.faultline.app;

import io.faultline.capture.SourceKind;
import io.faultline.ingest.ParseBench;
import io.faultline.ingest.bench.JournalGenerator;
import io.faultline.model.TimeWindow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * A benchmark, not a test: writes a generated journal as JSON lines, export and short text, parses each with the
 * real parser on this thread and prints bytes, events, seconds, MB/s (10^6 bytes), events/s and peak heap per format;
 * then times the peers found on this machine ({@code jq -c .} on the JSON, {@code journalctl} on a journal file
 * {@code systemd-journal-remote} makes from the export) on the same files with the same clock.
 */
@Command(name = "bench-ingest", mixinStandardHelpOptions = true,
        description = "Benchmark the journal parsers on a generated file (a benchmark, not a test).")
final class BenchIngestCommand implements Callable<Integer> {
    private static final int CHUNK_BYTES = 64 << 20;
    private static final long WARMUP_BYTES = 16L << 20;
    private static final String JOURNAL_REMOTE = "/usr/lib/systemd/systemd-journal-remote";

    @Spec
    CommandSpec spec;

    @Option(names = "--size-mb", paramLabel = "N", defaultValue = "1024",
            description = "size of the generated JSON file in MiB (the export and short files hold the same entries; default ${DEFAULT-VALUE})")
    int sizeMb;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "all",
            description = "journal-json, journal-export, journal-short or all (default ${DEFAULT-VALUE})")
    String format;

    @Mixin
    BenchOptions options = new BenchOptions();

    @Option(names = "--no-peers", description = "do not time jq and journalctl")
    boolean noPeers;

    @Override
    public Integer call() throws IOException, InterruptedException {
        List<SourceKind> kinds = kinds(format);
        if (sizeMb < 1) {
            throw new CliException("--size-mb must be at least 1, not " + sizeMb, 2);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (BenchDir bench = BenchDir.open(options.keep)) {
            Path dir = bench.path();
            out.println(bench.describeJvm());
            JournalGenerator.Files3 warm = new JournalGenerator(options.seed + 1).write(dir, "warmup", Math.min(WARMUP_BYTES, (long) sizeMb << 20));
            for (SourceKind k : kinds) {
                ParseBench.run(k, file(warm, k), window(warm), CHUNK_BYTES);
            }
            long g0 = System.nanoTime();
            JournalGenerator.Files3 files = new JournalGenerator(options.seed).write(dir, "journal", (long) sizeMb << 20);
            out.printf(Locale.ROOT, "generated %,d entries (%s .. +%.0f s) in %.1f s; parsed in one piece up to %,d MiB, else in chunks"
                            + " of whole records of %d MiB, each chunk's events counted and dropped%n", files.entries(),
                    java.time.Instant.ofEpochSecond(files.firstMicros() / 1_000_000), (files.lastMicros() - files.firstMicros()) / 1e6,
                    (System.nanoTime() - g0) / 1e9, ParseBench.wholeLimitBytes() >> 20, CHUNK_BYTES >> 20);
            out.printf(Locale.ROOT, "%-15s %14s %11s %8s %8s %11s %6s %9s %7s %6s%n", "format", "bytes", "events", "seconds", "MB/s",
                    "events/s", "chunks", "peak MiB", "GC ms", "diags");
            List<ParseBench.Result> results = new ArrayList<>();
            for (SourceKind k : kinds) {
                ParseBench.Result r = ParseBench.run(k, file(files, k), window(files), CHUNK_BYTES);
                results.add(r);
                out.printf(Locale.ROOT, "%-15s %,14d %,11d %8.2f %8.1f %,11.0f %6d %,9d %,7d %6d%n", k.id(), r.bytes(), r.events(),
                        r.parseNanos() / 1e9, r.megabytesPerSecond(), r.eventsPerSecond(), r.chunks(), r.peakHeapBytes() >> 20,
                        r.gcMillis(), r.diagnostics());
                if (r.firstDiagnostic() != null) {
                    out.println("  first diagnostic: " + r.firstDiagnostic());
                }
                out.flush();
            }
            if (!noPeers) {
                peers(out, files, results, dir);
            }
            out.flush();
            return 0;
        }
    }

    private void peers(PrintWriter out, JournalGenerator.Files3 files, List<ParseBench.Result> results, Path dir)
            throws IOException, InterruptedException {
        out.println("peers (same files, same clock; ratio = faultline time / peer time, below 1 means faultline is faster):");
        for (ParseBench.Result r : results) {
            if (r.kind() == SourceKind.JOURNAL_JSON) {
                double s = time(dir, "jq", "-c", ".", files.json().toString());
                out.printf(Locale.ROOT, "  %-44s %8.2f s %8.1f MB/s  ratio %.2f%n", "jq -c . journal.json", s, r.bytes() / 1e6 / s,
                        r.parseNanos() / 1e9 / s);
            }
        }
        boolean export = results.stream().anyMatch(r -> r.kind() == SourceKind.JOURNAL_EXPORT);
        boolean json = results.stream().anyMatch(r -> r.kind() == SourceKind.JOURNAL_JSON);
        boolean shortText = results.stream().anyMatch(r -> r.kind() == SourceKind.JOURNAL_SHORT);
        if (!export && !json && !shortText) {
            return;
        }
        Path journals = Files.createDirectories(dir.resolve("journal-remote"));
        double imported = time(dir, JOURNAL_REMOTE, "--output=" + journals.resolve("bench.journal"), files.export().toString());
        long journalBytes;
        try (Stream<Path> s = Files.list(journals)) {
            journalBytes = s.mapToLong(p -> p.toFile().length()).sum();
        }
        String glob = journals + File.separator + "*.journal";
        out.printf(Locale.ROOT, "  %-44s %8.2f s %8.1f MB/s of export (journal files: %,d bytes)%n",
                "systemd-journal-remote journal.export", imported, files.export().toFile().length() / 1e6 / imported, journalBytes);
        for (ParseBench.Result r : results) {
            String mode = switch (r.kind()) {
                case JOURNAL_JSON -> "json";
                case JOURNAL_EXPORT -> "export";
                default -> "short";
            };
            double s = time(dir, "journalctl", "--file", glob, "-o", mode, "--no-pager");
            out.printf(Locale.ROOT, "  %-44s %8.2f s %,11.0f events/s  ratio %.2f (vs faultline %s)%n",
                    "journalctl --file *.journal -o " + mode, s, files.entries() / s, r.parseNanos() / 1e9 / s, r.kind().id());
        }
    }

    /** Runs a peer with its output discarded; seconds from start to exit. A peer that fails is an error. */
    private static double time(Path dir, String... command) throws IOException, InterruptedException {
        return PeerRun.timed(dir, "use --no-peers to skip peers", command).seconds();
    }

    private static List<SourceKind> kinds(String format) {
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "all" -> List.of(SourceKind.JOURNAL_JSON, SourceKind.JOURNAL_EXPORT, SourceKind.JOURNAL_SHORT);
            case "journal-json" -> List.of(SourceKind.JOURNAL_JSON);
            case "journal-export" -> List.of(SourceKind.JOURNAL_EXPORT);
            case "journal-short" -> List.of(SourceKind.JOURNAL_SHORT);
            default -> throw new CliException("--format must be journal-json, journal-export, journal-short or all, not '" + format + "'", 2);
        };
    }

    private static Path file(JournalGenerator.Files3 f, SourceKind k) {
        return switch (k) {
            case JOURNAL_JSON -> f.json();
            case JOURNAL_EXPORT -> f.export();
            default -> f.shortText();
        };
    }

    /** The capture window around the generated entries: it gives the short lines their year. */
    private static TimeWindow window(JournalGenerator.Files3 f) {
        return new TimeWindow(f.firstMicros() * 1000L - 1_000_000_000L, f.lastMicros() * 1000L + 1_000_000_000L);
    }
}
