package io.faultline.ingest;

import io.faultline.capture.SourceKind;
import io.faultline.model.EpochNanos;
import io.faultline.model.Event;
import io.faultline.model.Evidence;
import io.faultline.model.Severity;
import io.faultline.model.Span;
import io.faultline.model.SpanKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.faultline.ingest.TestBundles.entry;
import static io.faultline.ingest.TestBundles.host;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One instant, 2025-10-05T15:00:25.123456789Z on the host's clock, written four ways in one incident: a journal
 * short line in the host's zone (Europe/Berlin, CEST) without year or fraction, a dockerd logrus stamp
 * {@code +08:00} inside a journal message, inspect's {@code StartedAt} in {@code Z} and a Health.Log run start in
 * {@code -07:00}. The host's clock runs 1.5 s ahead of the laptop, so all of them land 1.5 s earlier, together.
 */
class MixedOffsetsTest {
    private static final String D = "5b7e0c2a9d4f18e3b6a7c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1";
    private static final long INSTANT = EpochNanos.of(Instant.parse("2025-10-05T15:00:23.623456789Z"));

    @TempDir
    Path dir;

    @Test
    void oneInstantFromFourSourcesOnOneAxis() throws Exception {
        Evidence ev = TestBundles.ingest(dir, "2025-10-05T14:55:00Z", "2025-10-05T15:05:00Z",
                List.of(host("web1", "Europe/Berlin", 1500)), List.of(
                        entry("journal-mixed-offsets.txt", "web1", SourceKind.JOURNAL_SHORT),
                        entry("journal-mixed-offsets.jsonl", "web1", SourceKind.JOURNAL_JSON),
                        entry("inspect-mixed-offsets.json", "web1", SourceKind.DOCKER_INSPECT)));
        EvidenceJson.assertMatches(ev, "mixed-offsets");

        Event shortLine = ev.events().stream().filter(e -> e.source().equals("journal-short")).findFirst().orElseThrow();
        assertThat(shortLine.timeText()).isEqualTo("Oct 05 17:00:25");
        // the short line has whole seconds only: the instant truncated to its second (host clock), moved 1.5 s
        long hostSecond = EpochNanos.of(Instant.parse("2025-10-05T15:00:25Z"));
        assertThat(shortLine.timeNanos()).isEqualTo(hostSecond - 1_500_000_000L);

        Event logrus = ev.events().stream().filter(e -> "dockerd".equals(e.identifier())).findFirst().orElseThrow();
        assertThat(logrus.fields()).containsEntry(Logrus.TIME_FIELD, "2025-10-05T15:00:23.623456789Z");
        assertThat(EpochNanos.of(Instant.parse(logrus.fields().get(Logrus.TIME_FIELD)))).isEqualTo(INSTANT);
        // the event stays where the journal put it (microseconds, 23 µs after dockerd's stamp)
        assertThat(EpochNanos.iso(logrus.timeNanos())).isEqualTo("2025-10-05T15:00:23.623502000Z");
        assertThat(logrus.containerId()).isEqualTo(D);

        Span up = ev.spans().stream().filter(s -> s.kind() == SpanKind.CONTAINER_UP).findFirst().orElseThrow();
        assertThat(up.startNanos()).isEqualTo(INSTANT);
        List<Span> runs = ev.spans().stream().filter(s -> s.kind() == SpanKind.HEALTHCHECK_RUN).toList();
        Span logged = runs.stream().filter(s -> s.exitCode() != null).findFirst().orElseThrow();
        assertThat(logged.startNanos()).isEqualTo(INSTANT);
        assertThat(logged.durationNanos()).isEqualTo(2_500_000_000L);
        assertThat(up.startNanos() - shortLine.timeNanos()).isEqualTo(123_456_789L);

        // the runc line at :25 is the start, the one at :27 the logged 2.5 s probe ending; :55 is a run of its own
        assertThat(runs).hasSize(2);
        assertThat(runs.getLast().exitCode()).isNull();
        assertThat(runs.getLast().startNanos()).isEqualTo(hostSecond + 30_000_000_000L - 1_500_000_000L);
        assertThat(runs.getLast().origin().line()).isEqualTo(3);
    }

    @Test
    void logrusStampsOnlyWithAnOffset() {
        assertThat(Logrus.time("time=\"2025-10-05T23:00:25.123456789+08:00\" level=info msg=x"))
                .isEqualTo(EpochNanos.of(Instant.parse("2025-10-05T15:00:25.123456789Z")));
        assertThat(Logrus.time("level=warning msg=y time=\"2025-10-05T15:00:25Z\""))
                .isEqualTo(EpochNanos.of(Instant.parse("2025-10-05T15:00:25Z")));
        assertThat(Logrus.time("level=warning msg=\"cleanup time=\\\"2026-12-03T19:59:18Z\\\" level=info\"")).isNull();
        assertThat(Logrus.time("time=\"2025-10-05 23:00:25\" level=info")).isNull();
        assertThat(Logrus.time("time=\"2025-13-45T99:00:25+08:00\" level=info")).isNull();
        assertThat(Logrus.time("uptime=\"2025-10-05T23:00:25+08:00\"")).isNull();
        assertThat(Logrus.time(null)).isNull();
    }

    @Test
    void logrusLevelsAreTheSeverityOnlyWhereLogrusPutsThem() {
        assertThat(Logrus.level("time=\"2026-12-03T19:01:07.364215333Z\" level=warning msg=\"Health check for container x\""))
                .isEqualTo(Severity.WARNING);
        assertThat(Logrus.level("level=error msg=\"stream copy error\" container=50039a09466f")).isEqualTo(Severity.ERR);
        assertThat(Logrus.level("time=\"2026-12-03T19:01:07Z\" level=fatal msg=x")).isEqualTo(Severity.CRIT);
        assertThat(Logrus.level("level=debug msg=x")).isEqualTo(Severity.DEBUG);
        assertThat(Logrus.level("msg=\"retry\" level=error")).isNull();
        assertThat(Logrus.level("user said level=error in chat")).isNull();
        assertThat(Logrus.level("level=errors")).isNull();
        assertThat(Logrus.level(null)).isNull();

        Event journal = new Event("e1", 0, "t", "h", "journal-json", "docker.service", "dockerd", Severity.INFO,
                "time=\"2026-12-03T19:01:07Z\" level=warning msg=\"Health check failed\"", null, false, Map.of("_PID", "880"), null);
        Event typed = Logrus.annotate(journal, 0);
        assertThat(typed.severity()).isEqualTo(Severity.WARNING);
        assertThat(typed.fields()).containsEntry(Logrus.SOURCE_SEVERITY_FIELD, "INFO").containsEntry("_PID", "880")
                .containsEntry(Logrus.TIME_FIELD, "2026-12-03T19:01:07.000000000Z");
        Event same = new Event("e2", 0, "t", "h", "journal-json", null, "dockerd", Severity.INFO, "level=info msg=ok", null, false,
                Map.of(), null);
        assertThat(Logrus.annotate(same, 0)).isSameAs(same);
    }
}
