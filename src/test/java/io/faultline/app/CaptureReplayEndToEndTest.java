package io.faultline.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.capture.Bundle;
import io.faultline.capture.Manifest;
import io.faultline.testbed.Testbed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 2's "done when" against the real testbed: capture the last 10 minutes over SSH, read the summary
 * the capture printed live, then replay the bundle (a copy, elsewhere) and get the same summary.
 */
class CaptureReplayEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void lastTenMinutesHoldJournalContainersRunsRestartsAndDiskSeriesAndReplayIdentically() throws Exception {
        Testbed tb = Testbed.require();
        Path bundle = dir.resolve("live.flcap");
        Cli capture = Cli.run("capture", "--host", tb.user() + "@" + tb.host() + ":" + tb.port(), "--identity", tb.key().toString(),
                "--known-hosts", tb.knownHosts().toString(), "--since", "-10m", "--until", "now", "-o", bundle.toString(), "--json");
        assertThat(capture.code()).as(capture.err()).isZero();
        JsonNode live = capture.json();

        assertThat(live.path("hosts").get(0).path("zone").asText()).isNotBlank();
        assertThat(live.path("hosts").get(0).path("offsetUncertaintyMs").asLong()).isLessThan(1000);
        long journalEvents = 0;
        for (JsonNode s : live.path("sources")) {
            if (s.path("kind").asText().equals("journal-json")) {
                journalEvents += s.path("events").asLong();
            }
        }
        assertThat(journalEvents).isPositive();

        // The testbed's sshd runs on this machine: the manifest holds the boot this kernel shows.
        try (Bundle b = Bundle.open(bundle)) {
            Manifest.Host host = b.manifest().hosts().getFirst();
            String btime = Files.readAllLines(Path.of("/proc/stat")).stream().filter(l -> l.startsWith("btime "))
                    .findFirst().orElseThrow().substring("btime ".length()).strip();
            assertThat(host.bootTime()).isEqualTo(Long.parseLong(btime));
            assertThat(host.bootId()).isEqualTo(Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip().replace("-", ""));
            assertThat(b.manifest().formatVersion()).isEqualTo(Manifest.FORMAT_VERSION);
        }

        JsonNode health = container(live, tb.healthContainer());
        assertThat(health.path("healthcheck").isObject()).isTrue();
        assertThat(health.at("/healthcheck/intervalMs").asLong()).isPositive();
        assertThat(health.at("/healthcheck/timeoutMs").asLong()).isPositive();
        assertThat(health.at("/healthcheck/retries").asInt()).isPositive();
        assertThat(health.path("healthRuns").asInt()).isPositive();

        JsonNode crash = container(live, tb.crashContainer());
        assertThat(crash.path("healthcheck").isObject()).isTrue();
        assertThat(crash.path("healthRuns").asInt()).isPositive();
        assertThat(crash.path("restarts").asInt()).isPositive();

        assertThat(live.path("series")).anySatisfy(s -> {
            assertThat(s.path("metric").asText()).isEqualTo("util");
            assertThat(s.path("points").asInt()).isPositive();
        });

        Path elsewhere = Files.createDirectories(dir.resolve("a-year-later")).resolve("replayed.flcap");
        Files.copy(bundle, elsewhere, StandardCopyOption.COPY_ATTRIBUTES);
        Cli replay = Cli.run("summary", elsewhere.toString(), "--json");
        assertThat(replay.code()).as(replay.err()).isZero();
        JsonNode replayed = replay.json();
        assertThat(replayed.toPrettyString()).isEqualTo(live.toPrettyString().replace(bundle.toString(), elsewhere.toString()));
    }

    private static JsonNode container(JsonNode summary, String name) {
        for (JsonNode c : summary.path("containers")) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no container " + name + " in " + summary.path("containers"));
    }
}
