package io.faultline.collect;

import io.faultline.capture.Bundle;
import io.faultline.capture.Manifest;
import io.faultline.capture.SourceKind;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator;
import org.apache.sshd.server.shell.ProcessShellFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A host where sadf is not installed and the Docker daemon cannot be reached: the capture still succeeds,
 * with diagnostics saying what is missing. The "host" is this machine behind Apache MINA SSHD, running each
 * command with the real /bin/sh and real tools, but with a PATH that lacks sadf and a DOCKER_HOST with no daemon.
 */
class MissingToolsCaptureTest {
    @TempDir
    Path dir;
    private SshServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop(true);
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
        KeyPair hostKey = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        Path identity = dir.resolve("id_ecdsa");
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ecdsa", "-b", "256", "-N", "", "-f", identity.toString())
                .redirectErrorStream(true).start();
        assertThat(keygen.waitFor()).isZero();
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPublickeyAuthenticator(new AuthorizedKeysAuthenticator(dir.resolve("id_ecdsa.pub")));
        List<String> env = List.of("/usr/bin/env", "-i", "PATH=" + bin, "DOCKER_HOST=" + dockerHost, "/bin/sh", "-c");
        server.setCommandFactory((channel, command) -> new ProcessShellFactory(command,
                Stream.concat(env.stream(), Stream.of(command)).toList()) {
            @Override
            protected List<String> resolveEffectiveCommand(ChannelSession c, String cmd, List<String> elements) {
                return elements;
            }
        }.createShell(channel));
        server.start();
        Path kh = dir.resolve("known_hosts");
        Files.writeString(kh, "[127.0.0.1]:" + server.getPort() + " " + PublicKeyEntry.toString(hostKey.getPublic()) + "\n");
        Path out = dir.resolve("missing.flcap");
        Instant now = Instant.now();

        CaptureResult result = new RemoteCapture("faultline test", p -> { }, Runnable::run, Duration.ofSeconds(10))
                .capture(new CaptureRequest(new SshTarget("ops", "127.0.0.1", server.getPort()), identity, kh,
                        now.minusSeconds(120), now, out), new CancelToken());

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
}
