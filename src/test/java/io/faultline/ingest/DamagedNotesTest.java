package io.faultline.ingest;

import io.faultline.capture.AnnotationSaver;
import io.faultline.capture.Bundle;
import io.faultline.capture.BundleWriter;
import io.faultline.capture.Manifest;
import io.faultline.capture.SourceKind;
import io.faultline.model.Annotation;
import io.faultline.model.AnnotationLayer;
import io.faultline.model.AnnotationTarget;
import io.faultline.model.Diagnostic;
import io.faultline.model.Evidence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Notes are secondary: a torn annotations.json costs the notes (kept aside on the next save), never the evidence. */
class DamagedNotesTest {
    private static final byte[] TORN = "{\"notes\":[{\"id\":".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void aTornNotesFileIsAWarningTheEvidenceIsReadAndTheNextSaveKeepsItAside() throws Exception {
        Path bundle = dir.resolve("notes.flcap");
        try (BundleWriter w = new BundleWriter(bundle, "faultline-test")) {
            w.window(Instant.parse("2025-10-05T14:55:00Z"), Instant.parse("2025-10-05T15:10:00Z"));
            w.host(new Manifest.Host("web1", null, 0, "UTC", 0, 0, null));
            w.add("raw/web1/journal.txt", "web1", SourceKind.JOURNAL_SHORT, "journal.txt", null, null,
                    TestBundles.fixture("journal-short-small.txt"), null);
            w.finish(false);
        }
        replaceNotes(bundle, TORN);

        try (Bundle b = Bundle.open(bundle)) {
            assertThat(b.annotations().annotations()).isEmpty();
            assertThat(b.annotationsProblem()).startsWith("annotations.json is damaged at line 1 column 17");
            Evidence ev = Ingestor.ingest(b);
            assertThat(ev.events()).isNotEmpty();
            assertThat(ev.diagnostics()).filteredOn(d -> d.where().entry().equals(Manifest.ANNOTATIONS_FILE)).singleElement()
                    .satisfies(d -> {
                        assertThat(d.level()).isEqualTo(Diagnostic.Level.WARNING);
                        assertThat(d.reason()).contains("the notes are not shown, the evidence is read");
                    });
        }

        Annotation note = new Annotation("n-1", new AnnotationTarget.OnEvent("e1", 5), "disk full", List.of(), "me", 1, 1);
        AnnotationSaver.save(bundle, new AnnotationLayer(1, List.of(note), List.of()));
        try (Bundle b = Bundle.open(bundle); ZipFile z = new ZipFile(bundle.toFile())) {
            assertThat(b.annotationsProblem()).isNull();
            assertThat(b.annotations().annotations()).extracting(Annotation::note).containsExactly("disk full");
            try (InputStream kept = z.getInputStream(z.getEntry("annotations-damaged-1.json"))) {
                assertThat(kept.readAllBytes()).isEqualTo(TORN);
            }
            assertThat(b.verify()).isEmpty();
        }
        AnnotationSaver.save(bundle, new AnnotationLayer(1, List.of(), List.of()));
        try (ZipFile z = new ZipFile(bundle.toFile())) {
            assertThat(z.getEntry("annotations-damaged-1.json")).isNotNull();
            assertThat(z.getEntry("annotations-damaged-2.json")).as("a readable notes file is not kept aside").isNull();
        }
    }

    private static void replaceNotes(Path bundle, byte[] notes) throws IOException {
        Path temp = bundle.resolveSibling("rewritten.zip");
        try (ZipFile in = new ZipFile(bundle.toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(temp))) {
            Enumeration<? extends ZipEntry> all = in.entries();
            while (all.hasMoreElements()) {
                ZipEntry e = all.nextElement();
                if (!e.getName().equals(Manifest.ANNOTATIONS_FILE)) {
                    out.putNextEntry(new ZipEntry(e.getName()));
                    try (InputStream src = in.getInputStream(e)) {
                        src.transferTo(out);
                    }
                }
            }
            out.putNextEntry(new ZipEntry(Manifest.ANNOTATIONS_FILE));
            out.write(notes);
        }
        Files.move(temp, bundle, StandardCopyOption.REPLACE_EXISTING);
    }
}
