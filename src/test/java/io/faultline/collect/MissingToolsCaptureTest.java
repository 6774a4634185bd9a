package io.faultline.collect;

import io.faultline.capture.Bundle;
import io.faultline.capture.Manifest;
import io.faultline.capture.SourceKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hosts that lack something: the capture still succeeds, with diagnostics saying what is missing and what to
 * grant. The "host" is this machine behind Apache MINA SSHD, running each command with the real /bin/sh and the
 * real tools (journalctl, docker, sadf of the testbed), either with a PATH that lacks sadf and a DOCKER_HOST with
 * no daemon, or as the user nobody (no systemd-journal or docker group). Also a connection broken mid-stream.
 */
class MissingToolsCaptureTest {
    @TempDir
    Path dir;
    private TestSshServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void missingToolsBecomeDiagnosticsNotAFailedCapture() throws Exception {
        Path bin = Files.createDirectory(dir.resolve("bin"));
        for (String tool : List.of("date", "cat", "readlink", "nice", "ionice", "journalctl", "ls", "docker", "true")) {
            Path real = List.of(Path.of("/usr/local/bin", tool), Path.of("/usr/bin", tool), Path.of("/bin", tool)).stream()
                    .filter(Files::isExecutable).findFirst().orElseThrow(() -> new AssertionError(tool + " is not installed"));
            Files.writeString(bin.resolve(tool), "#!/bin/sh\nexec " + real + " \"$@\"\n");
            Files.setPosixFilePermissions(bin.resolve(tool), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        String dockerHost = "unix://" + dir.resolve("no-daemon.sock");
        TestSshServer.Host host = startHost(List.of("/usr/bin/env", "-i", "PATH=" + bin, "DOCKER_HOST=" + dockerHost, "/bin/sh", "-c"));
        Path out = dir.resolve("missing.flcap");
        Instant now = Instant.now();

        CaptureResult result = new RemoteCapture("faultline test", p -> { }, Runnable::run, Duration.ofSeconds(10))
                .capture(new CaptureRequest(host.target(), host.identity(), host.knownHosts(), now.minusSeconds(120), now, out),
                        new CancelToken());

        assertThat(result.partial()).isFalse();
        try (Bundle b = Bundle.open(out)) {
            Manifest m = b.manifest();
            assertThat(b.verify()).isEmpty();
            assertThat(m.partial()).isFalse();
            assertThat(m.hosts()).singleElement().satisfies(h -> assertThat(h.zone()).isNotBlank());
            assertThat(m.diagnostics()).extracting(Manifest.Problem::reason)
                    .anySatisfy(r -> assertThat(r).startsWith("sadf not found on 127.0.0.1").contains("install sysstat"))
                    .anySatisfy(r -> assertThat(r).startsWith("the Docker daemon on 127.0.0.1 is not running or not reachable")
                            .contains(dockerHost));
            Manifest.Entry ps = m.entries().stream().filter(e -> e.sourceKind() == SourceKind.DOCKER_PS).findFirst().orElseThrow();
            assertThat(ps.exitCode()).isNotZero();
            assertThat(new String(b.readEntry(ps.stderr()), StandardCharsets.UTF_8)).contains("Cannot connect to the Docker daemon");
            assertThat(m.entries()).noneMatch(e -> e.sourceKind() == SourceKind.DOCKER_INSPECT || e.sourceKind() == SourceKind.SADF_JSON);
            Manifest.Entry journal = m.entries().stream().filter(e -> e.sourceKind() == SourceKind.JOURNAL_JSON).findFirst().orElseThrow();
            assertThat(journal.complete()).isTrue();
            assertThat(journal.exitCode()).isZero();
        }
    }

    /** Starts an SSH server on 127.0.0.1 that runs each command as {@code prefix + command} on this machine. */
    private TestSshServer.Host startHost(List<String> prefix) throws Exception {
        server = TestSshServer.start(dir, prefix, command -> null);
        return server.host();
    }

    @Test
    void aUserWithoutJournalOrDockerAccessGetsDiagnosticsNamingWhatToGrant() throws Exception {
        TestSshServer.Host host = startHost(List.of("/usr/sbin/runuser", "-u", "nobody", "--", "/bin/sh", "-c"));
        Path out = dir.resolve("nobody.flcap");
        Instant now = Instant.now();

        CaptureResult result = new RemoteCapture("faultline test", p -> { }, Runnable::run, Duration.ofSeconds(10))
                .capture(new CaptureRequest(host.target(), host.identity(), host.knownHosts(), now.minusSeconds(120), now, out),
                        new CancelToken());

        assertThat(result.partial()).isFalse();
        try (Bundle b = Bundle.open(out)) {
            Manifest m = b.manifest();
            assertThat(b.verify()).isEmpty();
            assertThat(m.diagnostics()).extracting(Manifest.Problem::reason)
                    .anySatisfy(r -> assertThat(r).startsWith("user ops cannot read the whole journal on 127.0.0.1")
                            .contains("insufficient permissions").endsWith("grant it with: usermod -aG systemd-journal ops"))
                    .anySatisfy(r -> assertThat(r).startsWith("user ops may not use the Docker socket on 127.0.0.1")
                            .contains("grant it with: usermod -aG docker ops"));
            assertThat(m.entries()).noneMatch(e -> e.sourceKind() == SourceKind.DOCKER_INSPECT);
            assertThat(m.entries()).filteredOn(e -> e.sourceKind() == SourceKind.SADF_JSON)
                    .isNotEmpty().allSatisfy(e -> assertThat(e.exitCode()).isZero());
        }
    }

    @Test
    void aConnectionLostMidStreamLeavesAPartialBundleWithAnError() throws Exception {
        TestSshServer.Host host = startHost(List.of("/bin/sh", "-c"));
        Path out = dir.resolve("lost.flcap");
        Instant now = Instant.now();
        RemoteCapture capture = new RemoteCapture("faultline test", p -> {
            if (p.source().equals("journal") && p.bytes() > 0 && !p.done() && server.isOpen()) {
                try {
                    server.close();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }, Runnable::run, Duration.ofSeconds(10));

        CaptureResult result = capture.capture(new CaptureRequest(host.target(), host.identity(), host.knownHosts(),
                now.minus(Duration.ofDays(1)), now, out), new CancelToken());

        assertThat(result.partial()).isTrue();
        try (Bundle b = Bundle.open(out)) {
            Manifest m = b.manifest();
            assertThat(m.partial()).isTrue();
            assertThat(b.verify()).isEmpty();
            Manifest.Entry journal = m.entries().stream().filter(e -> e.sourceKind() == SourceKind.JOURNAL_JSON).findFirst().orElseThrow();
            assertThat(journal.complete()).isFalse();
            assertThat(journal.bytes()).isPositive();
            assertThat(m.diagnostics()).anySatisfy(p -> {
                assertThat(p.level()).isEqualTo("error");
                assertThat(p.reason()).startsWith("capture cut short: connection to ops@127.0.0.1:" + host.target().port() + " lost");
            });
            assertThat(m.entries()).noneMatch(e -> e.sourceKind() == SourceKind.DOCKER_PS);
        }
    }
}
