package io.faultline.collect;

import io.faultline.capture.Bundle;
import io.faultline.testbed.Testbed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile text tried against real remote shells: quoted words through the testbed's sshd and the login shell of its
 * user (bash), and a server whose docker and ls print hostile container ids, names and sysstat paths, which a
 * capture must never paste into a later command. A marker file is the proof: no test may ever create it.
 */
class RemoteInjectionTest {
    @TempDir
    Path dir;
    private Path marker;
    private TestSshServer server;

    @BeforeEach
    void marker() {
        // /tmp is writable by the testbed's user too, so a command injected over SSH would create it
        marker = Path.of("/tmp", "faultline-injected-" + UUID.randomUUID());
    }

    @AfterEach
    void noMarker() throws Exception {
        if (server != null) {
            server.close();
        }
        assertThat(marker).as("a hostile value reached a remote shell unquoted").doesNotExist();
    }

    private List<String> hostile() {
        String m = marker.toString();
        return List.of("'; touch " + m + "; '", "$(touch " + m + ")", "`touch " + m + "`", "\"; touch " + m + "; \"",
                "a\ntouch " + m, "a;touch " + m, "a|touch " + m, "a&&touch " + m, "a\rtouch " + m, "${IFS}$(touch${IFS}" + m + ")",
                "x' '$(touch " + m + ")' 'y", "\\'$(touch " + m + ")", "!!", "*", "~", "$HOME");
    }

    @Test
    void quotedWordsArriveUnchangedThroughTheTestbedsSshdAndBash() throws Exception {
        Testbed tb = Testbed.require();
        try (SshSession ssh = SshSession.connect(new SshTarget(tb.user(), tb.host(), tb.port()), tb.key(), tb.knownHosts(),
                Duration.ofSeconds(10))) {
            for (String value : java.util.stream.Stream.concat(hostile().stream(), java.util.stream.Stream.of("-n", "%s\\n")).toList()) {
                RemoteCommand cmd = RemoteCommand.program("printf").literal("%s").literal(value).build();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ExecResult r = ssh.exec(cmd.toShell(), cmd.brief(), out, new CancelToken());
                assertThat(r.exitCode()).as(value).isZero();
                assertThat(out.toString(StandardCharsets.UTF_8)).as(cmd.toShell()).isEqualTo(value);
            }
        }
    }

    @Test
    void hostileValuesAreRefusedByEveryValidatedPiece() {
        for (String value : hostile()) {
            assertThat(refused(() -> RemoteCommand.program(value))).as(value).isTrue();
            assertThat(refused(() -> RemoteCommand.program("docker").option(value))).as(value).isTrue();
            assertThat(refused(() -> RemoteCommand.program("docker").containerId(value))).as(value).isTrue();
            assertThat(refused(() -> RemoteCommand.program("sadf").path("/var/log/sysstat/" + value))).as(value).isTrue();
            assertThat(refused(() -> new SshTarget(value, "127.0.0.1", 22))).as(value).isTrue();
            assertThat(refused(() -> new SshTarget("ops", value, 22))).as(value).isTrue();
        }
    }

    private static boolean refused(Runnable r) {
        try {
            r.run();
            return false;
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    /**
     * A server whose {@code docker ps} names hostile containers and whose {@code ls} lists a hostile sysstat file; the
     * fake docker and ls record every argument they are called with. The capture runs them through {@code /bin/sh -c}
     * for real: nothing hostile may reach a later command, and the marker must never appear.
     */
    @Test
    void hostileContainerIdsNamesAndFileNamesFromTheServerNeverReachACommand() throws Exception {
        Path bin = Files.createDirectory(dir.resolve("bin"));
        Path calls = dir.resolve("calls.txt");
        String m = marker.toString();
        String ps = String.join("\n",
                "{\"ID\":\"0123456789ab$(touch " + m + ")\",\"Names\":\"web\"}",
                "{\"ID\":\"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\",\"Names\":\"x;touch " + m + "\"}",
                "{\"ID\":\"'; touch " + m + "; '\",\"Names\":\"$(touch " + m + ")\"}",
                "");
        script(bin.resolve("docker"), "printf '%s\\n' \"docker $*\" >> " + calls + "\n"
                + "if [ \"$1\" = ps ]; then printf '%s' '" + ps.replace("'", "'\\''") + "'; fi\n");
        script(bin.resolve("ls"), "printf '%s\\n' \"ls $*\" >> " + calls + "\n"
                + "printf '%s\\n' '/var/log/sysstat/sa01;touch " + m + "' '/var/log/sysstat/sa$(touch " + m + ")'\n");
        script(bin.resolve("sadf"), "printf '%s\\n' \"sadf $*\" >> " + calls + "\n");
        for (String tool : List.of("date", "cat", "readlink", "nice", "ionice", "journalctl", "true", "printf")) {
            Path real = List.of(Path.of("/usr/local/bin", tool), Path.of("/usr/bin", tool), Path.of("/bin", tool)).stream()
                    .filter(Files::isExecutable).findFirst().orElseThrow(() -> new AssertionError(tool + " is not installed"));
            script(bin.resolve(tool), "exec " + real + " \"$@\"\n");
        }
        server = TestSshServer.start(dir, List.of("/usr/bin/env", "-i", "PATH=" + bin, "/bin/sh", "-c"), command -> null);
        TestSshServer.Host host = server.host();
        Path out = dir.resolve("hostile.flcap");
        Instant now = Instant.now();

        CaptureResult result = new RemoteCapture("faultline test", p -> { }, Runnable::run, Duration.ofSeconds(10))
                .capture(new CaptureRequest(host.target(), host.identity(), host.knownHosts(), now.minusSeconds(120), now, out),
                        new CancelToken());

        assertThat(result.partial()).isFalse();
        List<String> called = Files.readAllLines(calls);
        assertThat(called).anySatisfy(c -> assertThat(c).startsWith("docker ps"))
                .anySatisfy(c -> assertThat(c).startsWith("ls -1d -- /var/log/sysstat/sa"));
        assertThat(called).as("commands run on the server").noneMatch(c -> c.contains("touch") || c.contains(";"));
        assertThat(called).filteredOn(c -> c.startsWith("docker inspect"))
                .containsExactly("docker inspect 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
        assertThat(called).noneMatch(c -> c.startsWith("sadf"));
        try (Bundle b = Bundle.open(out)) {
            assertThat(b.manifest().diagnostics()).extracting(p -> p.reason())
                    .anySatisfy(r -> assertThat(r).contains("no valid container ID ('0123456789ab$(touch " + m + ")')"));
        }
    }

    private static void script(Path file, String body) throws Exception {
        Files.writeString(file, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
