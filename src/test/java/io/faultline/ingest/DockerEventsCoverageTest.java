package io.faultline.ingest;

import io.faultline.capture.Bundle;
import io.faultline.capture.BundleWriter;
import io.faultline.capture.Manifest;
import io.faultline.capture.SourceKind;
import io.faultline.model.Diagnostic;
import io.faultline.model.Evidence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class DockerEventsCoverageTest {
    @TempDir
    Path tmp;

    private Evidence ingest(int events, long firstSecondAfterWindowStart) throws Exception {
        Instant from = Instant.parse("2026-12-03T19:00:00Z");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < events; i++) {
            long t = from.getEpochSecond() + firstSecondAfterWindowStart + i / 4;
            sb.append("{\"Type\":\"container\",\"Action\":\"exec_start: sh -c true\",\"Actor\":{\"ID\":\"")
                    .append("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")
                    .append("\",\"Attributes\":{\"name\":\"web\"}},\"time\":").append(t).append(",\"timeNano\":")
                    .append(t * 1_000_000_000L + i).append("}\n");
        }
        Path out = tmp.resolve("events-" + events + "-" + firstSecondAfterWindowStart + ".flcap");
        try (BundleWriter w = new BundleWriter(out, "test")) {
            w.window(from, from.plusSeconds(600));
            w.host(new Manifest.Host("h", "u", 22, "UTC", 0, 1, null));
            w.add("raw/h/docker-events.jsonl", "h", SourceKind.DOCKER_EVENTS, "ssh://u@h", "docker events", 0,
                    sb.toString().getBytes(StandardCharsets.UTF_8), null);
            w.finish(false);
        }
        try (Bundle b = Bundle.open(out)) {
            return Ingestor.ingest(b);
        }
    }

    @Test
    void aFullRingThatStartsLateIsReported() throws Exception {
        Evidence ev = ingest(256, 200);
        assertThat(ev.diagnostics()).extracting(Diagnostic::describe).containsExactly(
                "WARNING raw/h/docker-events.jsonl line 1 byte 0: docker events begin at 2026-12-03T19:03:20.000000000Z, 200 s after"
                        + " the window starts, with 256 events: dockerd keeps only its last 256 events, so container events before"
                        + " then (healthcheck execs, restarts) are missing; inspect's Health.Log and the journal still cover part of them");
    }

    @Test
    void aQuietHostOrAStreamFromTheStartIsNot() throws Exception {
        assertThat(ingest(40, 200).diagnostics()).isEmpty();
        assertThat(ingest(256, 2).diagnostics()).isEmpty();
    }
}
