package io.faultline.testbed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real testbed answers over SSH as the faultline user: journal, docker and sysstat. */
class TestbedTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Testbed testbed = Testbed.require();

    @Test
    void envFileDescribesTheLoopbackSshd() {
        assertThat(testbed.host()).isEqualTo("127.0.0.1");
        assertThat(testbed.port()).isEqualTo(2222);
        assertThat(testbed.user()).isEqualTo("faultline");
        assertThat(testbed.key()).isRegularFile();
        assertThat(testbed.knownHosts()).content().startsWith("[127.0.0.1]:2222 ssh-ed25519 ");
        assertThat(testbed.healthContainer()).isEqualTo("fl-health");
        assertThat(testbed.crashContainer()).isEqualTo("fl-crashloop");
        assertThat(testbed.ssh("id -un").strip()).isEqualTo("faultline");
        assertThat(testbed.ssh("id -nG").strip().split(" ")).contains("docker", "systemd-journal");
    }

    @Test
    void journalIsReadableAsJson() throws IOException {
        String out = testbed.ssh("journalctl -o json --since -5min --no-pager");
        List<String> lines = out.lines().toList();
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            JsonNode entry = JSON.readTree(line);
            assertThat(entry.path("__REALTIME_TIMESTAMP").asText()).as(line).matches("\\d{16,}");
        }
    }

    @Test
    void journalHoldsFailedSshLogins() {
        String out = testbed.ssh("journalctl -o cat -t sshd -t sshd-session --no-pager");
        assertThat(out).contains("Invalid user intruder1 from 127.0.0.1")
                .containsPattern("Failed publickey for faultline from 127\\.0\\.0\\.1 port \\d+ ssh2: ED25519 SHA256:");
    }

    @Test
    void healthContainerHasHealthcheckRuns() throws IOException {
        JsonNode c = inspect(testbed.healthContainer());
        assertThat(c.path("HostConfig").path("NetworkMode").asText()).isEqualTo("none");
        assertThat(c.path("Config").path("Healthcheck").path("Interval").asLong()).isEqualTo(2_000_000_000L);
        assertThat(c.path("Config").path("Healthcheck").path("Timeout").asLong()).isEqualTo(1_000_000_000L);
        assertThat(c.path("State").path("Health").path("Status").asText()).isIn("starting", "healthy", "unhealthy");
        JsonNode log = c.path("State").path("Health").path("Log");
        assertThat(log.isArray()).as("Health.Log of %s", c).isTrue();
        assertThat(log.size()).isPositive();
        for (JsonNode run : log) {
            assertThat(run.path("Start").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            assertThat(run.has("ExitCode")).as(run.toString()).isTrue();
        }
    }

    @Test
    void crashContainerRestartsAndEventsShowIt() throws Exception {
        JsonNode c = inspect(testbed.crashContainer());
        assertThat(c.path("HostConfig").path("NetworkMode").asText()).isEqualTo("none");
        assertThat(c.path("HostConfig").path("RestartPolicy").path("Name").asText()).isEqualTo("always");
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (c.path("RestartCount").asInt() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(2_000);
            c = inspect(testbed.crashContainer());
        }
        assertThat(c.path("RestartCount").asInt()).as("RestartCount of %s after waiting up to 60s", testbed.crashContainer())
                .isPositive();

        List<JsonNode> events = new ArrayList<>();
        for (String line : testbed.ssh("docker events --since 5m --until 0s --format '{{json .}}'").lines().toList()) {
            events.add(JSON.readTree(line));
        }
        assertThat(actions(events, testbed.crashContainer())).contains("die", "start");
        assertThat(actions(events, testbed.healthContainer())).anyMatch(a -> a.startsWith("exec_start"))
                .anyMatch(a -> a.startsWith("health_status"))
                .contains("exec_die");
    }

    @Test
    void sadfReportsDiskSamples() throws IOException {
        JsonNode root = JSON.readTree(testbed.ssh("sadf -j /var/log/sysstat/sa$(date +%d) -- -d"));
        JsonNode host = root.path("sysstat").path("hosts").path(0);
        JsonNode statistics = host.path("statistics");
        assertThat(statistics.size()).isPositive();
        JsonNode last = statistics.get(statistics.size() - 1);
        assertThat(last.path("timestamp").path("interval").asInt()).isEqualTo(1);
        assertThat(last.path("disk").size()).isPositive();
        assertThat(last.path("disk").path(0).path("disk-device").asText()).isNotEmpty();
        assertThat(last.path("disk").path(0).has("wkB")).isTrue();
    }

    @Test
    void failingScriptGivesItsOutputInTheError(@TempDir Path dir) throws IOException {
        Path script = executable(dir.resolve("testbed.sh"), """
                #!/bin/sh
                echo "sshd: DOWN ($1)"
                exit 3
                """);
        Path env = dir.resolve("testbed.env");
        assertThatThrownBy(() -> Testbed.ensure(script, env,
                () -> Testbed.run(List.of(script.toString(), "up"), Duration.ofSeconds(30))))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("sshd: DOWN (up)")
                .hasMessageContaining("sshd: DOWN (status)")
                .hasMessageContaining("exited with 3")
                .hasMessageContaining(env + " is missing");
    }

    @Test
    void upWritesTheEnvThatEnsureReads(@TempDir Path dir) throws IOException {
        Path prepared = Files.writeString(dir.resolve("prepared.env"), """
                # written by up
                FAULTLINE_SSH_HOST=10.0.0.7
                FAULTLINE_SSH_PORT=2200
                FAULTLINE_SSH_USER=u
                FAULTLINE_SSH_KEY=/k
                FAULTLINE_KNOWN_HOSTS=/kh
                FAULTLINE_HEALTH_CONTAINER=h
                FAULTLINE_CRASH_CONTAINER=c
                """);
        Path env = dir.resolve("testbed.env");
        Path script = executable(dir.resolve("testbed.sh"), """
                #!/bin/sh
                case "$1" in
                  up) cp "%s" "%s" ;;
                  status) test -f "%s" ;;
                esac
                """.formatted(prepared, env, env));
        Testbed t = Testbed.ensure(script, env, () -> Testbed.run(List.of(script.toString(), "up"), Duration.ofSeconds(30)));
        assertThat(t).isEqualTo(new Testbed("10.0.0.7", 2200, "u", Path.of("/k"), Path.of("/kh"), "h", "c"));
    }

    @Test
    void badEnvLineIsNamed(@TempDir Path dir) throws IOException {
        Path env = Files.writeString(dir.resolve("testbed.env"), "FAULTLINE_SSH_HOST=127.0.0.1\nnonsense\n");
        assertThatThrownBy(() -> Testbed.read(env))
                .isInstanceOf(AssertionError.class)
                .hasMessage(env + " line 2: expected KEY=VALUE but found 'nonsense'");
        Files.writeString(env, "FAULTLINE_SSH_HOST=127.0.0.1\nFAULTLINE_SSH_PORT=ssh\n");
        assertThatThrownBy(() -> Testbed.read(env))
                .hasMessage(env + ": FAULTLINE_SSH_PORT is not a number: 'ssh'");
    }

    private static Path executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    private JsonNode inspect(String container) throws IOException {
        JsonNode array = JSON.readTree(testbed.ssh("docker inspect " + container));
        assertThat(array.size()).as("docker inspect %s", container).isEqualTo(1);
        return array.get(0);
    }

    private static List<String> actions(List<JsonNode> events, String container) {
        return events.stream()
                .filter(e -> container.equals(e.path("Actor").path("Attributes").path("name").asText()))
                .map(e -> e.path("Action").asText())
                .toList();
    }
}
