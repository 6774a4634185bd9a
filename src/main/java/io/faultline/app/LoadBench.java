package io.faultline.app;

import io.faultline.ingest.FileImporter;
import io.faultline.ingest.IngestListener;
import io.faultline.ingest.bench.HeapMeter;
import io.faultline.model.AnnotationLayer;
import io.faultline.model.Diagnostic;
import io.faultline.model.Evidence;
import io.faultline.model.TimeWindow;
import io.faultline.timeline.Facet;
import io.faultline.timeline.Filter;
import io.faultline.timeline.Query;
import io.faultline.timeline.TimelineIndex;
import io.faultline.timeline.TimelineSearch;
import io.faultline.ui.LoadedCase;
import io.faultline.ui.WorkbenchData;

import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Faultline opening a loose file as {@code faultline open FILE} does, measured step by step on this thread: the import
 * into a bundle ({@link FileImporter#importAndRead}, as {@link CaseLoader#importFiles}: a large journal is parsed while
 * it is copied, decision 0008), the bundle's ingest ({@link CaseLoader#openBundle}, i.e. {@code Ingestor}, which takes
 * the rows the import read), then {@link WorkbenchData#prepare} (the {@link TimelineIndex}
 * and the lookups the panes use), which the workbench runs before it shows anything. Then the histograms the overview
 * and the lanes draw, timed at the whole range and at a deep zoom; searches (the given regex, a regex with alternation and a
 * plain text, each case-sensitive and ignoring case) and a facet filter over every event, on one thread and on all cores
 * ({@link TimelineSearch}, as the panes run them).
 */
final class LoadBench {
    static final int BUCKETS = 1000;
    static final long DEEP_ZOOM_NANOS = 1_000_000_000L;
    private static final int WARMUP_RUNS = 5;
    private static final int RUNS = 31;
    private static final int SEARCH_WARMUP_RUNS = 1;
    private static final int SEARCH_RUNS = 7;
    static final String FACET_FILTER = "facet filter unit in {ssh.service, cron.service}, severity not INFO";
    static final String PREVIEW = "from the start of the import to the first look the ingest gives while it reads on"
            + " (IngestListener.preview), prepared for drawing (WorkbenchData.prepare), as the window shows it";
    static final String FULL_LOAD = "the full load: the file was read before a first look was due";
    /** Searched besides the given regex: the kernel's and the health checks' time-outs, as {@code bench-search} does. */
    static final String ALTERNATION_REGEX = "timed out|blocked for more than \\d+ seconds";
    static final String TEXT = "Deactivated successfully";

    /** Median and slowest of {@value #RUNS} runs (after {@value #WARMUP_RUNS} not counted) of one histogram call. */
    record Zoom(String name, String call, long fromNanos, long toNanos, int buckets, long eventsInRange, long medianNanos,
                long maxNanos, int runs) {
    }

    /** What a search looks for: a regex or a text in the message, case-sensitive or not, or facets only. */
    enum SearchKind { REGEX, REGEX_IGNORING_CASE, TEXT, TEXT_IGNORING_CASE, FACETS }

    /**
     * A filter over every event on {@code threads} threads: the median and slowest of {@value #SEARCH_RUNS} runs (after
     * {@value #SEARCH_WARMUP_RUNS} not counted) and the events it kept.
     */
    record Search(String what, SearchKind kind, int threads, long hits, long medianNanos, long maxNanos, int runs) {
    }

    /**
     * @param regexHits        the events whose message the regex finds (search matches the message only, decision 0003)
     * @param loadSeconds      import, ingest and index: from the file to the data the panes draw
     * @param firstScreenBasis how {@code firstScreenSeconds} was found
     * @param reopenSeconds    opening the bundle again once loaded (ingest and index, the page cache warm): what opening a
     *                         capture costs
     * @param reopenFirstScreenSeconds when that second opening had its first screen (its full time when it had none)
     * @param rssBeforeBytes   the JVM's resident set just before the load
     * @param peakRssBytes     the JVM's peak resident set ({@code VmHWM}) from its start to the end of the load: run in a
     *                         JVM of its own ({@link LoadJvm}), what opening the file costs
     */
    record Result(long events, long errors, String firstError, long fileBytes, double importSeconds, double ingestSeconds,
                  double indexSeconds, double loadSeconds, double eventsPerSecond, double megabytesPerSecond, double firstScreenSeconds,
                  String firstScreenBasis, long heapBeforeBytes, long peakHeapBytes, long retainedHeapBytes, double retainedBytesPerEvent,
                  long gcCount, long gcMillis, long rssBeforeBytes, long peakRssBytes, List<Zoom> zooms,
                  long regexHits, List<Search> searches, double reopenSeconds, double reopenFirstScreenSeconds) {
    }

