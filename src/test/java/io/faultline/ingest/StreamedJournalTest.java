package io.faultline.ingest;

import io.faultline.capture.Bundle;
import io.faultline.capture.BundleWriter;
import io.faultline.capture.Manifest;
import io.faultline.capture.SourceKind;
import io.faultline.ingest.bench.JournalGenerator;
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
                default -> "{\"__REALTIME_TIMESTAMP\":\"" + t + "\",\"MESSAGE\":\"plain line " + i + "\",\"_SYSTEMD_UNIT\":\"x.service\"}";
            }).append('\n');
        }
        byte[] text = s.toString().getBytes(StandardCharsets.UTF_8);
        byte[] withNuls = TestBundles.concat(java.util.Arrays.copyOf(text, 2500), new byte[300], java.util.Arrays.copyOfRange(text, 2500, text.length),
                "{\"__REALTIME_TIMESTAMP\":\"1759676500000000\",\"MESSAGE\":\"cut sh".getBytes(StandardCharsets.UTF_8));
        Evidence[] both = both(withNuls, SourceKind.JOURNAL_JSON, 1024, 0);
        assertSame("hostile", both[0], both[1]);
        assertThat(both[1].diagnostics()).extracting(d -> d.reason()).anyMatch(r -> r.contains("NUL")).anyMatch(r -> r.contains("cut short"));
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
