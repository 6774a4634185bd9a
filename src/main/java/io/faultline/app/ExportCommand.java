package io.faultline.app;

import io.faultline.capture.Bundle;
import io.faultline.export.ChainPng;
import io.faultline.export.CsvExporter;
import io.faultline.export.ExportOptions;
import io.faultline.export.HtmlExporter;
import io.faultline.export.JsonExporter;
import io.faultline.export.MarkdownExporter;
import io.faultline.export.SvgExporter;
import io.faultline.export.Redaction;
import io.faultline.export.Redactor;
import io.faultline.ingest.Ingestor;
import io.faultline.model.EpochNanos;
import io.faultline.model.Evidence;
import io.faultline.model.TimeWindow;
import io.faultline.ui.LoadedCase;
import io.faultline.ui.PngRenderer;
import io.faultline.ui.Theme;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
                "md: a postmortem draft (summary, impact window, timeline of the notes, the chain, evidence excerpts);",
                "csv: the events of the range (time, host, source, unit, identifier, container, severity, message);",
                "svg: the timeline (lanes, notes, links) and the chain graph; --view chain (svg or png): the chain graph alone;",
                "png: the workbench view rendered offscreen (works with no display); --lane renders one lane of it,",
                "--lane all every lane into the directory OUT as <lane>-<theme>.png.",
                "--redact (default for html and md) replaces addresses, user names, host names, e-mail addresses and secrets."})
final class ExportCommand implements Callable<Integer> {
    enum Format {
        html, json, png, md, csv, svg;

        /** Whether an export to this format is redacted unless {@code --no-redact} says otherwise: the formats made to be shared. */
        boolean redactsByDefault() {
            return this == html || this == md;
        }

        /** Whether the format is text (every format but the picture): what a redaction test reads back. */
        boolean text() {
            return this != png;
        }
    }

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

    @Mixin
    ThemeOption theme = new ThemeOption();

    @Option(names = "--scale", paramLabel = "S", description = "png output scale, 0.5 to 4: 2 gives twice the pixels each way,"
            + " as a HiDPI screen shows it (default: ${DEFAULT-VALUE})")
    double scale = 1;

    @Option(names = "--lane", paramLabel = "NAME", description = "png of one lane only (overview, axis, health, io-DEVICE, log),"
            + " or all: every lane, into the directory OUT")
    String lane;

    @Option(names = "--view", paramLabel = "VIEW", description = "svg and png: timeline (default) or chain (the chain graph alone)")
    String view;

    @Option(names = "--redact", negatable = true, description = "replace addresses, user names, host names, e-mail addresses and"
            + " secrets by placeholders (ip-1, user-1, ...); on by default for html and md (--no-redact to turn it off);"
            + " see what it replaces with faultline redact-preview")
    Boolean redact;

    @Mixin
    RedactOptions redactTerms = new RedactOptions();

    @Option(names = "--force", description = "replace OUT if it exists (never a bundle: an export does not replace one)")
    boolean force;

