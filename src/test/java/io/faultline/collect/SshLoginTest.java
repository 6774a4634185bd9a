package io.faultline.collect;

import io.faultline.testbed.Testbed;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.keyboard.UserAuthKeyboardInteractiveFactory;
import org.apache.sshd.server.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.server.shell.ProcessShellCommandFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Logging in the ways OpenSSH does: a key with a passphrase asked for on the terminal, ssh-agent, and password or
 * keyboard-interactive when no key is accepted. The testbed's sshd for keys and the agent; Apache MINA SSHD for
 * password and keyboard-interactive, which the testbed's sshd does not offer.
 */
class SshLoginTest {
    private static final String PASSPHRASE = "correct horse battery";
    private static final String PASSWORD = "s3cret-pw";

    @TempDir
    Path dir;

    private static String run(Map<String, String> env, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }

    /** A copy of the testbed's client key (authorized on the testbed), with {@code passphrase} or none. */
    private Path testbedKey(Testbed tb, String name, String passphrase) throws Exception {
        Path key = dir.resolve(name);
        Files.copy(tb.key(), key);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        if (!passphrase.isEmpty()) {
            run(Map.of(), "ssh-keygen", "-q", "-p", "-P", "", "-N", passphrase, "-f", key.toString());
        }
        return key;
    }

    private static SshRoute route(SshRoute.Hop hop, Path knownHosts, Path agent, Prompter prompter) {
        return new SshRoute(List.of(), hop, List.of(knownHosts), agent, false, null, null, prompter);
    }

