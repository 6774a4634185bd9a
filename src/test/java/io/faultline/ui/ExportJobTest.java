package io.faultline.ui;

import io.faultline.capture.Bundle;
import io.faultline.export.Redaction;
import io.faultline.ingest.Ingestor;
import io.faultline.model.AnnotationLayer;
import io.faultline.model.Evidence;
import io.faultline.timeline.CancelFlag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The export the window runs in the background: cancel leaves nothing, a bundle is never replaced, redaction as asked. */
class ExportJobTest {
    @TempDir
    Path dir;

    private ExportJob.Request request(ExportJob.Format f, Path out) {
        return new ExportJob.Request(f, null, "fixture", Theme.DARK, 1, 1600, 1000, false, false, null, out);
    }

    @Test
    void aCancelledExportStopsAndLeavesNoFile() throws Exception {
        Evidence ev = FixtureEvidence.evidence();
        AnnotationLayer layer = FixtureEvidence.annotated(ev);
        Path bundle = FixtureEvidence.writeBundle(dir.resolve("case.flcap"));
        LoadedCase c = new LoadedCase(bundle, ev, layer);
        Path out = dir.resolve("out.json");
        List<Long> progress = new ArrayList<>();
        ExportJob.run(c, layer, request(ExportJob.Format.JSON, out), new CancelFlag(), progress::add);
        long size = Files.size(out);
        assertThat(progress.getLast()).isEqualTo(size);
        assertThat(size).as("big enough to be cancelled half way").isGreaterThan(2 * 64 * 1024);

        Files.delete(out);
        CancelFlag cancel = new CancelFlag();
        List<Long> seen = new ArrayList<>();
        assertThatThrownBy(() -> ExportJob.run(c, layer, request(ExportJob.Format.JSON, out), cancel, n -> {
            seen.add(n);
            cancel.cancel();
        })).isInstanceOf(CancellationException.class);
        assertThat(seen.getFirst()).isLessThan(size);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("case.flcap");
        }
    }

    @Test
    void everyTextFormatOfTheSampleIsRedactedWhenAskedAndTheUsersChoicesHold() throws IOException {
        LoadedCase c;
        try (Bundle b = Bundle.open(Path.of("assets/sample.flcap"))) {
            c = new LoadedCase(Path.of("assets/sample.flcap"), Ingestor.ingest(b), b.annotations());
        }
        for (ExportJob.Format f : List.of(ExportJob.Format.HTML, ExportJob.Format.JSON, ExportJob.Format.MD, ExportJob.Format.CSV,
                ExportJob.Format.SVG)) {
            Path plain = dir.resolve("plain." + f.extension());
            ExportJob.run(c, c.annotations(), request(f, plain), new CancelFlag(), n -> { });
            Path redacted = dir.resolve("redacted." + f.extension());
            ExportJob.run(c, c.annotations(), new ExportJob.Request(f, null, "sample", Theme.DARK, 1, 1600, 1000, false, true, null, redacted),
                    new CancelFlag(), n -> { });
            String before = Files.readString(plain);
            String after = Files.readString(redacted);
            assertThat(before).as(f + " without redaction").contains("127.0.0.1");
            assertThat(after).as(f + " redacted").doesNotContain("127.0.0.1", "oracle", "ubuntu").contains("ip-1");
        }

        Path chainSvg = dir.resolve("chain.svg");
        ExportJob.run(c, c.annotations(), new ExportJob.Request(ExportJob.Format.SVG, null, "sample", Theme.DARK, 1, 1600, 1000, true, false,
                null, chainSvg), new CancelFlag(), n -> { });
        assertThat(Files.size(chainSvg)).as("the chain alone, not the lanes of the timeline").isLessThan(Files.size(dir.resolve("plain.svg")) / 2);
        assertThat(Files.readString(chainSvg)).contains("<svg").contains("n-1");
        Path chainPng = dir.resolve("chain.png");
        ExportJob.run(c, c.annotations(), new ExportJob.Request(ExportJob.Format.PNG, null, "sample", Theme.DARK, 2, 1600, 1000, true, true,
                null, chainPng), new CancelFlag(), n -> { });
        java.awt.image.BufferedImage chain = javax.imageio.ImageIO.read(chainPng.toFile());
        assertThat(chain.getWidth()).as("drawn at scale 2, not the 1600 px window").isNotEqualTo(1600).isGreaterThan(200);

        Redaction proposed = ExportJob.propose(c, c.annotations(), "sample");
        Redaction kept = proposed.without("127.0.0.1").with("sadc");
        Path edited = dir.resolve("edited.md");
        ExportJob.run(c, c.annotations(), new ExportJob.Request(ExportJob.Format.MD, null, "sample", Theme.DARK, 1, 1600, 1000, false, true,
                kept, edited), new CancelFlag(), n -> { });
        assertThat(Files.readString(edited)).as("a term kept in the dialog stays; the user's own is replaced")
                .contains("127.0.0.1").doesNotContain("oracle");
    }

    @Test
    void aBundleTheOpenCaseAndAMissingFolderAreRefused() throws IOException {
        Path bundle = FixtureEvidence.writeBundle(dir.resolve("case.flcap"));
        Path other = FixtureEvidence.writeBundle(dir.resolve("other.flcap"));
        assertThat(ExportJob.refusal(bundle, bundle)).contains("the bundle open in this window");
        assertThat(ExportJob.refusal(other, bundle)).contains("is a Faultline bundle");
        assertThat(ExportJob.refusal(dir.resolve("no/such/out.html"), bundle)).contains("does not exist");
        assertThat(ExportJob.refusal(dir, bundle)).contains("is a folder");
        assertThat(ExportJob.refusal(dir.resolve("out.html"), bundle)).isNull();
        Evidence ev = FixtureEvidence.evidence();
        assertThatThrownBy(() -> ExportJob.run(new LoadedCase(bundle, ev, AnnotationLayer.empty()), AnnotationLayer.empty(),
                request(ExportJob.Format.HTML, other), new CancelFlag(), n -> { }))
                .isInstanceOf(IOException.class).hasMessageContaining("never replaces");
    }
}
