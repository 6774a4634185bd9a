package io.faultline.ingest;

import io.faultline.capture.SourceKind;
import io.faultline.model.Container;
import io.faultline.model.Diagnostic;
import io.faultline.model.EpochNanos;
import io.faultline.model.Event;
import io.faultline.model.Evidence;
import io.faultline.model.Span;
import io.faultline.model.SpanKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;

import static io.faultline.ingest.TestBundles.host;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed incident of DESIGN.md, read from ../shared/samples/seed-incident (beside the clone in CI),
 * imported as journal short + docker inspect with a window over October 2025 and zone UTC.
 * The numbers were counted from the files by hand: 90 lines, 42 ending in the pager's '>',
 * 38 runc mount lines of e8963ebd…, 39 systemd / 39 sshd / 12 CRON lines.
 */
class SeedIncidentTest {
    private static final String CONTAINER = "e8963ebd088b3195d12f28108e97533b4bf829a40f7f32cba8bcbbf108f3f2ee";

    @TempDir
    Path dir;

    @Test
    void seedIncidentIngests() throws Exception {
        Path seed = TestBundles.SAMPLES.resolve("seed-incident");
        Evidence ev = TestBundles.ingest(dir, "2025-10-01T00:00:00Z", "2025-11-01T00:00:00Z", List.of(host("ubuntu", "UTC", 0)),
                List.of(new TestBundles.Entry("imported/journal-short.txt", "ubuntu", SourceKind.JOURNAL_SHORT,
                                Files.readAllBytes(seed.resolve("journal-short.txt"))),
                        new TestBundles.Entry("imported/docker-inspect.json", "ubuntu", SourceKind.DOCKER_INSPECT,
                                Files.readAllBytes(seed.resolve("docker-inspect.json")))));

        List<Event> journal = ev.events().stream().filter(e -> e.source().equals("journal-short")).toList();
        assertThat(journal).hasSize(90);
        assertThat(journal).allSatisfy(e -> assertThat(EpochNanos.toInstant(e.timeNanos()).atZone(ZoneOffset.UTC).getYear()).isEqualTo(2025));
        assertThat(EpochNanos.iso(journal.getFirst().timeNanos())).isEqualTo("2025-10-05T15:00:25.000000000Z");
        assertThat(journal.getFirst().timeText()).isEqualTo("Oct 05 15:00:25");
        assertThat(EpochNanos.iso(journal.getLast().timeNanos())).isEqualTo("2025-10-05T15:29:59.000000000Z");
        assertThat(journal.getLast().message()).isEqualTo("snapd.service: Watchdog timeout (limit 5min)!");
        assertThat(journal.getLast().unit()).isEqualTo("snapd.service");
        assertThat(journal.stream().filter(Event::truncated)).hasSize(42);
        assertThat(journal.getFirst().truncated()).isTrue();
        assertThat(journal.getFirst().message()).endsWith("-run").doesNotEndWith(">");
        assertThat(journal.stream().filter(e -> CONTAINER.equals(e.containerId()))).hasSize(38);
        assertThat(journal.stream().filter(e -> "sshd".equals(e.identifier()))).hasSize(39);
        assertThat(journal.stream().filter(e -> "CRON".equals(e.identifier()))).hasSize(12);
        assertThat(journal.stream().filter(e -> "systemd".equals(e.identifier()) && "1".equals(e.fields().get("_PID")))).hasSize(39);
        assertThat(journal.stream().filter(e -> e.message().equals("error: no more sessions"))).hasSize(14);

        Container c = ev.containers().stream().filter(x -> x.id().equals(CONTAINER)).findFirst().orElseThrow();
        assertThat(c.name()).isEqualTo("image2webp");
        assertThat(c.healthcheck().intervalNanos()).isEqualTo(30_000_000_000L);
        assertThat(c.healthcheck().timeoutNanos()).isEqualTo(3_000_000_000L);
        assertThat(c.healthcheck().retries()).isEqualTo(3);
        assertThat(c.healthcheck().startPeriodNanos()).isEqualTo(5_000_000_000L);
        assertThat(c.restartPolicy()).isEqualTo("no");
        assertThat(c.restartCount()).isZero();
        assertThat(c.healthStatus()).isEqualTo("healthy");

        List<Span> all = ev.spans().stream().filter(s -> s.kind() == SpanKind.HEALTHCHECK_RUN).toList();
        assertThat(all).hasSize(43).allSatisfy(r -> assertThat(r.containerId()).isEqualTo(CONTAINER));
        // the 38 runc mount lines (cut by the pager, the container has a healthcheck) are runs seen in the journal:
        // 13 days before the Health.Log runs, so none is merged with them
        List<Span> seen = all.stream().filter(r -> r.origin().entry().equals("imported/journal-short.txt")).toList();
        assertThat(seen).hasSize(38).allSatisfy(r -> {
            assertThat(r.exitCode()).isNull();
            assertThat(r.durationNanos()).isZero();
            assertThat(r.output()).isEqualTo("seen in the journal: runc exec mount deactivated");
        });
        assertThat(EpochNanos.iso(seen.getFirst().startNanos())).isEqualTo("2025-10-05T15:00:25.000000000Z");
        assertThat(seen.get(1).startNanos() - seen.get(0).startNanos()).isEqualTo(30_000_000_000L);
        List<Span> runs = all.stream().filter(r -> r.origin().entry().equals("imported/docker-inspect.json")).toList();
        assertThat(runs).hasSize(5).allSatisfy(r -> {
            assertThat(r.containerId()).isEqualTo(CONTAINER);
            assertThat(r.exitCode()).isZero();
        });
        // Health.Log says 2025-10-18T23:05:36.756454319+08:00: the same instant is 15:05:36.756454319 UTC.
        assertThat(EpochNanos.iso(runs.getFirst().startNanos())).isEqualTo("2025-10-18T15:05:36.756454319Z");
        assertThat(EpochNanos.iso(runs.getFirst().endNanos())).isEqualTo("2025-10-18T15:05:36.835757893Z");
        assertThat(EpochNanos.iso(runs.getLast().startNanos())).isEqualTo("2025-10-18T15:07:37.034742636Z");
        assertThat(runs.get(1).startNanos() - runs.get(0).startNanos()).isBetween(29_000_000_000L, 31_000_000_000L);

        assertThat(ev.diagnostics()).noneMatch(d -> d.level() != Diagnostic.Level.INFO);
        assertThat(ev.sources()).extracting(s -> s.kind() + " " + s.events() + " " + s.spans())
                .containsExactly("journal-short 90 38", "docker-inspect 0 6");
    }
}