    private static String echo(SshSession ssh, String word) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExecResult r = ssh.exec(RemoteCommand.program("echo").option(word).build().toShell(), "echo", out, new CancelToken());
        assertThat(r.exitCode()).isZero();
        return out.toString(StandardCharsets.UTF_8).strip();
    }

    @Test
    void anEncryptedKeyIsUnlockedWithThePassphraseTypedAndTheBundleHoldsNoTraceOfIt() throws Exception {
        Testbed tb = Testbed.require();
        Path key = testbedKey(tb, "id_locked", PASSPHRASE);
        assertThat(Files.readString(key)).contains("BEGIN OPENSSH PRIVATE KEY");
        ScriptedPrompter person = new ScriptedPrompter("wrong guess", PASSPHRASE);
        SshRoute r = route(SshRoute.Hop.of(new SshTarget(tb.user(), tb.host(), tb.port()), key), tb.knownHosts(), null, person);
        Path out = dir.resolve("locked.flcap");
        Instant now = Instant.now();

        CaptureResult result = new RemoteCapture("faultline test", p -> { }, Runnable::run, Duration.ofSeconds(10))
                .capture(new CaptureRequest(r, now.minusSeconds(120), now, out), new CancelToken());

        assertThat(result.partial()).isFalse();
        assertThat(person.prompts()).containsExactly("Enter passphrase for key '" + key + "': ",
                "Enter passphrase for key '" + key + "': ");
        try (ZipFile zip = new ZipFile(out.toFile())) {
            List<String> holding = new ArrayList<>();
            for (var e : java.util.Collections.list(zip.entries())) {
                String text = new String(zip.getInputStream(e).readAllBytes(), StandardCharsets.ISO_8859_1);
                if (text.contains(PASSPHRASE)) {
                    holding.add(e.getName());
                }
            }
            assertThat(holding).as("bundle entries holding the passphrase").isEmpty();
        }
    }

    @Test
    void anEncryptedKeyWithNobodyToAskIsNamedBeforeConnecting() throws Exception {
        Testbed tb = Testbed.require();
        Path key = testbedKey(tb, "id_locked", PASSPHRASE);
        SshRoute r = route(SshRoute.Hop.of(new SshTarget(tb.user(), tb.host(), tb.port()), key), tb.knownHosts(), null,
                Prompter.NONE);

        assertThatThrownBy(() -> SshSession.connect(r, Duration.ofSeconds(10), Duration.ofSeconds(30), new CancelToken()))
                .hasMessage("identity file " + key + " is protected by a passphrase, and there is no terminal to ask for it:"
                        + " run faultline capture in a terminal, or add the key to ssh-agent (ssh-add " + key + ")");
    }

    @Test
    void theKeysOfARealSshAgentLogInWithNoKeyFile() throws Exception {
        Testbed tb = Testbed.require();
        Path key = testbedKey(tb, "id_for_agent", "");
        Path socket = dir.resolve("agent.sock");
        String started = run(Map.of(), "ssh-agent", "-s", "-a", socket.toString());
        Matcher pid = Pattern.compile("SSH_AGENT_PID=(\\d+);").matcher(started);
        assertThat(pid.find()).as(started).isTrue();
        ProcessHandle agent = ProcessHandle.of(Long.parseLong(pid.group(1))).orElseThrow();
        try {
            run(Map.of("SSH_AUTH_SOCK", socket.toString()), "ssh-add", key.toString());
            Files.delete(key);
            SshRoute.Hop noFiles = new SshRoute.Hop("testbed", new SshTarget(tb.user(), tb.host(), tb.port()), List.of(), List.of());
            try (SshSession ssh = SshSession.connect(route(noFiles, tb.knownHosts(), socket, Prompter.NONE),
                    Duration.ofSeconds(10), Duration.ofSeconds(30), new CancelToken())) {
                assertThat(echo(ssh, "agent-login")).isEqualTo("agent-login");
            }
        } finally {
            agent.destroy();
            agent.onExit().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void withoutAgentOrKeysAndNobodyToAskItSaysWhatIsMissing() throws Exception {
        Testbed tb = Testbed.require();
        SshRoute.Hop noFiles = new SshRoute.Hop("testbed", new SshTarget(tb.user(), tb.host(), tb.port()),
                List.of(dir.resolve("id_rsa")), List.of());

        assertThatThrownBy(() -> SshSession.connect(route(noFiles, tb.knownHosts(), null, Prompter.NONE),
                Duration.ofSeconds(10), Duration.ofSeconds(30), new CancelToken()))
                .hasMessage("no key to log in to " + tb.user() + "@" + tb.host() + ":" + tb.port() + " with: none of ["
                        + dir.resolve("id_rsa") + "] exists and is usable, no ssh-agent (SSH_AUTH_SOCK), and no terminal to ask for a password");
    }

    /** A MINA server that takes only {@code method} ("password" or "keyboard-interactive") with {@link #PASSWORD}. */
    private SshServer passwordServer(String method) throws Exception {
        KeyPair hostKey = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPasswordAuthenticator((user, password, session) -> "ops".equals(user) && PASSWORD.equals(password));
        server.setUserAuthFactories(List.of(method.equals("password") ? new UserAuthPasswordFactory()
                : new UserAuthKeyboardInteractiveFactory()));
        server.setCommandFactory(new ProcessShellCommandFactory());
        server.start();
        Files.writeString(dir.resolve("kh_" + server.getPort()), "[127.0.0.1]:" + server.getPort() + " "
                + PublicKeyEntry.toString(hostKey.getPublic()) + "\n");
        return server;
    }

    private SshSession loginTo(SshServer server, Prompter person) throws CollectException {
        SshRoute.Hop hop = new SshRoute.Hop("mina", new SshTarget("ops", "127.0.0.1", server.getPort()), List.of(), List.of());
        return SshSession.connect(route(hop, dir.resolve("kh_" + server.getPort()), null, person), Duration.ofSeconds(10),
                Duration.ofSeconds(30), new CancelToken());
    }

    @Test
    void aPasswordIsAskedWhenTheServerTakesNoKey() throws Exception {
        SshServer server = passwordServer("password");
        try {
            ScriptedPrompter person = new ScriptedPrompter(PASSWORD);
            try (SshSession ssh = loginTo(server, person)) {
                assertThat(echo(ssh, "password-login")).isEqualTo("password-login");
            }
            assertThat(person.prompts()).containsExactly("ops@127.0.0.1's password: ");
        } finally {
            server.stop(true);
        }
    }

    @Test
    void keyboardInteractiveQuestionsAreAskedWhenThatIsWhatTheServerTakes() throws Exception {
        SshServer server = passwordServer("keyboard-interactive");
        try {
            ScriptedPrompter person = new ScriptedPrompter(PASSWORD);
            try (SshSession ssh = loginTo(server, person)) {
                assertThat(echo(ssh, "kbd-login")).isEqualTo("kbd-login");
            }
            assertThat(person.prompts()).hasSize(1).first().asString().startsWith("(ops@127.0.0.1) ").containsIgnoringCase("password");
        } finally {
            server.stop(true);
        }
    }

    @Test
    void aWrongPasswordIsAFailedLoginNamingWhatWasTried() throws Exception {
        SshServer server = passwordServer("password");
        try {
            ScriptedPrompter person = new ScriptedPrompter("nope", "still nope", "no");
            assertThatThrownBy(() -> loginTo(server, person)).isInstanceOf(CollectException.class)
                    .hasMessageStartingWith("authentication failed for ops@127.0.0.1:" + server.getPort())
                    .hasMessageContaining("a password typed");
        } finally {
            server.stop(true);
        }
    }
}
