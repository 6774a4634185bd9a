package io.faultline.ingest;

import io.faultline.capture.Bundle;
import io.faultline.capture.Manifest;
import io.faultline.ingest.bench.JournalGenerator;
import io.faultline.model.Diagnostic;
import io.faultline.model.Event;
import io.faultline.model.EventTable;
import io.faultline.model.Evidence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A large loose journal JSON file read once while it is imported ({@link FileImporter#importAndRead}, decision 0006)
 * opens exactly as the same file imported and then read from the bundle: the same events, messages, instants and
 * diagnostics; the bundle is the same and verifies; the first look comes during the import; a cancel leaves nothing;
 * a file that changes size while it is read is named.
 */
class ImportWhileReadingTest {
    /** Pieces of 1 MB, so a file of some 20 MB is cut twenty times; the first look as soon as there are events. */
    private static final Ingestor.Streaming SMALL_PIECES = new Ingestor.Streaming(16L << 20, 1 << 20, Path.of("target")).previewAfter(0);

    @TempDir
    Path dir;

    @Test
    void readingWhileImportingGivesWhatImportThenOpenGives() throws IOException {
        Path json = dir.resolve("journal.json");
        long entries = new JournalGenerator(5).writeJsonLines(json, 20_000).entries();
        String cut = "{\"__REALTIME_TIMESTAMP\":\"1759676400000000\",\"MESSAGE\":\"the last record is cut in the mid";
        Files.writeString(json, cut, StandardOpenOption.APPEND);
        assertThat(Files.size(json)).isGreaterThan(FileImporter.STORE_ABOVE_BYTES);
        FileImporter.Request request = new FileImporter.Request(List.of(json), null, "UTC", null, null, Map.of());

        Path twoStep = dir.resolve("two-step.flcap");
        FileImporter.importFiles(request, twoStep, "faultline-test");
        Evidence expected;
        try (Bundle b = Bundle.open(twoStep)) {
            expected = Ingestor.ingest(b);
        }

        Path onePass = dir.resolve("one-pass.flcap");
        List<Evidence> looks = new ArrayList<>();
        boolean[] importDone = {false};
        IngestListener listener = new IngestListener() {
            @Override
            public void preview(Evidence sofar) {
                assertThat(importDone[0]).isFalse();
                looks.add(sofar);
            }
        };
        FileImporter.Read read = FileImporter.importAndRead(request, onePass, "faultline-test", listener, SMALL_PIECES);
        importDone[0] = true;
        long[] piecesReadAtIngest = {0};
        Evidence actual;
        try (Bundle b = Bundle.open(onePass); Preread preread = read.preread()) {
            actual = Ingestor.ingest(b, Ingestor.Streaming.DEFAULT.reading(preread).with(done -> piecesReadAtIngest[0]++), listener);
            assertThat(b.verify()).isEmpty();
            assertThat(b.storedRegion(read.files().getFirst().entry())).isNotNull();
        }
        assertThat(piecesReadAtIngest[0]).as("the ingest took the rows read during the import").isZero();
        assertThat(looks).hasSize(1);
        assertThat(looks.getFirst().events().size()).isPositive().isLessThan((int) entries);

        assertThat(actual.events()).hasSize((int) entries);
        assertSameEvents((EventTable) expected.events(), (EventTable) actual.events());
        assertThat(describe(actual.diagnostics())).isEqualTo(describe(expected.diagnostics()))
                .anyMatch(d -> d.startsWith("ERROR raw/imported/01-journal.json") && d.contains("line " + (entries + 1)));
        assertThat(actual.sources()).isEqualTo(expected.sources());

        Evidence reopened;
        try (Bundle b = Bundle.open(onePass)) {
            reopened = Ingestor.ingest(b);
        }
        assertSameEvents((EventTable) reopened.events(), (EventTable) actual.events());

        Manifest.Entry a = onlyEntry(twoStep);
        Manifest.Entry o = onlyEntry(onePass);
        String sha = sha256(json);
        assertThat(o.sha256()).isEqualTo(a.sha256()).isEqualTo(sha);
        assertThat(o.bytes()).isEqualTo(a.bytes()).isEqualTo(Files.size(json));
        assertThat(zipEntryBytes(onePass, o.path())).as("read through the local headers, CRC-32 checked").isEqualTo(Files.readAllBytes(json));
    }

    @Test
    void aCancelWhileReadingLeavesNothingBehind() throws IOException {
        Path json = dir.resolve("journal.json");
        new JournalGenerator(6).writeJsonLines(json, 20_000);
        Path out = Files.createDirectories(dir.resolve("out"));
        int[] asked = {0};
        assertThatThrownBy(() -> FileImporter.importAndRead(request(json), out.resolve("cancelled.flcap"), "faultline-test",
                new IngestListener() {
                    @Override
                    public boolean cancelled() {
                        return ++asked[0] > 3;
                    }
                }, SMALL_PIECES)).isInstanceOf(CancellationException.class);
        assertThat(asked[0]).isEqualTo(4);
        try (var left = Files.list(out)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aFileThatGrowsWhileItIsReadIsNamed() throws IOException {
        Path json = dir.resolve("growing.json");
        new JournalGenerator(7).writeJsonLines(json, 20_000);
        long size = Files.size(json);
        Path out = Files.createDirectories(dir.resolve("out"));
        assertThatThrownBy(() -> FileImporter.importAndRead(request(json), out.resolve("grown.flcap"), "faultline-test",
                changing(() -> Files.writeString(json, "{\"MESSAGE\":\"late\"}\n".repeat(10), StandardOpenOption.APPEND)), SMALL_PIECES))
                .isInstanceOf(IOException.class)
                .hasMessage(json + " changed while it was imported: it grew past the " + String.format(java.util.Locale.ROOT, "%,d", size)
                        + " bytes it held when the import began; import it again");
        try (var left = Files.list(out)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aFileCutWhileItIsReadIsNamed() throws IOException {
        Path json = dir.resolve("shrinking.json");
        new JournalGenerator(8).writeJsonLines(json, 20_000);
        long size = Files.size(json);
        long half = size / 2;
        Path out = Files.createDirectories(dir.resolve("out"));
        assertThatThrownBy(() -> FileImporter.importAndRead(request(json), out.resolve("cut.flcap"), "faultline-test",
                changing(() -> {
                    try (var ch = java.nio.channels.FileChannel.open(json, StandardOpenOption.WRITE)) {
                        ch.truncate(half);
                    }
                }), SMALL_PIECES))
                .isInstanceOf(IOException.class)
                .hasMessage(String.format(java.util.Locale.ROOT, "%s changed while it was imported: it held %,d bytes when the import began,"
                        + " %,d when it was read to its end; import it again", json, size, half));
        try (var left = Files.list(out)) {
            assertThat(left).isEmpty();
        }
    }

    @FunctionalInterface
    private interface Change {
        void run() throws IOException;
    }

    /** A listener that changes the file the first time it is asked whether to stop (after the first piece). */
    private static IngestListener changing(Change change) {
        return new IngestListener() {
            private boolean changed;

            @Override
            public boolean cancelled() {
                if (!changed) {
                    changed = true;
                    try {
                        change.run();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
                return false;
            }
        };
    }

    private static FileImporter.Request request(Path json) {
        return new FileImporter.Request(List.of(json), null, "UTC", null, null, Map.of());
    }

    private static void assertSameEvents(EventTable expected, EventTable actual) {
        assertThat(actual.size()).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.time(i)).as("instant of row %d", i).isEqualTo(expected.time(i));
            assertThat(actual.message(i)).as("message of row %d", i).isEqualTo(expected.message(i));
            assertThat(actual.severity(i)).as("severity of row %d", i).isEqualTo(expected.severity(i));
            assertThat(actual.line(i)).as("line of row %d", i).isEqualTo(expected.line(i));
            assertThat(actual.deferred(i)).as("row %d deferred", i).isEqualTo(expected.deferred(i));
            if (i % 997 == 0 || i == expected.size() - 1) {
                Event e = expected.get(i);
                Event a = actual.get(i);
                assertThat(a).as("event of row %d, read back from its record", i).isEqualTo(e);
            }
        }
    }

    private static List<String> describe(List<Diagnostic> diagnostics) {
        return diagnostics.stream().map(Diagnostic::describe).toList();
    }

    private static Manifest.Entry onlyEntry(Path bundle) throws IOException {
        try (Bundle b = Bundle.open(bundle)) {
            assertThat(b.manifest().entries()).hasSize(1);
            return b.manifest().entries().getFirst();
        }
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest sha = io.faultline.capture.BundleWriter.sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 20];
            for (int r; (r = in.read(buf)) > 0; ) {
                sha.update(buf, 0, r);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The entry's bytes as a streaming zip reader gives them: it trusts the local header, and checks its CRC-32. */
    private static byte[] zipEntryBytes(Path bundle, String name) throws IOException {
        try (ZipInputStream zin = new ZipInputStream(Files.newInputStream(bundle), StandardCharsets.UTF_8)) {
            for (ZipEntry ze; (ze = zin.getNextEntry()) != null; ) {
                if (ze.getName().equals(name)) {
                    assertThat(ze.getMethod()).isEqualTo(ZipEntry.STORED);
                    return zin.readAllBytes();
                }
            }
        }
        throw new AssertionError(name + " not in " + bundle);
    }
}