    private LoadBench() {
    }

    /** Opens {@code file} (journal JSON) through a bundle written in {@code dir}, measuring as it goes; searches for {@code regex}. */
    static Result run(Path file, Path dir, String regex) throws IOException {
        long heapBefore = HeapMeter.usedAfterFullGc();
        long rssBefore = ProcMemory.rss(ProcMemory.self());
        HeapMeter.resetPeaks();
        long gcCount0 = HeapMeter.gcCount();
        long gcMillis0 = HeapMeter.gcMillis();

        long t0 = System.nanoTime();
        Path bundle = dir.resolve("bench.flcap");
        FileImporter.Request request = new FileImporter.Request(List.of(file), null, "UTC", null, null, Map.of());
        long[] firstScreen = {0};
        IngestListener firstLook = firstLook(bundle, firstScreen);
        FileImporter.Read read = FileImporter.importAndRead(request, bundle, Version.program(), firstLook);
        for (FileImporter.Imported i : read.files()) {
            if (i.entry() == null || i.problem() != null) {
                read.preread().close();
                throw new CliException("import of " + i.file() + " into " + bundle + " failed: " + i.problem(), 1);
            }
        }
        long t1 = System.nanoTime();
        LoadedCase loaded = CaseLoader.INSTANCE.openBundle(bundle, firstLook, read.preread());
        long t2 = System.nanoTime();
        WorkbenchData data = WorkbenchData.prepare(loaded);
        long t3 = System.nanoTime();

        long peakHeap = HeapMeter.peakBytes();
        long peakRss = ProcMemory.peakRss(ProcMemory.self());
        long gcCount = HeapMeter.gcCount() - gcCount0;
        long gcMillis = HeapMeter.gcMillis() - gcMillis0;
        long retained = HeapMeter.usedAfterFullGc() - heapBefore;
        TimelineIndex index = data.index();
        List<Diagnostic> errors = loaded.evidence().diagnostics().stream().filter(d -> d.level() == Diagnostic.Level.ERROR).toList();
        List<Zoom> zooms = zooms(index, data.fullWindow());
        List<Search> searches = searches(index, regex);
        Reference.reachabilityFence(data);
        long r0 = System.nanoTime();
        long[] reopenFirstScreen = {0};
        Reference.reachabilityFence(WorkbenchData.prepare(CaseLoader.INSTANCE.openBundle(bundle, firstLook(bundle, reopenFirstScreen))));
        long r1 = System.nanoTime();
        double load = (t3 - t0) / 1e9;
        long bytes = Files.size(file);
        return new Result(index.size(), errors.size(), errors.isEmpty() ? null : errors.getFirst().describe(), bytes, (t1 - t0) / 1e9,
                (t2 - t1) / 1e9, (t3 - t2) / 1e9, load, index.size() / load, bytes / 1e6 / load,
                firstScreen[0] == 0 ? load : (firstScreen[0] - t0) / 1e9, firstScreen[0] == 0 ? FULL_LOAD : PREVIEW, heapBefore, peakHeap, retained,
                index.size() == 0 ? 0 : (double) retained / index.size(), gcCount, gcMillis, rssBefore, peakRss, zooms,
                searches.getFirst().hits(), searches, (r1 - r0) / 1e9, ((reopenFirstScreen[0] == 0 ? r1 : reopenFirstScreen[0]) - r0) / 1e9);
    }

    /** A listener that prepares the first look for drawing, as the window does, and notes when that is done. */
    private static IngestListener firstLook(Path bundle, long[] doneAt) {
        return new IngestListener() {
            @Override
            public void preview(Evidence sofar) {
                Reference.reachabilityFence(WorkbenchData.prepare(new LoadedCase(bundle, sofar, AnnotationLayer.empty())));
                doneAt[0] = System.nanoTime();
            }
        };
    }

