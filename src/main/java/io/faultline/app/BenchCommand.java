package io.faultline.app;

import io.faultline.capture.Json;
import io.faultline.ingest.bench.JournalGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A benchmark, not a test: generates N journal entries as JSON lines, opens the file the way the workbench does
 * ({@link LoadBench}) and, with {@code --compare-lnav}, loads and searches the same file with lnav and grep in the same
 * run ({@link PeerBench}), checks that all count the same events and regex hits, and prints the ratios.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmark opening a generated journal of N entries as the workbench does (a benchmark, not a test);",
                "with --compare-lnav, lnav and grep load and search the same file in the same run."})
final class BenchCommand implements Callable<Integer> {
    static final String DEFAULT_REGEX = "Failed password for .* from 203\\.0\\.113\\.";
    private static final long MAX_EVENTS = Integer.MAX_VALUE - 8;

    @Spec
    CommandSpec spec;

    @Option(names = "--events", paramLabel = "N", defaultValue = "1000000", description = "journal entries to generate (default ${DEFAULT-VALUE})")
    long events;

    @Option(names = "--compare-lnav", description = "also load and search the file with lnav (headless) and grep, and compare")
    boolean compareLnav;

    @Option(names = "--regex", paramLabel = "R", defaultValue = DEFAULT_REGEX,
            description = "what lnav and grep search for; valid as PCRE2, POSIX extended and Java regex alike (default ${DEFAULT-VALUE})")
    String regex;

    @Mixin
    BenchOptions options = new BenchOptions();

    @Option(names = "--json", description = "print the report as JSON (the default prints a table)")
    boolean json;

    @Option(names = "--load-jvm-option", paramLabel = "OPT", description = {"an option for the JVM the load runs in, after the"
            + " launcher's (-Xmx3g); repeatable, e.g. --load-jvm-option=-XX:+UseSerialGC"})
    List<String> loadJvmOptions = new ArrayList<>();

    /** What was generated. */
    record Generated(String file, long entries, long bytes, String from, String to, long seed, double seconds) {
    }

    /** Who counted what, and whether they agree; lnav's and grep's are null without --compare-lnav. */
    record Counts(long generated, long faultlineEvents, Long lnavEvents, Long grepLines, long faultlineHits, Long lnavHits,
                  Long grepHits, boolean eventsAgree, Boolean hitsAgree) {
    }

    /**
     * Faultline's figure over lnav's: below 1 means Faultline is faster or smaller. {@code bundleOpenOverLnavLoad} is the
     * second opening of the bundle (ingest and index, {@code reopenSeconds}) over lnav's load.
     * {@code regexSearchOverLnavSearch} is Faultline's search for the regex on all cores over lnav's search run less its
     * load run ({@code :filter-in}, case-sensitive); {@code regexIgnoringCaseSearchOverLnavSearch} the same regex ignoring
     * case over that same lnav time. Both are null when lnav's difference is not above zero (its filter took less than the noise between two runs).
     */
    record Ratios(double loadOverLnavLoad, double bundleOpenOverLnavLoad, double peakRssOverLnav, Double regexSearchOverLnavSearch,
                  Double regexIgnoringCaseSearchOverLnavSearch) {
    }

