package io.faultline.ui;

import io.faultline.capture.Bundle;
import io.faultline.export.ChainPng;
import io.faultline.export.CsvExporter;
import io.faultline.export.ExportOptions;
import io.faultline.export.HtmlExporter;
import io.faultline.export.JsonExporter;
import io.faultline.export.MarkdownExporter;
import io.faultline.export.Redaction;
import io.faultline.export.Redactor;
import io.faultline.export.SvgExporter;
import io.faultline.model.AnnotationLayer;
import io.faultline.model.Evidence;
import io.faultline.model.TimeWindow;
import io.faultline.timeline.CancelFlag;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.function.LongConsumer;

/**
 * One export from the window, run off the JavaFX thread: the same formats and options as {@code faultline export}
 * (html, json, md, csv, svg, png with theme, scale and size), redacted as the command redacts when asked. The file is written to a hidden sibling and moved over the output when
 * complete, so a cancelled or failed export leaves nothing behind; a bundle is never replaced. Cancel with the
 * {@link CancelFlag}: the writer stops at its next block of bytes (a PNG render at its end).
 */
final class ExportJob {
    /** The formats the window exports; {@code redactByDefault}: the dialog ticks Redact for it. */
    enum Format {
        HTML("html", "HTML: one interactive file, opens anywhere", true),
        JSON("json", "JSON: the annotated timeline as data", false),
        MD("md", "Markdown: a postmortem draft", true),
        CSV("csv", "CSV: the events of the range", false),
        SVG("svg", "SVG: the timeline as a vector picture", false),
        PNG("png", "PNG: the workbench view as a picture", false);

        private final String extension;
        private final String label;
        private final boolean redactByDefault;

        Format(String extension, String label, boolean redactByDefault) {
            this.extension = extension;
            this.label = label;
            this.redactByDefault = redactByDefault;
        }

        String extension() {
            return extension;
        }

        String label() {
            return label;
        }

        boolean redactByDefault() {
            return redactByDefault;
        }
    }

    /**
     * What to write.
     *
     * @param range  null: the whole capture
     * @param width  png: the window laid out this wide (scene pixels), like {@code --width}
     * @param scale  png: output scale, like {@code --scale}
     * @param chain  svg and png: the causal chain graph alone, like {@code --view chain}
     * @param terms  with {@code redact}: the redaction the user went through (terms kept, own terms added); null: the
     *               one {@link Redactor#propose} finds when the export runs
     */
    record Request(Format format, TimeWindow range, String title, Theme theme, double scale, int width, int height, boolean chain,
                   boolean redact, Redaction terms, Path output) {
        Request {
            if (format == Format.PNG) {
                new PngRenderer.Options(width, height, theme, scale);
            }
        }

        ExportOptions options() {
            return new ExportOptions(range, title);
        }

        /** The same request with {@code t} as the redaction to apply. */
        Request withTerms(Redaction t) {
            return new Request(format, range, title, theme, scale, width, height, chain, redact, t, output);
        }
    }

    /** What an export writes: the evidence, the notes and the options, each redacted when the request says so. */
    record Prepared(Evidence evidence, AnnotationLayer annotations, ExportOptions options) {
    }

    /** The redaction proposed for exporting {@code c} with {@code annotations} under {@code title}, as the command finds it. */
    static Redaction propose(LoadedCase c, AnnotationLayer annotations, String title) throws IOException {
        Redactor.Known known = Redactor.Known.none();
        if (c.bundlePath() != null && Files.isRegularFile(c.bundlePath())) {
            try (Bundle b = Bundle.open(c.bundlePath())) {
                known = Redactor.Known.of(b);
            }
        }
        return Redactor.propose(c.evidence(), annotations, title, known, List.of());
    }

    /** The request's data as it will be written: every format is given the redacted evidence, notes and title. */
    static Prepared prepare(LoadedCase c, AnnotationLayer annotations, Request r) throws IOException {
        if (!r.redact()) {
            return new Prepared(c.evidence(), annotations, r.options());
        }
        Redaction red = r.terms() != null ? r.terms() : propose(c, annotations, r.options().title());
        return new Prepared(red.apply(c.evidence()), red.apply(annotations), red.apply(r.options()));
    }

    private ExportJob() {
    }

    /** The reason {@code output} may not be written, or null: a bundle (or the case's own) is never replaced. */
    static String refusal(Path output, Path openBundle) {
        if (output == null) {
            return "choose a file to write";
        }
        Path out = output.toAbsolutePath().normalize();
        if (openBundle != null && out.equals(openBundle.toAbsolutePath().normalize())) {
            return out.getFileName() + " is the bundle open in this window; an export never replaces a bundle";
        }
        if (Files.isDirectory(out)) {
            return out + " is a folder: add a file name";
        }
        if (out.getParent() == null || !Files.isDirectory(out.getParent())) {
            return "the folder " + out.getParent() + " does not exist";
        }
        try {
            if (Bundle.isBundle(out)) {
                return out.getFileName() + " is a Faultline bundle (raw outputs and notes); an export never replaces one";
            }
        } catch (IOException e) {
            return "cannot read " + out + ": " + e.getMessage();
        }
        return null;
    }