    /** The overview's whole window, and one second around the middle event: {@value #BUCKETS} buckets of 1 ms. */
    private static List<Zoom> zooms(TimelineIndex index, TimeWindow full) {
        long mid = index.size() == 0 ? full.fromNanos() : index.time(index.size() / 2);
        TimeWindow deep = new TimeWindow(mid - DEEP_ZOOM_NANOS / 2, mid + DEEP_ZOOM_NANOS / 2);
        List<Zoom> out = new ArrayList<>();
        for (TimeWindow w : List.of(full, deep)) {
            String name = w == full ? "full range" : "deep zoom";
            out.add(time(name, "histogram", index, w, () -> sum(index.histogram(w.fromNanos(), w.toNanos(), BUCKETS))));
            out.add(time(name, "histogramBySeverity", index, w, () -> {
                long s = 0;
                for (long[] b : index.histogramBySeverity(w.fromNanos(), w.toNanos(), BUCKETS)) {
                    s += sum(b);
                }
                return s;
            }));
        }
        return out;
    }

    private static Zoom time(String name, String call, TimelineIndex index, TimeWindow w, LongSupplier histogram) {
        long expected = index.count(w.fromNanos(), w.toNanos());
        long[] nanos = timed(call + " over " + name, WARMUP_RUNS, RUNS, expected, histogram);
        return new Zoom(name, call, w.fromNanos(), w.toNanos(), BUCKETS, expected, nanos[RUNS / 2], nanos[RUNS - 1], RUNS);
    }

    /**
     * The regex, the alternation regex and the text, each case-sensitive then ignoring case, and the facet filter, each on
     * one thread and on all cores; both must keep the same events. The first is the given regex, case-sensitive.
     */
    private static List<Search> searches(TimelineIndex index, String regex) {
        record Run(String what, SearchKind kind, Filter filter) {
        }
        List<Run> runs = new ArrayList<>();
        for (String r : List.of(regex, ALTERNATION_REGEX)) {
            runs.add(new Run("regex " + r, SearchKind.REGEX, Filter.all().matching(Query.regex(r, true))));
            runs.add(new Run("regex " + r + ", ignoring case", SearchKind.REGEX_IGNORING_CASE, Filter.all().matching(Query.regex(r, false))));
        }
        runs.add(new Run("text " + TEXT, SearchKind.TEXT, Filter.all().matching(Query.text(TEXT, true))));
        runs.add(new Run("text " + TEXT + ", ignoring case", SearchKind.TEXT_IGNORING_CASE, Filter.all().matching(Query.text(TEXT, false))));
        runs.add(new Run(FACET_FILTER, SearchKind.FACETS,
                Filter.all().including(Facet.UNIT, "ssh.service", "cron.service").excluding(Facet.SEVERITY, "INFO")));
        List<Search> out = new ArrayList<>();
        try (TimelineSearch one = new TimelineSearch(1); TimelineSearch all = TimelineSearch.allCores()) {
            for (Run r : runs) {
                int[] single = one.run(index, r.filter()).indices();
                int[] parallel = all.run(index, r.filter()).indices();
                if (!Arrays.equals(single, parallel)) {
                    throw new IllegalStateException(r.what() + ": " + single.length + " events on one thread, " + parallel.length
                            + " on " + all.threads());
                }
                for (TimelineSearch s : List.of(one, all)) {
                    long[] nanos = timed(r.what(), SEARCH_WARMUP_RUNS, SEARCH_RUNS, single.length, () -> s.run(index, r.filter()).size());
                    out.add(new Search(r.what(), r.kind(), s.threads(), single.length, nanos[SEARCH_RUNS / 2], nanos[SEARCH_RUNS - 1],
                            SEARCH_RUNS));
                }
            }
        }
        return out;
    }

    /**
     * The times of {@code runs} calls of {@code work} after {@code warmup} not counted, sorted. {@code work} returns what
     * it counted, which must be {@code expected} every time: a histogram or search that loses or doubles events fails the
     * benchmark instead of timing well.
     */
    private static long[] timed(String what, int warmup, int runs, long expected, LongSupplier work) {
        long[] nanos = new long[runs];
        for (int i = -warmup; i < runs; i++) {
            long t0 = System.nanoTime();
            long counted = work.getAsLong();
            long took = System.nanoTime() - t0;
            if (counted != expected) {
                throw new IllegalStateException(what + " counted " + counted + " events, expected " + expected);
            }
            if (i >= 0) {
                nanos[i] = took;
            }
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static long sum(long[] counts) {
        long s = 0;
        for (long c : counts) {
            s += c;
        }
        return s;
    }
}
