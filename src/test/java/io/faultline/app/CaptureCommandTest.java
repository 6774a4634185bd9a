package io.faultline.app;

import io.faultline.capture.Bundle;
import io.faultline.testbed.Testbed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CaptureCommandTest {
    @TempDir
    Path dir;

    private record Ran(int exit, String err, String out) {
    }

    private static Ran run(String... args) {
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err));
        cl.setOut(new PrintWriter(out));
        String[] capture = new String[args.length + 1];
        capture[0] = "capture";
        System.arraycopy(args, 0, capture, 1, args.length);
        int exit = cl.execute(capture);
        return new Ran(exit, err.toString(), out.toString());
    }

    @Test
    void capturesFromTheTestbedAndPrintsProgressToStderr() throws Exception {
        Testbed tb = Testbed.require();
        Path out = dir.resolve("cli.flcap");
        Ran r = run("--host", tb.user() + "@" + tb.host() + ":" + tb.port(), "--identity", tb.key().toString(),
                "--known-hosts", tb.knownHosts().toString(), "--since", "-5m", "--until", "now", "-o", out.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).containsPattern("127\\.0\\.0\\.1 journal +[0-9,]+ bytes +[0-9,]+ lines  done")
                .containsPattern("127\\.0\\.0\\.1 docker-inspect +[0-9,]+ bytes")
                .contains("bundle written: " + out);
        try (Bundle b = Bundle.open(out)) {
            assertThat(b.verify()).isEmpty();
            assertThat(b.manifest().partial()).isFalse();
            assertThat(b.manifest().program()).startsWith("faultline ");
        }
    }

    @Test
    void aKeyWithAPassphraseIsNamedAsSuch() throws Exception {
        Path key = dir.resolve("id_locked");
        Process gen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "secret", "-f", key.toString())
                .redirectErrorStream(true).start();
        assertThat(gen.waitFor()).isZero();
        Path knownHosts = java.nio.file.Files.createFile(dir.resolve("known_hosts"));
        Ran r = run("--host", "faultline@127.0.0.1:2222", "--identity", key.toString(), "--known-hosts", knownHosts.toString(),
                "--since", "-5m", "-o", dir.resolve("locked.flcap").toString());
        assertThat(r.exit()).isEqualTo(CaptureCommand.FAILED);
        assertThat(r.err()).contains("identity file " + key + " is protected by a passphrase");
    }

    @Test
    void aBadTimeIsRefusedWithTheAcceptedForms() {
        Path out = dir.resolve("bad.flcap");
        Ran r = run("--host", "ops@web-01:2222", "--identity", "/nonexistent/key", "--known-hosts", "/nonexistent/kh",
                "--since", "yesterday", "-o", out.toString());

        assertThat(r.exit()).isEqualTo(CaptureCommand.FAILED);
        assertThat(r.err()).contains("'yesterday' is not a time").contains("accepted forms").contains("-30m");
        assertThat(out).doesNotExist();
    }

    @Test
    void aMissingIdentityFileIsNamed() {
        Path out = dir.resolve("nokey.flcap");
        Ran r = run("--host", "ops@127.0.0.1:1", "--identity", dir.resolve("missing_key").toString(),
                "--known-hosts", dir.resolve("kh").toString(), "--since", "-1h", "-o", out.toString());

        assertThat(r.exit()).isEqualTo(CaptureCommand.FAILED);
        assertThat(r.err()).contains("identity file " + dir.resolve("missing_key") + " does not exist or cannot be read");
        assertThat(out).doesNotExist();
    }

    @Test
    void aHostAliasOfAnSshConfigIsReachedThroughItsProxyJumpChain() throws Exception {
        Testbed tb = Testbed.require();
        Path config = java.nio.file.Files.writeString(dir.resolve("ssh_config"), String.join("\n",
                "Host bastion1", "    HostName " + tb.host(),
                "Host bastion2", "    HostName " + tb.host(), "    ProxyJump bastion1",
                "Host box", "    HostName " + tb.host(), "    ProxyJump bastion2",
                "Host *", "    Port " + tb.port(), "    User " + tb.user(), "    IdentityFile " + tb.key(),
                "    UserKnownHostsFile " + tb.knownHosts(), "    ConnectTimeout 9", ""));
        Path out = dir.resolve("jump.flcap");
        Ran r = run("--host", "box", "-F", config.toString(), "--batch", "--since", "-5m", "-o", out.toString());

        String hop = tb.user() + "@" + tb.host() + ":" + tb.port();
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("connecting through " + hop + " → " + hop + " → " + hop)
                .containsPattern("127\\.0\\.0\\.1 journal +[0-9,]+ bytes +[0-9,]+ lines  done")
                .contains("bundle written: " + out);
        try (Bundle b = Bundle.open(out)) {
            assertThat(b.verify()).isEmpty();
            assertThat(b.manifest().partial()).isFalse();
        }
    }
}
