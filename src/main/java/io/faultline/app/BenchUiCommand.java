package io.faultline.app;

import io.faultline.capture.Json;
import io.faultline.ingest.FileImporter;
import io.faultline.ingest.IngestListener;
import io.faultline.ingest.bench.JournalGenerator;
import io.faultline.ui.FrameBench;
import io.faultline.ui.LoadedCase;
import io.faultline.ui.WorkbenchData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A benchmark, not a test: generates N journal entries, opens them as {@code faultline open FILE} does (import into a
 * bundle, ingest, {@link WorkbenchData#prepare}) and drives the real window headless ({@link FrameBench}): zoom, pan,
 * scroll the log table, jump to its end and back, timing the JavaFX thread. Then the same with a case of
 * {@value #SMALL} entries, for the "costs the same as through a hundred" comparison. A first run on {@value #SMALL}
 * entries, not reported, loads and compiles the window's classes, so that neither case pays for the JVM's first window.
 */
@Command(name = "bench-ui", mixinStandardHelpOptions = true,
        description = {"Benchmark the workbench window at N events (a benchmark, not a test): frame times on the JavaFX thread",
                "while zooming, panning and scrolling the log table, headless; the same at " + BenchUiCommand.SMALL + " events."})
final class BenchUiCommand implements Callable<Integer> {
    static final int SMALL = 100;
    private static final long MAX_EVENTS = Integer.MAX_VALUE - 8;

    @Spec
    CommandSpec spec;

    @Option(names = "--events", paramLabel = "N", defaultValue = "1000000", description = "journal entries to generate (default ${DEFAULT-VALUE})")
    long events;

    @Option(names = "--width", defaultValue = "1600", description = "window width (default ${DEFAULT-VALUE})")
    int width;

    @Option(names = "--height", defaultValue = "1000", description = "window height (default ${DEFAULT-VALUE})")
    int height;

    @Option(names = "--png", paramLabel = "FILE", description = "save a picture of the window at N events, whole range")
    Path png;

    @Option(names = "--json", description = "print the report as JSON (the default prints a table)")
    boolean json;

    @Mixin
    BenchOptions options = new BenchOptions();

    /** One case: how it was opened and what its window cost. */
    record Run(long entries, long fileBytes, double openSeconds, FrameBench.Result frames) {
    }

    record Report(String jvm, int processors, long maxHeapBytes, List<Run> runs) {
    }

    @Override
    public Integer call() throws IOException {
        if (events < 1 || events > MAX_EVENTS) {
            throw new CliException("--events must be from 1 to " + MAX_EVENTS + ", not " + events, 2);
        }
        if (width < 400 || height < 300) {
            throw new CliException("--width and --height must be at least 400 x 300, not " + width + " x " + height, 2);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (BenchDir bench = BenchDir.open(options.keep)) {
            run(Files.createDirectories(bench.path().resolve("warm-up")), SMALL, null);
            List<Run> runs = new ArrayList<>();
            for (long n : events == SMALL ? List.of(events) : List.of(events, (long) SMALL)) {
                runs.add(run(Files.createDirectories(bench.path().resolve("n" + n)), n, n == events ? png : null));
                if (!json) {
                    print(out, runs.getLast());
                    out.flush();
                }
            }
            Report report = new Report(bench.describeJvm(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory(),
                    List.copyOf(runs));
            if (json) {
                out.println(Json.mapper().writeValueAsString(report));
            } else {
                out.println(report.jvm());
            }
            out.flush();
            return 0;
        }
    }

    private Run run(Path dir, long n, Path picture) throws IOException {
        JournalGenerator.JsonFile file = new JournalGenerator(options.seed).writeJsonLines(dir.resolve("journal.json"), n);
        long t0 = System.nanoTime();
        Path bundle = dir.resolve("bench.flcap");
        FileImporter.Request request = new FileImporter.Request(List.of(file.path()), null, "UTC", null, null, Map.of());
        for (FileImporter.Imported i : FileImporter.importFiles(request, bundle, Version.program())) {
            if (i.entry() == null || i.problem() != null) {
                throw new CliException("import of " + i.file() + " into " + bundle + " failed: " + i.problem(), 1);
            }
        }
        LoadedCase loaded = CaseLoader.INSTANCE.openBundle(bundle, new IngestListener() {
        });
        WorkbenchData data = WorkbenchData.prepare(loaded);
        double open = (System.nanoTime() - t0) / 1e9;
        if (data.index().size() != file.entries()) {
            throw new CliException("generated " + file.entries() + " entries but the workbench holds " + data.index().size() + " events", 1);
        }
        return new Run(file.entries(), file.bytes(), open, FrameBench.run(data, width, height, options.seed, picture));
    }

    private static void print(PrintWriter out, Run r) {
        FrameBench.Result f = r.frames();
        out.printf(Locale.ROOT, "%,d events (%,d bytes of journal JSON, opened in %.1f s), window %d x %d, %,d rows in the log table%n",
                f.events(), r.fileBytes(), r.openSeconds(), f.width(), f.height(), f.tableRows());
        out.printf(Locale.ROOT, "  %-8s JavaFX thread %.1f ms = build and show %.1f ms + first pulse %.1f ms; longest stall %.1f ms%n", "show",
                f.showMillis(), f.showBuildMillis(), f.showPulseMillis(), f.showStallMillis());
        for (FrameBench.Kind k : f.kinds()) {
            out.printf(Locale.ROOT, "  %-8s frame median %6.2f ms (wall: action %.2f, layout %.2f, sync %.2f), p95 %6.2f ms, max %6.2f ms of %d;"
                    + " longest stall %6.2f ms%n", k.name(), k.medianMillis(), k.medianActionMillis(), k.medianLayoutMillis(), k.medianSyncMillis(),
                    k.p95Millis(), k.maxMillis(), k.steps(), k.maxStallMillis());
            out.printf(Locale.ROOT, "  %-8s (%s)%n", "", k.how());
        }
    }
}
