package io.faultline.ingest;

import io.faultline.capture.Bundle;
import io.faultline.capture.SourceKind;
import io.faultline.model.EpochNanos;
import io.faultline.model.Evidence;
import io.faultline.model.Span;
import io.faultline.model.SpanKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.faultline.ingest.TestBundles.entry;
import static io.faultline.ingest.TestBundles.host;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * runc exec mount lines in a short journal (Europe/Berlin, duplicated by systemd[1] and the user manager
 * systemd[1157] in either order, escaped and unescaped, several containers in one second) beside real
 * {@code docker events} of a busybox container with a 2 s healthcheck, run on the testbed.
 */
class JournalHealthRunsTest {
    private static final String A = "044645e084fd60b2d84e21f7eab4628ae011608be66886f3ac1b9a1a71c12c75";
    private static final String B = "7d2e9c41b0a35f6e88c1d4a7f0b92e63c5d18a4f7e2b60c9d3a1f85e4b7c2d09";
    private static final String C = "c3f1a8e2d7b40965e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8";

    @TempDir
    Path dir;

    @Test
    void runcExecLinesAreRunsOncePerExec() throws Exception {
        Evidence ev = TestBundles.ingest(dir, "2026-12-03T20:02:00Z", "2026-12-03T20:03:00Z",
                List.of(host("vm", "Europe/Berlin", 0)), List.of(
                        entry("journal-runc-exec.txt", "vm", SourceKind.JOURNAL_SHORT),
                        entry("events-exec-real.jsonl", "vm", SourceKind.DOCKER_EVENTS)));
        EvidenceJson.assertMatches(ev, "journal-runc-exec");

        List<Span> runs = ev.spans().stream().filter(s -> s.kind() == SpanKind.HEALTHCHECK_RUN).toList();
        List<Span> fromEvents = runs.stream().filter(r -> r.exitCode() != null).toList();
        assertThat(fromEvents).hasSize(3).allSatisfy(r -> {
            assertThat(r.containerId()).isEqualTo(A);
            assertThat(r.exitCode()).isZero();
            assertThat(r.durationNanos()).isBetween(40_000_000L, 90_000_000L);
        });
        List<Span> seen = runs.stream().filter(r -> r.exitCode() == null).toList();
        // the start at :26 (container start), :28 and :30 (exec events, both managers) and :32 (cut, no healthcheck
        // known) are no new runs; :34 is (after the events end); B at :40 twice, C at :40 twice, B at :41 with
        // another mount: three runs; "Consumed" and the cut C line at :50 are none
        assertThat(seen).extracting(r -> r.containerId().substring(0, 4) + "@" + EpochNanos.iso(r.startNanos()).substring(11, 19))
                .containsExactly("0446@20:02:34", B.substring(0, 4) + "@20:02:40", C.substring(0, 4) + "@20:02:40",
                        B.substring(0, 4) + "@20:02:41");
        assertThat(seen).allSatisfy(r -> {
            assertThat(r.output()).isEqualTo(JournalHealthRuns.OUTPUT);
            assertThat(r.durationNanos()).isZero();
            assertThat(r.origin().entry()).isEqualTo("imported/journal-runc-exec.txt");
        });
        assertThat(seen.get(1).origin().line()).isEqualTo(8);
        assertThat(seen.get(2).origin().line()).isEqualTo(9);
    }

    @Test
    void runcExecPatternWholeOrCut() {
        String unit = "run-docker-runtime\\x2drunc-moby-" + A + "-runc.9fKd2a.mount";
        assertThat(ContainerLinks.runcExec(unit + ": Deactivated successfully.", null))
                .isEqualTo(new ContainerLinks.RuncMount(A, "9fKd2a", true));
        assertThat(ContainerLinks.runcExec("Deactivated successfully.", unit)).isEqualTo(new ContainerLinks.RuncMount(A, "9fKd2a", true));
        assertThat(ContainerLinks.runcExec("run-docker-runtime-runc-moby-" + A + "-runc.x1.mount: Succeeded.", null))
                .isEqualTo(new ContainerLinks.RuncMount(A, "x1", true));
        assertThat(ContainerLinks.runcExec("run-docker-runtime\\x2drunc-moby-" + A + "-run", null))
                .isEqualTo(new ContainerLinks.RuncMount(A, null, false));
        assertThat(ContainerLinks.runcExec("run-docker-runtime\\x2drunc-moby-" + A.substring(0, 20), null))
                .isEqualTo(new ContainerLinks.RuncMount(A.substring(0, 20), null, false));
        assertThat(ContainerLinks.runcExec(unit + ": Consumed 3ms CPU time.", null)).isNull();
        assertThat(ContainerLinks.runcExec("container=" + A + " exec started", null)).isNull();
        assertThat(ContainerLinks.runcExec(null, null)).isNull();
    }

    /**
     * The bundled sample (a real testbed capture): dockerd logged 71 "context deadline exceeded" probes of fl-health
     * (timeout 1 s) over the 10 minutes, docker events cover only the last 100 s. Each line outside a known run is a
     * timed-out run ending at the line, 1 s long.
     */
    @Test
    void dockerdTimeoutLinesAreTimedOutRunsWhereEventsDoNotReach() throws Exception {
        Evidence ev;
        try (Bundle b = Bundle.open(Path.of("assets", "sample.flcap"))) {
            ev = Ingestor.ingest(b);
        }
        String health = ev.containers().stream().filter(c -> c.name().equals("fl-health")).findFirst().orElseThrow().id();
        long lines = ev.events().stream().filter(e -> e.message().contains("Health check for container " + health
                + " error: context deadline exceeded")).count();
        List<Span> runs = ev.spans().stream().filter(s -> s.kind() == SpanKind.HEALTHCHECK_RUN && s.containerId().equals(health)).toList();
        List<Span> timedOut = runs.stream().filter(r -> JournalHealthRuns.TIMEOUT_OUTPUT.equals(r.output())).toList();
        List<Span> known = runs.stream().filter(r -> !JournalHealthRuns.TIMEOUT_OUTPUT.equals(r.output())).toList();
        assertThat(lines).isEqualTo(71);
        assertThat(known).hasSize(40);
        assertThat(timedOut).hasSize(62).allSatisfy(r -> {
            assertThat(r.exitCode()).isEqualTo(-1);
            assertThat(r.durationNanos()).isEqualTo(1_000_000_000L);
            assertThat(r.origin().entry()).endsWith("journal.json");
            assertThat(known).noneSatisfy(k -> assertThat(Math.abs(k.endNanos() - r.endNanos())).isLessThanOrEqualTo(1_000_000_000L));
        });
        assertThat(EpochNanos.iso(timedOut.getFirst().endNanos())).startsWith("2026-12-03T19:01:07.36");
    }
}

