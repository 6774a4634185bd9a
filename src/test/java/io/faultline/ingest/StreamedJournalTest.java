package io.faultline.ingest;

import io.faultline.capture.Bundle;
import io.faultline.capture.BundleWriter;
import io.faultline.capture.Manifest;
import io.faultline.capture.SourceKind;
import io.faultline.ingest.bench.JournalGenerator;
import io.faultline.model.Diagnostic;
import io.faultline.model.Event;
import io.faultline.model.EventTable;
import io.faultline.model.Evidence;
import io.faultline.timeline.TimelineIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A journal JSON entry streamed in pieces into deferred rows ({@link JournalStream}) reads exactly as the same entry
 * read whole: the same events in the same order (each built again from its record), the same messages straight from
 * the bytes, the same diagnostics at the same places (in the order of the bytes: the whole-entry path lists NUL runs
 * first), the same statistics. Pieces here are a few kilobytes, so every
 * fixture is cut many times, records that straddle a cut included.
 */
class StreamedJournalTest {
    private static final Ingestor.Streaming WHOLE = new Ingestor.Streaming(Long.MAX_VALUE, 8 << 20, Path.of("target"));

    @TempDir
    Path dir;

    @Test
    void realFixturesReadTheSameStreamedAsWhole() throws IOException {
        for (String fixture : List.of("journal.jsonl", "journal-pretty.json", "journal-boot-real.jsonl", "journal-mixed-offsets.jsonl")) {
            byte[] bytes = TestBundles.fixture(fixture);
            Evidence[] both = both(bytes, SourceKind.JOURNAL_JSON, 700, 0);
            assertSame(fixture, both[0], both[1]);
        }
    }

    @Test
    void generatedIncidentReadsTheSameAndIsDeferred() throws IOException {
        Path file = dir.resolve("gen.json");
        new JournalGenerator(7).writeJsonLines(file, 3000);
        Evidence[] both = both(Files.readAllBytes(file), SourceKind.UNKNOWN, 4096, 2000);
        assertSame("generated", both[0], both[1]);
        EventTable streamed = (EventTable) both[1].events();
        int deferred = 0;
        for (int i = 0; i < streamed.size(); i++) {
            deferred += streamed.deferred(i) ? 1 : 0;
        }
        assertThat(streamed).hasSize(3000);
        assertThat(deferred).isEqualTo(3000);
        TimelineIndex index = new TimelineIndex(streamed);
        for (int i = 0; i < index.size(); i += 97) {
            assertThat(index.indexOf(index.event(i).id())).isEqualTo(i);
        }
    }

