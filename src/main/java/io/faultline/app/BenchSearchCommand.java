package io.faultline.app;

import io.faultline.capture.Bundle;
import io.faultline.capture.BundleWriter;
import io.faultline.capture.Manifest;
import io.faultline.capture.SourceKind;
import io.faultline.ingest.Ingestor;
import io.faultline.ingest.ParseBench;
import io.faultline.ingest.bench.JournalGenerator;
import io.faultline.model.Evidence;
import io.faultline.timeline.Facet;
import io.faultline.timeline.Filter;
import io.faultline.timeline.Query;
import io.faultline.timeline.Selection;
import io.faultline.timeline.TimelineIndex;
import io.faultline.timeline.TimelineSearch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * A benchmark, not a test: generates a journal as JSON lines ({@link JournalGenerator}), stores it in a bundle cut
 * into entries of whole lines small enough for {@link Ingestor} to read whole, ingests it, builds the
 * {@link TimelineIndex}, then times facet counts, a facet filter, regex and text searches on one thread and on all
 * cores (checking that both give the same hits) and the hit density for an overview. Each time is the median of
 * {@code --runs} runs after one warm-up run.
 */
@Command(name = "bench-search", mixinStandardHelpOptions = true,
        description = "Benchmark facet filters and search on a generated journal (a benchmark, not a test).")
final class BenchSearchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--size-mb", paramLabel = "N", defaultValue = "1024",
            description = "size of the generated JSON in MiB, about 1.1 KB an entry (default ${DEFAULT-VALUE})")
    int sizeMb;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "5", description = "timed runs per measurement (default ${DEFAULT-VALUE})")
    int runs;

    @Mixin
    BenchOptions options = new BenchOptions();

    @Override
    public Integer call() throws IOException {
        if (sizeMb < 1 || runs < 1) {
            throw new CliException("--size-mb and --runs must be at least 1", 2);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (BenchDir bench = BenchDir.open(options.keep)) {
            Path dir = bench.path();
            int cores = Runtime.getRuntime().availableProcessors();
            out.println(bench.describeJvm());
            JournalGenerator.Files3 files = new JournalGenerator(options.seed).write(dir, "journal", (long) sizeMb << 20);
            Files.deleteIfExists(files.export());
            Files.deleteIfExists(files.shortText());
            Path bundle = dir.resolve("journal.flcap");
            int pieces = writeBundle(files, bundle, ParseBench.wholeLimitBytes() / 2);
            out.printf(Locale.ROOT, "generated %,d entries, %,d bytes of JSON, stored as %d bundle entries%n", files.entries(),
                    Files.size(files.json()), pieces);
            Files.delete(files.json());
            out.flush();

            long t0 = System.nanoTime();
            Evidence evidence;
            try (Bundle b = Bundle.open(bundle)) {
                evidence = Ingestor.ingest(b);
            }
            long t1 = System.nanoTime();
            TimelineIndex index = new TimelineIndex(evidence.events());
            long t2 = System.nanoTime();
            evidence = null;
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            out.printf(Locale.ROOT, "ingest %.2f s, index (sort, facet columns) %.2f s: %,d events; heap in use after GC %,d MiB%n",
                    (t1 - t0) / 1e9, (t2 - t1) / 1e9, index.size(), heap >> 20);
            out.printf(Locale.ROOT, "%-80s %9s %10s %10s%n", "measurement (median of " + runs + ")", "hits", "1 thread", cores + " threads");
            long from = index.firstTime();
            long to = index.lastTime() + 1;
            try (TimelineSearch one = new TimelineSearch(1); TimelineSearch all = new TimelineSearch(cores)) {
                for (Facet f : Facet.values()) {
                    double ms = median(() -> index.facetCounts(f, from, to).size());
                    out.printf(Locale.ROOT, "%-80s %9s %8.1f ms%n", "facet counts " + f + ", whole range (" + index.facetCounts(f, from, to).size()
                            + " values)", "", ms);
                }
                Filter facetFilter = Filter.all().including(Facet.UNIT, "ssh.service", "cron.service").excluding(Facet.SEVERITY, "INFO");
                row(out, index, one, all, "facet filter unit in {ssh, cron} and severity not INFO", facetFilter);
                row(out, index, one, all, "facet filter: events that name a container",
                        Filter.all().excluding(Facet.CONTAINER, (String) null));
                List<Query> queries = List.of(
                        Query.regex("Failed password for invalid user (root|admin) from 203\\.0\\.113\\.\\d+", true),
                        Query.regex("fsync took \\d{4,} ms", true),
                        Query.regex("timed out|blocked for more than \\d+ seconds", false),
                        Query.regex("^time=\"[^\"]+\" level=error", true),
                        Query.text("Deactivated successfully", true),
                        Query.text("deactivated SUCCESSFULLY", false));
                for (Query q : queries) {
                    row(out, index, one, all, q.toString(), Filter.all().matching(q));
                }
                Selection hits = all.run(index, Filter.all().matching(queries.getFirst()));
                double density = median(() -> hits.density(index, from, to, 1920).length);
                out.printf(Locale.ROOT, "%-80s %,9d %8.3f ms%n", "hit density, 1920 buckets over the whole range", hits.size(), density);
            }
            out.flush();
            return 0;
        }
    }

    private void row(PrintWriter out, TimelineIndex index, TimelineSearch one, TimelineSearch all, String label, Filter filter) {
        int[] single = one.run(index, filter).indices();
        int[] parallel = all.run(index, filter).indices();
        if (!Arrays.equals(single, parallel)) {
            throw new CliException(label + ": " + single.length + " hits on one thread but " + parallel.length + " on " + all.threads(), 1);
        }
        double ms1 = median(() -> one.run(index, filter).size());
        double msN = median(() -> all.run(index, filter).size());
        out.printf(Locale.ROOT, "%-80s %,9d %8.1f ms %7.1f ms%n", label,
                single.length, ms1, msN);
        out.flush();
    }

    /** Milliseconds, the median of {@link #runs} runs after a warm-up run. */
    private double median(Supplier<Integer> work) {
        work.get();
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            work.get();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return ms[runs / 2];
    }

    /** The JSON lines in entries of at most {@code maxBytes}, each ending at a newline. */
    private static int writeBundle(JournalGenerator.Files3 files, Path bundle, long maxBytes) throws IOException {
        int pieces = 0;
        try (BundleWriter w = new BundleWriter(bundle, Version.program());
             InputStream in = new java.io.BufferedInputStream(Files.newInputStream(files.json()), 1 << 20)) {
            w.window(Instant.ofEpochSecond(files.firstMicros() / 1_000_000 - 60), Instant.ofEpochSecond(files.lastMicros() / 1_000_000 + 60));
            w.host(new Manifest.Host("ubuntu", null, 0, "UTC", 0, 0, null));
            byte[] buf = new byte[1 << 16];
            int b = in.read();
            while (b >= 0) {
                String path = String.format(Locale.ROOT, "raw/journal-%03d.json", pieces++);
                BundleWriter.RawEntry e = w.begin(path, "ubuntu", SourceKind.JOURNAL_JSON, path, null);
                boolean lineStart = true;
                while (b >= 0 && (!lineStart || e.bytes() < maxBytes)) {
                    int n = 0;
                    while (b >= 0 && n < buf.length) {
                        buf[n++] = (byte) b;
                        lineStart = b == '\n';
                        b = in.read();
                        if (lineStart) {
                            break;
                        }
                    }
                    e.write(buf, 0, n);
                }
                e.complete(0, null);
            }
            w.finish(false);
        }
        return pieces;
    }
}