    /**
     * Writes the export; {@code written} hears the bytes written so far (from this thread). Throws
     * {@link CancellationException} when cancelled, leaving no file.
     */
    static void run(LoadedCase c, AnnotationLayer annotations, Request r, CancelFlag cancel, LongConsumer written) throws IOException {
        String refused = refusal(r.output(), c.bundlePath());
        if (refused != null) {
            throw new IOException(refused);
        }
        Path out = r.output().toAbsolutePath().normalize();
        Path tmp = out.resolveSibling("." + out.getFileName() + ".part");
        try {
            if (r.format() == Format.PNG) {
                drawPng(c, annotations, r, r.scale(), tmp);
                if (cancel.isCancelled()) {
                    throw new CancellationException("export cancelled");
                }
                written.accept(Files.size(tmp));
            } else {
                Prepared p = prepare(c, annotations, r);
                try (OutputStream os = new BufferedOutputStream(new Counting(Files.newOutputStream(tmp), cancel, written, -1), 1 << 16)) {
                    write(p, r, os);
                }
            }
            try {
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Draws the PNG of {@code r} at {@code scale} into {@code to}: the workbench view of the range, or the chain graph
     * alone ({@link Request#chain}), from the redacted data when the request redacts.
     */
    static void drawPng(LoadedCase c, AnnotationLayer annotations, Request r, double scale, Path to) throws IOException {
        Prepared p = prepare(c, annotations, r);
        if (r.chain()) {
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(to))) {
                ChainPng.export(p.evidence(), p.annotations(), p.options(), scale, os);
            }
        } else {
            PngRenderer.render(shown(new LoadedCase(c.bundlePath(), p.evidence(), p.annotations()), p.annotations(), r.range()), to,
                    new PngRenderer.Options(r.width(), r.height(), r.theme(), scale));
        }
    }

    /** What a preview of a text export says: its size, and its first {@code keep} characters. */
    record TextPreview(long bytes, String head) {
    }

    /** Writes the export into nothing but a counter (and the first {@code keep} bytes): the size it will have. */
    static TextPreview preview(LoadedCase c, AnnotationLayer annotations, Request r, CancelFlag cancel, int keep) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(keep);
        long[] total = new long[1];
        Prepared p = prepare(c, annotations, r);
        try (OutputStream os = new BufferedOutputStream(new Counting(head, cancel, n -> total[0] = n, keep), 1 << 16)) {
            write(p, r, os);
        }
        String text = head.toString(StandardCharsets.UTF_8);
        return new TextPreview(total[0], text);
    }

    private static void write(Prepared p, Request r, OutputStream os) throws IOException {
        switch (r.format()) {
            case HTML -> HtmlExporter.export(p.evidence(), p.annotations(), p.options(), os);
            case JSON -> JsonExporter.export(p.evidence(), p.annotations(), p.options(), os);
            case MD -> MarkdownExporter.export(p.evidence(), p.annotations(), p.options(), os);
            case CSV -> CsvExporter.export(p.evidence(), p.options(), os);
            case SVG -> SvgExporter.export(p.evidence(), p.annotations(), p.options(),
                    r.chain() ? SvgExporter.View.CHAIN : SvgExporter.View.TIMELINE, os);
            case PNG -> throw new IllegalArgumentException("a PNG is drawn (drawPng), not written as text");
        }
    }

    /** The case as a PNG shows it: the range as its whole window, the notes as they are now. */
    static LoadedCase shown(LoadedCase c, AnnotationLayer annotations, TimeWindow range) {
        Evidence e = c.evidence();
        Evidence ev = range == null ? e : new Evidence(range, e.hosts(), e.events(), e.spans(), e.series(), e.containers(),
                e.sources(), e.diagnostics());
        return new LoadedCase(c.bundlePath(), ev, annotations);
    }

    /** A default file name for an export of {@code bundle}: its name with the format's extension. */
    static String defaultName(Path bundle, Format f) {
        String base = bundle == null ? "faultline" : bundle.getFileName().toString().replaceFirst("\\.flcap$", "");
        return base + "." + f.extension().toLowerCase(Locale.ROOT);
    }

    /**
     * Counts the bytes going through, reports the count every 64 KB and at the end, stops with a
     * {@link CancellationException} once cancelled; with {@code keep} >= 0 it passes on only the first {@code keep} bytes.
     */
    private static final class Counting extends FilterOutputStream {
        private static final long REPORT_EVERY = 64 * 1024;
        private final CancelFlag cancel;
        private final LongConsumer written;
        private final long keep;
        private long count;
        private long reported;

        Counting(OutputStream out, CancelFlag cancel, LongConsumer written, long keep) {
            super(out);
            this.cancel = cancel;
            this.written = written;
            this.keep = keep;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (cancel.isCancelled()) {
                throw new CancellationException("export cancelled");
            }
            if (keep < 0) {
                out.write(b, off, len);
            } else if (count < keep) {
                out.write(b, off, (int) Math.min(len, keep - count));
            }
            count += len;
            if (count - reported >= REPORT_EVERY) {
                reported = count;
                written.accept(count);
            }
        }

        @Override
        public void close() throws IOException {
            super.close();
            written.accept(count);
        }
    }
}