    /**
     * @param loadJvm             the JVM the load ran in (the launcher's options), not this one
     * @param loadJvmPeakRssBytes that JVM's peak resident set over its whole run (load, searches, second opening)
     */
    record Report(String jvm, int processors, long maxHeapBytes, String loadAverageBefore, String loadAverageAfter, Generated generated,
                  String regex, String loadJvm, long loadJvmPeakRssBytes, LoadBench.Result faultline, PeerBench.Lnav lnav,
                  PeerBench.Grep grep, Counts counts, Ratios ratios) {
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (events < 1 || events > MAX_EVENTS) {
            throw new CliException("--events must be from 1 to " + MAX_EVENTS + ", not " + events, 2);
        }
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new CliException("--regex '" + regex + "' is not a regular expression: " + e.getDescription() + " at index " + e.getIndex(), 2);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (BenchDir bench = BenchDir.open(options.keep)) {
            Path dir = bench.path();
            String loadBefore = loadAverage();
            long g0 = System.nanoTime();
            JournalGenerator.JsonFile file = new JournalGenerator(options.seed).writeJsonLines(dir.resolve("journal.json"), events);
            Generated generated = new Generated(file.path().toString(), file.entries(), file.bytes(),
                    Instant.ofEpochSecond(0, file.firstMicros() * 1000).toString(), Instant.ofEpochSecond(0, file.lastMicros() * 1000).toString(),
                    options.seed, (System.nanoTime() - g0) / 1e9);
            if (!json) {
                out.println(bench.describeJvm());
                out.printf(Locale.ROOT, "generated %,d journal JSON entries, %,d bytes (%s .. %s) in %.1f s; load average %s%n",
                        generated.entries(), generated.bytes(), generated.from(), generated.to(), generated.seconds(), loadBefore);
                out.flush();
            }
            LoadJvm.Run load = LoadJvm.run(dir, file.path(), regex, loadJvmOptions);
            LoadBench.Result faultline = load.result();
            PeerBench.Lnav lnav = null;
            PeerBench.Grep grep = null;
            if (compareLnav) {
                lnav = PeerBench.lnav(dir, file.path(), regex);
                grep = PeerBench.grep(dir, file.path(), regex);
            }
            Report report = new Report(bench.describeJvm(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory(),
                    loadBefore, loadAverage(), generated, regex, load.command(), load.peakRssBytes(), faultline, lnav, grep, counts(file.entries(), faultline, lnav, grep),
                    lnav == null ? null : ratios(faultline, lnav));
            if (json) {
                out.println(Json.mapper().writeValueAsString(report));
            } else {
                printTable(out, report);
            }
            out.flush();
            List<String> disagree = disagreements(report.counts());
            if (!disagree.isEmpty()) {
                spec.commandLine().getErr().println("faultline bench: counts disagree: " + String.join("; ", disagree));
                return 1;
            }
            return 0;
        }
    }

    private static Ratios ratios(LoadBench.Result f, PeerBench.Lnav lnav) {
        double lnavSearch = lnav.searchSeconds();
        // the second opening's own time: the first load's "ingest" no longer holds the parse when the import parsed the file
        return new Ratios(f.loadSeconds() / lnav.loadSeconds(), f.reopenSeconds() / lnav.loadSeconds(),
                (double) f.peakRssBytes() / lnav.peakRssBytes(),
                lnavSearch > 0 ? allCores(f, LoadBench.SearchKind.REGEX).medianNanos() / 1e9 / lnavSearch : null,
                lnavSearch > 0 ? allCores(f, LoadBench.SearchKind.REGEX_IGNORING_CASE).medianNanos() / 1e9 / lnavSearch : null);
    }

    /** The search for the given regex ({@code --regex}, the first of its kind) on all cores (the second of the pair). */
    private static LoadBench.Search allCores(LoadBench.Result f, LoadBench.SearchKind kind) {
        return f.searches().stream().filter(s -> s.kind() == kind).skip(1).findFirst().orElseThrow();
    }

    private static String label(LoadBench.SearchKind kind) {
        return switch (kind) {
            case REGEX -> "regex search";
            case REGEX_IGNORING_CASE -> "regex search, ignoring case";
            case TEXT -> "text search";
            case TEXT_IGNORING_CASE -> "text search, ignoring case";
            case FACETS -> "facet filter";
        };
    }

    private static Counts counts(long generated, LoadBench.Result f, PeerBench.Lnav lnav, PeerBench.Grep grep) {
        boolean events = f.events() == generated && (lnav == null || lnav.events() == generated) && (grep == null || grep.lines() == generated);
        return new Counts(generated, f.events(), lnav == null ? null : lnav.events(), grep == null ? null : grep.lines(), f.regexHits(),
                lnav == null ? null : lnav.hits(), grep == null ? null : grep.hits(), events,
                lnav == null ? null : f.regexHits() == lnav.hits() && lnav.hits() == grep.hits());
    }

    private static List<String> disagreements(Counts c) {
        List<String> out = new ArrayList<>();
        if (!c.eventsAgree()) {
            out.add(String.format(Locale.ROOT, "events: generated %,d, faultline %,d", c.generated(), c.faultlineEvents())
                    + (c.lnavEvents() == null ? "" : String.format(Locale.ROOT, ", lnav %,d, grep lines %,d", c.lnavEvents(), c.grepLines())));
        }
        if (Boolean.FALSE.equals(c.hitsAgree())) {
            out.add(String.format(Locale.ROOT, "regex hits: faultline %,d, lnav %,d, grep %,d", c.faultlineHits(), c.lnavHits(), c.grepHits()));
        }
        return out;
    }

    private static void printTable(PrintWriter out, Report r) {
        LoadBench.Result f = r.faultline();
        out.println();
        out.println("faultline: the file opened as the workbench opens it (import into a bundle, Ingestor, WorkbenchData/TimelineIndex),"
                + " in a JVM of its own");
        row(out, "events", "%,d", f.events());
        if (f.errors() > 0) {
            row(out, "errors", "%,d, the first: %s", f.errors(), f.firstError());
        }
        row(out, "import into bundle, parsing", "%.2f s", f.importSeconds());
        row(out, "ingest (Ingestor), the rest", "%.2f s", f.ingestSeconds());
        row(out, "index (WorkbenchData)", "%.2f s", f.indexSeconds());
        row(out, "load, total", "%.2f s   %,.0f events/s   %.1f MB/s", f.loadSeconds(), f.eventsPerSecond(), f.megabytesPerSecond());
        row(out, "time to first screen", "%.2f s   = %s", f.firstScreenSeconds(), f.firstScreenBasis());
        row(out, "reopen the bundle", "%.2f s, first screen after %.2f s   (opening the bundle again, as a capture is opened)",
                f.reopenSeconds(), f.reopenFirstScreenSeconds());
        row(out, "heap before load", "%,d MiB (after a full GC)", f.heapBeforeBytes() >> 20);
        row(out, "peak heap", "%,d MiB (sum of the heap pools' peaks)   GC runs %,d, %,d ms", f.peakHeapBytes() >> 20, f.gcCount(),
                f.gcMillis());
        row(out, "heap retained", "%,d MiB   %,.0f bytes/event (after a full GC, less the heap before)", f.retainedHeapBytes() >> 20,
                f.retainedBytesPerEvent());
        row(out, "RSS before / peak", "%,d / %,d MiB (VmHWM of the load's own JVM from its start to the end of the load: %s)",
                f.rssBeforeBytes() >> 20, f.peakRssBytes() >> 20, r.loadJvm());
        row(out, "peak RSS of that JVM, whole run", "%,d MiB (with the searches and the second opening)", r.loadJvmPeakRssBytes() >> 20);
        for (LoadBench.Zoom z : f.zooms()) {
            row(out, z.call() + ", " + z.name(), "median %.3f ms, max %.3f ms of %d runs (%d buckets over %s, %,d events)",
                    z.medianNanos() / 1e6, z.maxNanos() / 1e6, z.runs(), z.buckets(), span(z.toNanos() - z.fromNanos()), z.eventsInRange());
        }
        for (LoadBench.Search s : f.searches()) {
            row(out, label(s.kind()) + ", " + s.threads() + " thread"
                    + (s.threads() == 1 ? "" : "s"), "median %.1f ms, max %.1f ms of %d runs, %,d events kept   (%s)", s.medianNanos() / 1e6,
                    s.maxNanos() / 1e6, s.runs(), s.hits(), s.what());
        }
        if (r.lnav() != null) {
            PeerBench.Lnav l = r.lnav();
            out.println();
            out.println(l.version() + ", headless, HOME an empty folder");
            row(out, "events", "%,d (rows of all_logs by format: %s)", l.events(), l.formats());
            row(out, "load", "%.2f s   peak RSS %,d MiB   %s", l.loadSeconds(), l.peakRssBytes() >> 20, l.loadCommand());
            row(out, "regex hits", "%,d in %.2f s (%.2f s more than the load)   peak RSS %,d MiB   %s", l.hits(), l.searchRunSeconds(),
                    l.searchSeconds(), l.searchPeakRssBytes() >> 20, l.searchCommand());
            PeerBench.Grep g = r.grep();
            out.println("grep");
            row(out, "lines", "%,d in %.2f s   %s", g.lines(), g.linesSeconds(), g.linesCommand());
            row(out, "regex hits", "%,d in %.2f s   peak RSS %,d MiB   %s", g.hits(), g.regexSeconds(), g.peakRssBytes() >> 20,
                    g.regexCommand());
            out.println();
            out.println("what each counts: faultline, events in its index, and for hits events whose MESSAGE the regex finds; lnav, the log messages of all_logs (one a JSON line), and for"
                    + " hits the displayed lines :filter-in keeps (time, unit, ident[pid], level, MESSAGE; not the hidden fields);"
                    + " grep, lines, and for hits lines whose raw JSON matches anywhere");
        }
        Counts c = r.counts();
        out.println();
        out.printf(Locale.ROOT, "events %s: generated %,d, faultline %,d%s%n", c.eventsAgree() ? "agree" : "DISAGREE", c.generated(),
                c.faultlineEvents(), c.lnavEvents() == null ? "" : String.format(Locale.ROOT, ", lnav %,d, grep lines %,d", c.lnavEvents(),
                        c.grepLines()));
        if (c.hitsAgree() != null) {
            out.printf(Locale.ROOT, "regex hits %s: faultline %,d, lnav %,d, grep %,d   (regex %s)%n", c.hitsAgree() ? "agree" : "DISAGREE",
                    c.faultlineHits(), c.lnavHits(), c.grepHits(), r.regex());
        }
        if (r.ratios() != null) {
            Ratios q = r.ratios();
            out.printf(Locale.ROOT, "ratios faultline/lnav (below 1: faultline faster or smaller): load %.2f, bundle reopen %.2f,"
                    + " peak RSS %.2f, regex search (all cores / lnav's search run less its load run) %s, the same ignoring case %s%n",
                    q.loadOverLnavLoad(), q.bundleOpenOverLnavLoad(), q.peakRssOverLnav(), ratio(q.regexSearchOverLnavSearch()),
                    ratio(q.regexIgnoringCaseSearchOverLnavSearch()));
        }
        out.printf(Locale.ROOT, "load average before %s, after %s%n", r.loadAverageBefore(), r.loadAverageAfter());
    }

    private static String ratio(Double r) {
        return r == null ? "n/a (lnav's difference not above 0)" : String.format(Locale.ROOT, "%.3f", r);
    }

    private static void row(PrintWriter out, String name, String format, Object... args) {
        out.printf(Locale.ROOT, "  %-38s " + format + "%n", prepend(name, args));
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private static String span(long nanos) {
        return nanos >= 60_000_000_000L ? String.format(Locale.ROOT, "%.1f min", nanos / 6e10)
                : String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
    }

    /** The 1, 5 and 15 minute load averages, for telling a quiet run from a noisy one; "unknown" off Linux. */
    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
