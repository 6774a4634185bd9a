package io.faultline.app;

import io.faultline.collect.RemoteCommand;
import io.faultline.testbed.Testbed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code faultline capture} on a real terminal (a pseudo-terminal from util-linux {@code script}) against the testbed:
 * it asks about the unknown host key with its fingerprint, adds it on {@code yes}, asks the key's passphrase without
 * echoing it, and captures.
 */
class CaptureTerminalTest {
    private static final String PASSPHRASE = "typed on the terminal";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void asksAboutTheHostKeyAndThePassphraseOnTheTerminal() throws Exception {
        Testbed tb = Testbed.require();
        Path key = dir.resolve("id_locked");
        Files.copy(tb.key(), key);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-p", "-P", "", "-N", PASSPHRASE, "-f", key.toString())
                .redirectErrorStream(true).start();
        assertThat(keygen.waitFor()).isZero();
        Path kh = dir.resolve("known_hosts");
        Path out = dir.resolve("tty.flcap");
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> cli = List.of(java, "-cp", System.getProperty("java.class.path"), CliProcessMain.class.getName(), "capture",
                "--host", tb.user() + "@" + tb.host() + ":" + tb.port(), "--identity", key.toString(), "--known-hosts", kh.toString(),
                "--since", "-2m", "-o", out.toString());
        String line = cli.stream().map(RemoteCommand::quote).collect(Collectors.joining(" "));
        Process p = new ProcessBuilder("script", "-qefc", line, "/dev/null").redirectErrorStream(true).start();
        StringBuffer screen = new StringBuffer();
        Thread reader = Thread.ofPlatform().daemon().start(() -> copy(p.getInputStream(), screen));
        try (OutputStream keyboard = p.getOutputStream()) {
            waitFor(screen, "(yes/no/[fingerprint])? ");
            type(keyboard, "yes");
            waitFor(screen, "Enter passphrase for key '" + key + "': ");
            type(keyboard, PASSPHRASE);
            assertThat(p.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as(screen.toString()).isTrue();
        } finally {
            p.destroy();
        }
        reader.join(WAIT.toMillis());

        String text = screen.toString();
        assertThat(p.exitValue()).as(text).isZero();
        assertThat(text).contains("The authenticity of host '[" + tb.host() + "]:" + tb.port() + "' can't be established.")
                .containsPattern("ED25519 key fingerprint is SHA256:[A-Za-z0-9+/]{43}\\.")
                .contains("Warning: Permanently added '[" + tb.host() + "]:" + tb.port() + "' (ED25519)")
                .contains("bundle written: " + out)
                .doesNotContain(PASSPHRASE);
        assertThat(Files.readString(kh)).startsWith("|1|").contains(" ssh-ed25519 ");
        assertThat(out).isRegularFile();
    }

    private static void type(OutputStream keyboard, String text) throws Exception {
        keyboard.write((text + "\r").getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }

    private static void waitFor(StringBuffer screen, String text) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (screen.indexOf(text) < 0) {
            assertThat(System.nanoTime()).as("waiting for '" + text + "' on the terminal; it shows:\n" + screen).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static void copy(InputStream in, StringBuffer screen) {
        byte[] buf = new byte[4096];
        try {
            for (int n; (n = in.read(buf)) > 0; ) {
                screen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
        } catch (java.io.IOException e) {
            screen.append("\n[read failed: ").append(e.getMessage()).append(']');
        }
    }
}