    @Test
    void hostileRecordsReadTheSame() throws IOException {
        String usec = "1759676400000000";
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            long t = Long.parseLong(usec) + i * 1_000_000L;
            s.append(switch (i % 10) {
                case 0 -> "{\"__REALTIME_TIMESTAMP\":\"" + t + "\",\"MESSAGE\":\"quoted \\\"x\\\" and tab\\t and \\u00e9 \\ud83d\\ude00 \\\\x2d \\/\",\"PRIORITY\":\"3\"}";
                case 1 -> "{\"__REALTIME_TIMESTAMP\":\"" + t + "\",\"MESSAGE\":[104,105,255],\"SYSLOG_IDENTIFIER\":\"bin\"}";
                case 2 -> "{\"__REALTIME_TIMESTAMP\":\"" + t + "\",\"_HOSTNAME\":\"h\"}";
                case 3 -> "{\"__REALTIME_TIMESTAMP\":\"" + t + "\",\"MESSAGE\":\"first\",\"MESSAGE\":[\"a\",\"b\"]}";
                case 4 -> "{\"__REALTIME_TIMESTAMP\":\"" + t + "\",\"MESSAGE\":\"üñí ☃ 日本\",\"CONTAINER_ID\":\"0123456789ab\"}";
                case 5 -> "not json at all }{";
                case 6 -> "{\"MESSAGE\":\"no time here\"}";
                case 7 -> "{\"__REALTIME_TIMESTAMP\":\"" + t + "\",\"MESSAGE\":\"time=\\\"2025-10-05T15:00:07.5Z\\\" level=error msg=boom\"}";
                case 8 -> "{\"__REALTIME_TIMESTAMP\":\"" + t + "\",\"MESSAGE\":null}";
                default -> "{\"__REALTIME_TIMESTAMP\":\"" + t + "\",\"MESSAGE\":\"plain line " + i + "\",\"_SYSTEMD_UNIT\":\"x.service\","
                        + "\"_BOOT_ID\":\"b1\",\"__MONOTONIC_TIMESTAMP\":\"" + (5_000_000L + (i < 39 ? i : i - 30) * 1_000_000L) + "\"}";
            }).append('\n');
        }
        byte[] text = s.toString().getBytes(StandardCharsets.UTF_8);
        byte[] withNuls = TestBundles.concat(java.util.Arrays.copyOf(text, 2500), new byte[300], java.util.Arrays.copyOfRange(text, 2500, text.length),
                "{\"__REALTIME_TIMESTAMP\":\"1759676500000000\",\"MESSAGE\":\"cut sh".getBytes(StandardCharsets.UTF_8));
        Evidence[] both = both(withNuls, SourceKind.JOURNAL_JSON, 1024, 0);
        assertSame("hostile", both[0], both[1]);
        assertThat(both[1].diagnostics()).extracting(d -> d.reason()).anyMatch(r -> r.contains("NUL")).anyMatch(r -> r.contains("cut short"))
                .anyMatch(r -> r.startsWith("wall clock jumped +30.000000 s inside boot b1 between the entry at line 30 and this one"));
    }

    @Test
    void anEntryStoredUncompressedIsReadInPlace() throws IOException {
        Path json = dir.resolve("gen.json");
        new JournalGenerator(3).writeJsonLines(json, 1500);
        byte[] bytes = Files.readAllBytes(json);
        byte[] firstLine = java.util.Arrays.copyOf(bytes, new String(bytes, 0, 4096, StandardCharsets.ISO_8859_1).indexOf('\n') + 1);
        Path file = storedBundle("stored.flcap", firstLine, bytes);
        try (Bundle b = Bundle.open(file)) {
            assertThat(b.storedRegion("imported/small.json")).isNull();
            long[] region = b.storedRegion("imported/journal.json");
            assertThat(region[1]).isEqualTo(bytes.length);
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
                java.nio.ByteBuffer there = java.nio.ByteBuffer.allocate(bytes.length);
                ch.read(there, region[0]);
                assertThat(there.array()).isEqualTo(bytes);
            }
            Evidence whole = Ingestor.ingest(b, WHOLE);
            Evidence streamed = Ingestor.ingest(b, new Ingestor.Streaming(bytes.length - 1, 5000, dir.resolve("no-such-dir")));
            assertSame("stored", whole, streamed);
            EventTable t = (EventTable) streamed.events();
            assertThat(java.util.stream.IntStream.range(0, t.size()).filter(t::deferred).count()).isEqualTo(1500);
        }
    }

    @Test
    void aLargeEntryGivesProgressAPreviewAndCanBeCancelled() throws IOException {
        Path json = dir.resolve("gen.json");
        new JournalGenerator(5).writeJsonLines(json, 2000);
        Path file = dir.resolve("progress.flcap");
        try (BundleWriter w = new BundleWriter(file, "faultline-test")) {
            w.host(new Manifest.Host("ubuntu", null, 0, "UTC", 0, 0, null));
            w.add("imported/journal.json", "ubuntu", SourceKind.JOURNAL_JSON, "journal.json", null, null, Files.readAllBytes(json), null);
            w.finish(false);
        }
        long size = Files.size(json);
        Ingestor.Streaming small = new Ingestor.Streaming(0, 100_000, dir).previewAfter(0);
        List<long[]> progress = new ArrayList<>();
        List<Evidence> previews = new ArrayList<>();
        try (Bundle b = Bundle.open(file)) {
            Evidence full = Ingestor.ingest(b, small, new IngestListener() {
                @Override
                public void progress(long bytesRead, long bytesTotal, long events) {
                    progress.add(new long[] {bytesRead, bytesTotal, events});
                }

                @Override
                public void preview(Evidence sofar) {
                    previews.add(sofar);
                }
            });
            assertThat(progress).hasSizeGreaterThan(10);
            assertThat(progress.getLast()).containsExactly(size, size, 2000);
            for (int i = 1; i < progress.size(); i++) {
                assertThat(progress.get(i)[0]).isGreaterThanOrEqualTo(progress.get(i - 1)[0]);
            }
            assertThat(previews).hasSize(1);
            List<Event> first = previews.getFirst().events();
            assertThat(first.size()).isBetween(1, 1999);
            assertThat(first).containsExactlyElementsOf(full.events().subList(0, first.size()));

            int[] asked = {0};
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Ingestor.ingest(b, small, new IngestListener() {
                @Override
                public boolean cancelled() {
                    return ++asked[0] > 3;
                }
            })).isInstanceOf(java.util.concurrent.CancellationException.class);
            assertThat(asked[0]).isEqualTo(4);
        }
    }

    @Test
    void anImportTellsWhatItCopiedAndACancelLeavesNothingBehind() throws IOException {
        Path json = dir.resolve("big.json");
        new JournalGenerator(9).writeJsonLines(json, 160_000);
        long size = Files.size(json);
        assertThat(size).isGreaterThan(FileImporter.STORE_ABOVE_BYTES);
        FileImporter.Request request = new FileImporter.Request(List.of(json), null, "UTC", null, null, java.util.Map.of());
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        List<long[]> told = new ArrayList<>();
        FileImporter.importFiles(request, out.resolve("whole.flcap"), "faultline-test", new IngestListener() {
            @Override
            public void importing(long bytesRead, long bytesTotal) {
                told.add(new long[] {bytesRead, bytesTotal});
            }
        });
        assertThat(told).isNotEmpty();
        assertThat(told).allSatisfy(t -> assertThat(t[1]).isEqualTo(2 * size));
        assertThat(told.getLast()[0]).isGreaterThan(size).isLessThanOrEqualTo(2 * size);

        int[] asked = {0};
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FileImporter.importFiles(request, out.resolve("cancelled.flcap"),
                "faultline-test", new IngestListener() {
                    @Override
                    public boolean cancelled() {
                        return ++asked[0] > 5;
                    }
                })).isInstanceOf(java.util.concurrent.CancellationException.class);
        try (var left = Files.list(out)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("whole.flcap");
        }
    }

    @Test
    void aBundleChangedInPlaceAfterOpeningIsNamedNotReadWrong() throws Exception {
        Path json = dir.resolve("gen.json");
        new JournalGenerator(4).writeJsonLines(json, 3000);
        Path file = storedBundle("live.flcap", null, Files.readAllBytes(json));
        EventTable events;
        try (Bundle b = Bundle.open(file)) {
            events = (EventTable) Ingestor.ingest(b, new Ingestor.Streaming(0, 100_000, dir)).events();
        }

        Path copy = dir.resolve("copy.flcap");
        Files.copy(file, copy);
        Files.move(copy, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        assertThat(readInAnotherThread(events, 1500).message()).isEqualTo(events.message(1500));

        EventTable reopened;
        try (Bundle b = Bundle.open(file)) {
            reopened = (EventTable) Ingestor.ingest(b, new Ingestor.Streaming(0, 100_000, dir)).events();
        }
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap("XXXX".getBytes(StandardCharsets.US_ASCII)), ch.size() / 2);
        }
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> readInAnotherThread(reopened, reopened.size() - 1))
                .hasRootCauseInstanceOf(IllegalStateException.class)
                .rootCause().hasMessageContaining(file + " was changed on disk after it was opened");
    }

    /**
     * A bundle holding {@code stored} as {@code imported/journal.json}, stored uncompressed as a large import is, after
     * {@code small} (unless null) as a deflated {@code imported/small.json}.
     */
    private Path storedBundle(String name, byte[] small, byte[] stored) throws IOException {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(stored);
        Path file = dir.resolve(name);
        try (BundleWriter w = new BundleWriter(file, "faultline-test")) {
            w.host(new Manifest.Host("ubuntu", null, 0, "UTC", 0, 0, null));
            if (small != null) {
                w.add("imported/small.json", "ubuntu", SourceKind.JOURNAL_JSON, "small.json", null, null, small, null);
            }
            BundleWriter.RawEntry raw = w.beginStored("imported/journal.json", "ubuntu", SourceKind.JOURNAL_JSON, "journal.json",
                    stored.length, crc.getValue());
            raw.write(stored);
            raw.complete(null, null);
            w.finish(false);
        }
        return file;
    }

    /** Row {@code row} read back on a thread of its own (so no block read before serves it). */
    private static Event readInAnotherThread(EventTable events, int row) throws Exception {
        java.util.concurrent.FutureTask<Event> read = new java.util.concurrent.FutureTask<>(() -> events.get(row));
        Thread t = new Thread(read);
        t.start();
        return read.get();
    }

    /** Mounts a 64 KB tmpfs: needs root, as the testbed does. */
    @Test
    void aCompressedEntryWithNoRoomInTheTemporaryDirectoryIsReadWhole() throws IOException, InterruptedException {
        Path json = dir.resolve("gen.json");
        new JournalGenerator(9).writeJsonLines(json, 2000);
        byte[] bytes = Files.readAllBytes(json);
        Path file = dir.resolve("deflated.flcap");
        try (BundleWriter w = new BundleWriter(file, "faultline-test")) {
            w.host(new Manifest.Host("ubuntu", null, 0, "UTC", 0, 0, null));
            w.add("imported/journal.json", "ubuntu", SourceKind.JOURNAL_JSON, "journal.json", null, null, bytes, null);
            w.finish(false);
        }
        Path full = Files.createDirectories(dir.resolve("full"));
        mount("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", full.toString());
        try (Bundle b = Bundle.open(file)) {
            Evidence whole = Ingestor.ingest(b, WHOLE);
            Evidence streamed = Ingestor.ingest(b, new Ingestor.Streaming(bytes.length - 1, 100_000, full));
            assertThat(bytes.length).isGreaterThan(1 << 20);
            assertThat(streamed.events()).hasSize(2000).containsExactlyElementsOf(whole.events());
            assertThat(streamed.diagnostics()).hasSize(1);
            assertThat(streamed.diagnostics().getFirst().level()).isEqualTo(Diagnostic.Level.WARNING);
            assertThat(streamed.diagnostics().getFirst().reason()).startsWith("no room to set the entry's bytes aside in " + full)
                    .contains(String.format(java.util.Locale.ROOT, "the entry is %,d bytes", bytes.length));
        } finally {
            mount("umount", "--lazy", full.toString());
        }
    }

    private static void mount(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + said).isZero();
    }

    /** The entry read whole, then streamed in pieces of {@code pieceBytes} with rows deferred above {@code deferAbove} bytes. */
    private Evidence[] both(byte[] bytes, SourceKind kind, int pieceBytes, long deferAbove) throws IOException {
        Path file = dir.resolve("b-" + System.nanoTime() + ".flcap");
        try (BundleWriter w = new BundleWriter(file, "faultline-test")) {
            w.window(Instant.parse("2025-10-01T00:00:00Z"), Instant.parse("2025-10-09T00:00:00Z"));
            w.host(new Manifest.Host("ubuntu", null, 0, "UTC", 1500, 0, null));
            w.add("imported/journal.json", "ubuntu", kind, "journal.json", null, null, bytes, null);
            w.finish(false);
        }
        try (Bundle b = Bundle.open(file)) {
            Evidence whole = Ingestor.ingest(b, WHOLE);
            Evidence streamed = Ingestor.ingest(b, new Ingestor.Streaming(deferAbove, pieceBytes, dir));
            return new Evidence[] {whole, streamed};
        }
    }

    private static void assertSame(String what, Evidence whole, Evidence streamed) {
        assertThat(streamed.events()).as(what).isNotEmpty();
        List<Event> a = new ArrayList<>(whole.events());
        List<Event> b = new ArrayList<>(streamed.events());
        assertThat(b).as(what + ": events").containsExactlyElementsOf(a);
        EventTable t = (EventTable) streamed.events();
        for (int i = 0; i < t.size(); i++) {
            assertThat(t.message(i)).as(what + ": message of row " + i).isEqualTo(a.get(i).message());
        }
        assertThat(streamed.diagnostics()).as(what + ": diagnostics (streamed in the entry's order)")
                .containsExactlyInAnyOrderElementsOf(whole.diagnostics());
        assertThat(streamed.sources()).as(what + ": statistics").containsExactlyElementsOf(whole.sources());
        assertThat(streamed.spans()).as(what + ": spans").containsExactlyElementsOf(whole.spans());
        assertThat(streamed.window()).isEqualTo(whole.window());
    }
}
