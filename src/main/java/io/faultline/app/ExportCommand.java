package io.faultline.app;

import io.faultline.capture.Bundle;
import io.faultline.export.ExportOptions;
import io.faultline.export.HtmlExporter;
import io.faultline.export.JsonExporter;
import io.faultline.ingest.Ingestor;
import io.faultline.model.EpochNanos;
import io.faultline.model.Evidence;
import io.faultline.model.TimeWindow;
import io.faultline.ui.LoadedCase;
import io.faultline.ui.PngRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.concurrent.Callable;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export the annotated timeline of a bundle.",
                "html: one self-contained interactive file (no network); json: the annotated timeline as data;",
                "png: the workbench view rendered offscreen (works with no display)."})
final class ExportCommand implements Callable<Integer> {
    enum Format { html, json, png }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BUNDLE")
    Path bundle;

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "${COMPLETION-CANDIDATES}")
    Format format;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT")
    Path output;

    @Option(names = "--from", paramLabel = "T", description = "start of the range to export (ISO-8601 with offset, epoch seconds, -30m)")
    String from;

    @Option(names = "--to", paramLabel = "T", description = "end of the range to export")
    String to;

    @Option(names = "--title", paramLabel = "TEXT", description = "report title (default: the bundle's file name)")
    String title;

    @Option(names = "--width", paramLabel = "PX", description = "png width (default: ${DEFAULT-VALUE})")
    int width = 1600;

    @Option(names = "--height", paramLabel = "PX", description = "png height (default: ${DEFAULT-VALUE})")
    int height = 1000;

    @Option(names = "--force", description = "replace OUT if it exists (never a bundle: an export does not replace one)")
    boolean force;

    @Override
    public Integer call() throws IOException {
        UserPaths.refuseToOverwriteBundle(output);
        UserPaths.requireWritableOutput(output, force);
        if (format == Format.png && (width < 200 || height < 200 || width > 8192 || height > 8192)) {
            throw new CliException("--width and --height must lie between 200 and 8192 pixels", 2);
        }
        Instant now = Instant.now();
        Long f = from == null ? null : RangeOptions.nanos("--from", from, now);
        Long t = to == null ? null : RangeOptions.nanos("--to", to, now);
        if (f != null && t != null) {
            requireOrdered(f, t);
        }
        Evidence evidence;
        LoadedCase loaded;
        try (Bundle b = Bundle.open(bundle)) {
            evidence = Ingestor.ingest(b);
            loaded = new LoadedCase(bundle, evidence, b.annotations());
        }
        TimeWindow range = f == null && t == null ? null : new TimeWindow(f == null ? evidence.window().fromNanos() : f,
                requireOrdered(f == null ? evidence.window().fromNanos() : f, t == null ? evidence.window().toNanos() : t));
        if (range != null) {
            RangeOptions.warnIfOutside(spec.commandLine().getErr(), range.fromNanos(), range.toNanos(), evidence.window());
        }
        ExportOptions options = new ExportOptions(range, title != null ? title : String.valueOf(bundle.getFileName()));
        // a sibling created with the user's umask, so the export gets the permissions any file of theirs gets
        Path tmp = output.toAbsolutePath().getParent().resolve("." + output.getFileName() + ".part");
        UserPaths.writing(output, () -> {
            try {
                switch (format) {
                    case html -> write(tmp, out -> HtmlExporter.export(evidence, loaded.annotations(), options, out));
                    case json -> write(tmp, out -> JsonExporter.export(evidence, loaded.annotations(), options, out));
                    case png -> PngRenderer.render(range == null ? loaded : withRange(loaded, range), tmp, width, height);
                }
                return Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        });
        spec.commandLine().getOut().println("wrote " + output.toAbsolutePath() + " (" + Files.size(output) + " bytes)");
        return 0;
    }

    /** {@code t}, when it lies after {@code f}; otherwise a usage error naming both ends (a range to export must hold time). */
    private long requireOrdered(long f, long t) {
        if (t <= f) {
            throw new CliException("--to must lie after --from: the range " + EpochNanos.iso(f) + " .. " + EpochNanos.iso(t)
                    + (t == f ? " is empty" : " is inverted") + (from == null || to == null ? " (the open end is the bundle's window)" : ""), 2);
        }
        return t;
    }

    private static LoadedCase withRange(LoadedCase c, TimeWindow range) {
        Evidence e = c.evidence();
        return new LoadedCase(c.bundlePath(), new Evidence(range, e.hosts(), e.events(), e.spans(), e.series(),
                e.containers(), e.sources(), e.diagnostics()), c.annotations());
    }

    private interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private static void write(Path file, Writer w) throws IOException {
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file))) {
            w.write(out);
        }
    }
}
