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
 * A large loose journal JSON file read once while it is imported ({@link FileImporter#importAndRead}, decision 0008)
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

    /**
     * A piece's buffer is read into again only once the tee let go of it too: a tee that keeps every piece until the read
     * ends (a write into the bundle far behind the parse) and one that keeps the last three (the writer's slack) both
     * get the file's bytes, and the second reads into few buffers, not one a piece.
     */
    @Test
    void aPieceKeptByTheTeeIsNotReadIntoAgain() throws IOException {
        Path json = dir.resolve("journal.json");
        long entries = new JournalGenerator(9).writeJsonLines(json, 6_000).entries();
        byte[] file = Files.readAllBytes(json);
        int pieceBytes = 64 << 10;
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        for (int keep : new int[] {Integer.MAX_VALUE, 3}) {
            String entry = "raw/imported/01-journal.json";
            Manifest.Host host = new Manifest.Host("imported", null, 0, "UTC", 0, 0, null, null, null, true);
            EntryContext ctx = Ingestor.importedContext(entry, host, null, java.time.Instant.parse("2025-10-05T15:00:00Z"));
            java.io.ByteArrayOutputStream written = new java.io.ByteArrayOutputStream();
            java.util.ArrayDeque<JournalStream.Held> kept = new java.util.ArrayDeque<>();
            java.util.Set<byte[]> buffers = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            int[] pieces = {0};
            JournalStream.Tee tee = piece -> {
                pieces[0]++;
                buffers.add(piece.bytes());
                kept.add(piece);
                while (kept.size() > keep) {
                    writeOut(kept.removeFirst(), written);
                }
            };
            // the preread closes the rows' file, which no ingest took
            try (Preread preread = new Preread(); InputStream in = Files.newInputStream(json)) {
                RawJournal raw = RawJournal.inBundle(json, 0, file.length, ctx, Ingestor.finishing(ctx));
                Preread.Journal journal = preread.journal(entry, ctx, raw);
                JournalStream.readWhileImported(in, "journal.json", ctx, raw, pieceBytes, tee, done -> { }, journal);
                while (!kept.isEmpty()) {
                    writeOut(kept.removeFirst(), written);
                }
                assertThat(journal.events()).as("events read keeping %d pieces", keep).isEqualTo(entries);
            }
            assertThat(pieces[0]).isGreaterThan(50);
            assertThat(written.toByteArray()).as("bytes the tee kept %d pieces of", keep).isEqualTo(file);
            if (keep == Integer.MAX_VALUE) {
                assertThat(buffers).hasSize(pieces[0]);
            } else {
                assertThat(buffers.size()).as("buffers read into").isLessThanOrEqualTo(threads + keep + 2);
            }
        }
    }

    /** What a write into the bundle does with a piece: takes its bytes, then lets go of them. */
    private static void writeOut(JournalStream.Held piece, java.io.ByteArrayOutputStream to) {
        to.write(piece.bytes(), 0, piece.length());
        piece.release();
    }

    /**
     * The stored entry of a file read in many pieces, whose writes run behind the parse on their own thread, is the file
     * byte for byte, with the file's sha256 in the manifest and its CRC-32 in the local header and the central directory.
     */
    @Test
    void aStoredEntryOfManyPiecesIsTheFile() throws IOException {
        Path json = dir.resolve("journal.json");
        new JournalGenerator(10).writeJsonLines(json, 18_000);
        assertThat(Files.size(json)).isGreaterThan(FileImporter.STORE_ABOVE_BYTES);
        Ingestor.Streaming tiny = new Ingestor.Streaming(16L << 20, 32 << 10, Path.of("target"));
        Path bundle = dir.resolve("many-pieces.flcap");
        FileImporter.Read read = FileImporter.importAndRead(request(json), bundle, "faultline-test", IngestListener.NONE, tiny);
        read.preread().close();
        Manifest.Entry o = onlyEntry(bundle);
        assertThat(o.sha256()).isEqualTo(sha256(json));
        assertThat(o.bytes()).isEqualTo(Files.size(json));
        byte[] source = Files.readAllBytes(json);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(source);
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(bundle.toFile())) {
            assertThat(zip.getEntry(o.path()).getCrc()).as("CRC-32 in the central directory").isEqualTo(crc.getValue());
        }
        assertThat(zipEntryBytes(bundle, o.path())).as("read through the local header, CRC-32 checked").isEqualTo(source);
        try (Bundle b = Bundle.open(bundle)) {
            assertThat(b.verify()).isEmpty();
        }
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
