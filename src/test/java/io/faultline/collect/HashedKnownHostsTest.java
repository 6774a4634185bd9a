package io.faultline.collect;

import io.faultline.testbed.Testbed;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * known_hosts written by OpenSSH's own tools against the testbed's sshd: hashed entries from {@code ssh-keyscan -H},
 * the question about an unknown key (fingerprint as {@code ssh-keygen -l} prints it), the hashed line written on
 * {@code yes} (found by {@code ssh-keygen -F}), and a changed key that no answer gets past.
 */
class HashedKnownHostsTest {
    @TempDir
    Path dir;
    private Testbed tb;
    private String name;
    private String fingerprint;

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }

    @BeforeEach
    void scan() throws Exception {
        tb = Testbed.require();
        name = "[" + tb.host() + "]:" + tb.port();
        Path plain = Files.writeString(dir.resolve("scanned"), run("ssh-keyscan", "-p", Integer.toString(tb.port()), tb.host()));
        // "256 SHA256:... [127.0.0.1]:2222 (ED25519)"
        fingerprint = run("ssh-keygen", "-lf", plain.toString()).split(" ")[1];
        assertThat(fingerprint).startsWith("SHA256:").doesNotEndWith("=");
    }

    private SshRoute route(Path knownHosts, Prompter person) {
        return new SshRoute(List.of(), SshRoute.Hop.of(new SshTarget(tb.user(), tb.host(), tb.port()), tb.key()),
                List.of(knownHosts), null, person.canAsk(), null, null, person);
    }

    private SshSession connect(Path knownHosts, Prompter person) throws CollectException {
        return SshSession.connect(route(knownHosts, person), Duration.ofSeconds(10), Duration.ofSeconds(30), new CancelToken());
    }

    private static void works(SshSession ssh) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ssh.exec("'true'", "true", out, new CancelToken()).exitCode()).isZero();
    }

    @Test
    void hashedEntriesFromSshKeyscanAreKnown() throws Exception {
        Path kh = Files.writeString(dir.resolve("known_hosts"),
                run("ssh-keyscan", "-H", "-p", Integer.toString(tb.port()), tb.host()));
        assertThat(Files.readString(kh)).startsWith("|1|").doesNotContain(tb.host());

        try (SshSession ssh = connect(kh, Prompter.NONE)) {
            works(ssh);
            assertThat(ssh.hostKeySha256()).isEqualTo(fingerprint);
        }
    }

    @Test
    void anUnknownKeyIsAskedAboutOnceWithItsFingerprintAndAddedHashedOnYes() throws Exception {
        Path kh = dir.resolve("ssh").resolve("known_hosts");
        ScriptedPrompter person = new ScriptedPrompter("yes");

        try (SshSession ssh = connect(kh, person)) {
            works(ssh);
        }

        assertThat(person.prompts()).containsExactly("The authenticity of host '" + name + "' can't be established.\n"
                + "ED25519 key fingerprint is " + fingerprint + ".\n"
                + "Are you sure you want to continue connecting (yes/no/[fingerprint])? ");
        assertThat(person.told()).containsExactly("Warning: Permanently added '" + name + "' (ED25519) to the list of known hosts in "
                + kh + ".");
        String written = Files.readString(kh);
        assertThat(written).startsWith("|1|").doesNotContain(tb.host()).hasLineCount(1);
        assertThat(run("ssh-keygen", "-F", name, "-f", kh.toString())).contains("ssh-ed25519");
        assertThat(run("ssh-keygen", "-lf", kh.toString())).contains(fingerprint);

        ScriptedPrompter nobodyAsked = new ScriptedPrompter();
        try (SshSession ssh = connect(kh, nobodyAsked)) {
            works(ssh);
        }
        assertThat(nobodyAsked.prompts()).isEmpty();
        assertThat(Files.readString(kh)).isEqualTo(written);
    }

    @Test
    void aHostSeenOnTwoHopsIsAskedAboutOnce() throws Exception {
        Path kh = dir.resolve("known_hosts");
        ScriptedPrompter person = new ScriptedPrompter("yes");
        SshRoute.Hop testbed = SshRoute.Hop.of(new SshTarget(tb.user(), tb.host(), tb.port()), tb.key());
        SshRoute viaItself = new SshRoute(List.of(testbed), testbed, List.of(kh), null, true, null, null, person);

        try (SshSession ssh = SshSession.connect(viaItself, Duration.ofSeconds(10), Duration.ofSeconds(30), new CancelToken())) {
            works(ssh);
        }

        assertThat(person.prompts()).hasSize(1);
        assertThat(Files.readAllLines(kh)).hasSize(1);
    }

    @Test
    void anythingButYesRefusesAndWritesNothing() throws Exception {
        Path kh = Files.writeString(dir.resolve("known_hosts"), "");
        ScriptedPrompter person = new ScriptedPrompter("y");

        assertThatThrownBy(() -> connect(kh, person)).isInstanceOf(HostKeyRejectedException.class)
                .hasMessageContaining("is not in " + kh + " and was not accepted")
                .hasMessageContaining(fingerprint);
        assertThat(person.prompts()).hasSize(1);
        assertThat(Files.readString(kh)).isEmpty();
    }

    @Test
    void typingTheFingerprintAcceptsAsOpenSshDoes() throws Exception {
        Path kh = Files.writeString(dir.resolve("known_hosts"), "");
        try (SshSession ssh = connect(kh, new ScriptedPrompter(fingerprint))) {
            works(ssh);
        }
        assertThat(run("ssh-keygen", "-F", name, "-f", kh.toString())).contains("ssh-ed25519");
    }

    @Test
    void aChangedHashedKeyIsAHardStopEvenWithSomeoneToAsk() throws Exception {
        Path other = dir.resolve("other_host_key");
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", other.toString());
        String[] pub = Files.readString(dir.resolve("other_host_key.pub")).split(" ");
        Path plain = Files.writeString(dir.resolve("known_hosts"), name + " " + pub[0] + " " + pub[1] + "\n");
        run("ssh-keygen", "-q", "-H", "-f", plain.toString());
        assertThat(Files.readString(plain)).startsWith("|1|");
        String before = Files.readString(plain);
        ScriptedPrompter person = new ScriptedPrompter("yes");

        assertThatThrownBy(() -> connect(plain, person)).isInstanceOf(HostKeyRejectedException.class)
                .hasMessageStartingWith("refused: the host key of " + name + " has CHANGED. The server offered ssh-ed25519 key "
                        + fingerprint)
                .satisfies(e -> assertThat(((HostKeyRejectedException) e).changed()).isTrue());
        assertThat(person.prompts()).isEmpty();
        assertThat(Files.readString(plain)).isEqualTo(before);
    }

    @Test
    void withNobodyToAskAnUnknownKeyIsRefusedWithTheKeyscanHint() throws Exception {
        Path kh = Files.writeString(dir.resolve("known_hosts"),
                run("ssh-keyscan", "-H", "-p", Integer.toString(tb.port()), tb.host()).replaceAll("\\|1\\|[^ ]+", "|1|"
                        + "AAAAAAAAAAAAAAAAAAAAAAAAAAA=|AAAAAAAAAAAAAAAAAAAAAAAAAAA="));

        assertThatThrownBy(() -> connect(kh, Prompter.NONE)).isInstanceOf(HostKeyRejectedException.class)
                .hasMessageContaining(fingerprint)
                .hasMessageContaining("ssh-keyscan -p " + tb.port() + " " + tb.host() + " >> " + kh);
    }
}
