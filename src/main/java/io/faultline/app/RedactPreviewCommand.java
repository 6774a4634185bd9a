package io.faultline.app;

import io.faultline.capture.Bundle;
import io.faultline.export.Redaction;
import io.faultline.export.Redactor;
import io.faultline.ingest.Ingestor;
import io.faultline.model.AnnotationLayer;
import io.faultline.model.Evidence;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "redact-preview", mixinStandardHelpOptions = true,
        description = {"Print what an export with --redact would replace: each term, its placeholder, its kind and how often it occurs.",
                "Look at it before sharing; add what it missed with --redact-term or --redact-terms, on this command and on export."})
final class RedactPreviewCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BUNDLE")
    Path bundle;

    @Option(names = "--title", paramLabel = "TEXT", description = "the export's title (default: the bundle's file name)")
    String title;

    @Mixin
    RedactOptions own = new RedactOptions();

    @Override
    public Integer call() throws IOException {
        Redaction r;
        long nanos;
        try (Bundle b = Bundle.open(bundle)) {
            Evidence ev = Ingestor.ingest(b);
            AnnotationLayer ann = b.annotations();
            long start = System.nanoTime();
            r = Redactor.propose(ev, ann, title != null ? title : String.valueOf(bundle.getFileName()), Redactor.Known.of(b), own.all());
            nanos = System.nanoTime() - start;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(TerminalText.safe(r.terms().size() + " terms would be replaced in an export of " + bundle + " (found and counted in "
                + nanos / 1_000_000 + " ms):"));
        int width = r.terms().stream().mapToInt(t -> t.original().length()).max().orElse(0);
        width = Math.max(1, Math.min(width, 60));
        for (Redaction.Term t : r.terms()) {
            out.println(TerminalText.safe(String.format(Locale.ROOT, "  %-" + width + "s  →  %-10s  %-14s  %s", t.original(),
                    t.placeholder(), t.kind().label(), t.count() >= 0 ? t.count() + "×" : "")));
        }
        out.flush();
        return 0;
    }
}