    @Override
    public Integer call() throws IOException {
        boolean allLanes = "all".equals(lane);
        if (view != null && !view.equals("timeline") && !view.equals("chain")) {
            throw new CliException("--view must be timeline or chain, not '" + view + "'", 2);
        }
        if (view != null && format != Format.svg && format != Format.png) {
            throw new CliException("--view is for --format svg and png", 2);
        }
        if ("chain".equals(view) && (lane != null || theme.theme != null)) {
            throw new CliException("--lane and --theme are for the timeline PNG, not --view chain (drawn in the light report theme)", 2);
        }
        if (format != Format.png && (lane != null || theme.theme != null || scale != 1)) {
            throw new CliException("--lane, --theme and --scale are for --format png", 2);
        }
        if (allLanes) {
            if (!Files.isDirectory(output)) {
                throw new CliException("--lane all writes one PNG per lane into the directory -o names: " + output
                        + " is not a directory", 2);
            }
        } else {
            UserPaths.refuseToOverwriteBundle(output);
            UserPaths.requireWritableOutput(output, force);
        }
        if (format == Format.png && (width < 200 || height < 200 || width > 8192 || height > 8192)) {
            throw new CliException("--width and --height must lie between 200 and 8192 pixels", 2);
        }
        if (format == Format.png && (!(scale >= 0.5 && scale <= 4) || width * scale > 16384 || height * scale > 16384)) {
            throw new CliException("--scale must lie between 0.5 and 4, and the image at most 16384 pixels each way", 2);
        }
        boolean redacting = redact != null ? redact : format.redactsByDefault();
        if (!redacting && redactTerms.given()) {
            throw new CliException("--redact-term and --redact-terms need the export redacted: drop --no-redact"
                    + (redact == null ? " or add --redact (" + format + " is not redacted by default)" : ""), 2);
        }
        java.util.List<String> ownTerms = redactTerms.all();
        Instant now = Instant.now();
        Long f = from == null ? null : RangeOptions.nanos("--from", from, now);
        Long t = to == null ? null : RangeOptions.nanos("--to", to, now);
        if (f != null && t != null) {
            requireOrdered(f, t);
        }
        Evidence evidence;
        LoadedCase loaded;
        Redaction redaction;
        try (Bundle b = Bundle.open(bundle)) {
            Evidence ingested = Ingestor.ingest(b);
            // every format is given the redacted evidence, notes and title: what it writes or draws cannot miss one
            redaction = redacting ? Redactor.propose(ingested, b.annotations(), exportTitle(), Redactor.Known.of(b), ownTerms)
                    : Redaction.none();
            evidence = redaction.apply(ingested);
            loaded = new LoadedCase(bundle, evidence, redaction.apply(b.annotations()));
        }
        if (redacting) {
            spec.commandLine().getOut().println(redactionSummary(redaction));
        }
        TimeWindow range = f == null && t == null ? null : new TimeWindow(f == null ? evidence.window().fromNanos() : f,
                requireOrdered(f == null ? evidence.window().fromNanos() : f, t == null ? evidence.window().toNanos() : t));
        if (range != null) {
            RangeOptions.warnIfOutside(spec.commandLine().getErr(), range.fromNanos(), range.toNanos(), evidence.window());
        }
        LoadedCase shown = range == null ? loaded : withRange(loaded, range);
        PngRenderer.Options png = new PngRenderer.Options(width, height, theme.theme == null ? Theme.DARK : theme.theme, scale);
        if (allLanes) {
            for (Path written : PngRenderer.renderLanes(shown, output, png)) {
                spec.commandLine().getOut().println("wrote " + written.toAbsolutePath() + " (" + Files.size(written) + " bytes)");
            }
            return 0;
        }
        ExportOptions options = redaction.apply(new ExportOptions(range, exportTitle()));
        // a sibling created with the user's umask, so the export gets the permissions any file of theirs gets
        Path tmp = output.toAbsolutePath().getParent().resolve("." + output.getFileName() + ".part");
        UserPaths.writing(output, () -> {
            try {
                switch (format) {
                    case html -> write(tmp, out -> HtmlExporter.export(evidence, loaded.annotations(), options, out));
                    case json -> write(tmp, out -> JsonExporter.export(evidence, loaded.annotations(), options, out));
                    case md -> write(tmp, out -> MarkdownExporter.export(evidence, loaded.annotations(), options, out));
                    case csv -> write(tmp, out -> CsvExporter.export(evidence, options, out));
                    case svg -> write(tmp, out -> SvgExporter.export(evidence, loaded.annotations(), options, svgView(), out));
                    case png -> {
                        if (svgView() == SvgExporter.View.CHAIN) {
                            write(tmp, out -> ChainPng.export(evidence, loaded.annotations(), options, scale, out));
                        } else {
                            renderPng(shown, tmp, png);
                        }
                    }
                }
                return Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        });
        spec.commandLine().getOut().println("wrote " + output.toAbsolutePath() + " (" + Files.size(output) + " bytes)");
        return 0;
    }

    private SvgExporter.View svgView() {
        return "chain".equals(view) ? SvgExporter.View.CHAIN : SvgExporter.View.TIMELINE;
    }

    private String exportTitle() {
        return title != null ? title : String.valueOf(bundle.getFileName());
    }

    /** One line: how many terms of each kind the export replaced. */
    static String redactionSummary(Redaction r) {
        java.util.Map<Redaction.Kind, Integer> kinds = new java.util.EnumMap<>(Redaction.Kind.class);
        r.terms().forEach(t -> kinds.merge(t.kind(), 1, Integer::sum));
        StringBuilder sb = new StringBuilder("redacted " + r.terms().size() + " terms");
        String sep = ": ";
        for (var e : kinds.entrySet()) {
            sb.append(sep).append(e.getValue()).append(' ').append(e.getKey().stem());
            sep = ", ";
        }
        return sb.append(" (faultline redact-preview lists them; --no-redact turns it off)").toString();
    }

    private void renderPng(LoadedCase c, Path out, PngRenderer.Options png) throws IOException {
        try {
            if (lane == null) {
                PngRenderer.render(c, out, png);
            } else {
                PngRenderer.renderLane(c, lane, out, png);
            }
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), 2);
        }
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
