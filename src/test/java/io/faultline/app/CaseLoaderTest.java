package io.faultline.app;

import io.faultline.capture.AnnotationSaver;
import io.faultline.capture.Bundle;
import io.faultline.model.AnnotationLayer;
import io.faultline.model.Container;
import io.faultline.ingest.IngestListener;
import io.faultline.ui.LoadedCase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What `faultline open` loads, without a window: a bundle as it is, loose files through a new bundle. */
class CaseLoaderTest {
    private static final Path SEED = Path.of("..", "shared", "samples", "seed-incident");

    @TempDir
    Path tmp;

    @BeforeEach
    void dataFolder() {
        System.setProperty("faultline.data", tmp.resolve("data").toString());
    }

    @AfterEach
    void noDataFolder() {
        System.clearProperty("faultline.data");
    }

    @Test
    void looseFilesAreImportedIntoANewBundleInTheDataFolder() throws Exception {
        LoadedCase c = CaseLoader.INSTANCE.load(List.of(SEED.resolve("journal-short.txt"), SEED.resolve("docker-inspect.json")), new ImportOptions(), IngestListener.NONE);
        assertThat(c.bundlePath()).startsWith(tmp.resolve("data").resolve("imports"));
        assertThat(Files.isRegularFile(c.bundlePath())).isTrue();
        assertThat(c.evidence().events()).hasSize(90);
        assertThat(c.evidence().containers()).extracting(Container::label).containsExactly("image2webp");
        assertThat(c.annotations().annotations()).isEmpty();
    }

    @Test
    void openTakesTheZoneHostAndFormatGivenForLooseFiles() throws Exception {
        ImportOptions options = new ImportOptions();
        options.zone = "+08:00";
        options.hostName = "web1";
        options.format = io.faultline.capture.SourceKind.SYSLOG;
        LoadedCase c = CaseLoader.INSTANCE.load(List.of(SEED.resolve("journal-short.txt")), options, IngestListener.NONE);
        assertThat(c.evidence().hosts()).extracting(h -> h.name() + " " + h.zone()).containsExactly("web1 +08:00");
        assertThat(c.evidence().events()).isNotEmpty().allSatisfy(e -> assertThat(e.source()).isEqualTo("syslog"));
        io.faultline.model.Event first = c.evidence().events().getFirst();
        assertThat(first.timeText()).isEqualTo("Oct 05 15:00:25");
        assertThat(io.faultline.model.EpochNanos.toInstant(first.timeNanos()).toString()).endsWith("-10-05T07:00:25Z");
    }

    @Test
    void theBundledSampleOpensAsItIsWithItsNotes() throws Exception {
        Path sample = Sample.path();
        assertThat(sample).isEqualTo(tmp.resolve("data").resolve("sample.flcap"));
        LoadedCase c = CaseLoader.INSTANCE.load(List.of(sample), new ImportOptions(), IngestListener.NONE);
        assertThat(c.bundlePath()).isEqualTo(sample);
        assertThat(c.evidence().containers()).extracting(Container::name).contains("fl-health", "fl-crashloop");
        assertThat(c.evidence().series()).isNotEmpty();
        assertThat(c.annotations().annotations()).hasSize(3);
        assertThat(c.annotations().links()).hasSize(2);
    }

    @Test
    void notesMadeOnTheSampleSurviveTheNextStart() throws Exception {
        Path sample = Sample.path();
        AnnotationSaver.save(sample, AnnotationLayer.empty());
        assertThat(Sample.path()).isEqualTo(sample);
        try (Bundle b = Bundle.open(sample)) {
            assertThat(b.annotations().annotations()).isEmpty();
        }
        Files.write(sample, new byte[] {1, 2, 3});
        Sample.path();
        try (Bundle b = Bundle.open(sample)) {
            assertThat(b.annotations().annotations()).hasSize(3);
        }
    }

    @Test
    void aBundleCannotBeMixedWithLooseFiles() {
        assertThatThrownBy(() -> CaseLoader.INSTANCE.load(List.of(Path.of("assets", "sample.flcap"), SEED.resolve("journal-short.txt")), new ImportOptions(), IngestListener.NONE))
                .hasMessage(Path.of("assets", "sample.flcap") + ": a bundle is opened alone, not together with other files or bundles;"
                        + " open one at a time (faultline open " + Path.of("assets", "sample.flcap") + ")");
    }
}
