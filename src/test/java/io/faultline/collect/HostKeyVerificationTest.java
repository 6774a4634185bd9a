package io.faultline.collect;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator;
import org.apache.sshd.server.shell.ProcessShellCommandFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Host key checks against a real SSH server (Apache MINA SSHD) on 127.0.0.1 and a random port. */
class HostKeyVerificationTest {
    private static final String USER = "ops";

    @TempDir
    Path dir;
    private SshServer server;
    private KeyPair serverKey;
    private Path identity;
    private SshTarget target;

    @BeforeEach
    void startServer() throws Exception {
        serverKey = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        identity = dir.resolve("id_ecdsa");
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ecdsa", "-b", "256", "-N", "", "-f", identity.toString())
                .redirectErrorStream(true).start();
        assertThat(keygen.waitFor()).as(new String(keygen.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(serverKey));
        server.setPublickeyAuthenticator(new AuthorizedKeysAuthenticator(dir.resolve("id_ecdsa.pub")));
        server.setCommandFactory(new ProcessShellCommandFactory());
        server.start();
        target = new SshTarget(USER, "127.0.0.1", server.getPort());
    }

    @AfterEach
    void stopServer() throws Exception {
        server.stop(true);
    }

    private Path knownHosts(String... lines) throws Exception {
        Path kh = dir.resolve("known_hosts");
        Files.writeString(kh, String.join("\n", lines) + "\n");
        return kh;
    }

    private static String hashed(String hostName) throws Exception {
        byte[] salt = new byte[20];
        for (int i = 0; i < salt.length; i++) {
            salt[i] = (byte) (i * 7 + 3);
        }
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(salt, "HmacSHA1"));
        byte[] hash = mac.doFinal(hostName.getBytes(StandardCharsets.US_ASCII));
        return "|1|" + Base64.getEncoder().encodeToString(salt) + "|" + Base64.getEncoder().encodeToString(hash);
    }

    @Test
    void unknownKeyIsRefusedWithItsFingerprintAndWhatToDo() throws Exception {
        KeyPair other = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        Path kh = knownHosts("[127.0.0.1]:1 " + PublicKeyEntry.toString(other.getPublic()),
                // an entry for the right address on port 22 must not match another port
                "127.0.0.1 " + PublicKeyEntry.toString(serverKey.getPublic()));
        String before = Files.readString(kh);
        String fingerprint = KeyUtils.getFingerPrint(serverKey.getPublic());
        assertThat(fingerprint).startsWith("SHA256:");

        assertThatThrownBy(() -> SshSession.connect(target, identity, kh, Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(HostKeyRejectedException.class, e -> {
                    assertThat(e.fingerprint()).isEqualTo(fingerprint);
                    assertThat(e.changed()).isFalse();
                })
                .hasMessageContaining("refused")
                .hasMessageContaining("[127.0.0.1]:" + target.port() + " is not in " + kh)
                .hasMessageContaining("ecdsa-sha2-nistp256 key " + fingerprint)
                .hasMessageContaining("ssh-keyscan -p " + target.port() + " 127.0.0.1 >> " + kh);
        assertThat(Files.readString(kh)).isEqualTo(before);
    }

    @Test
    void changedKeyIsRefusedWithTheNewFingerprint() throws Exception {
        KeyPair old = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        Path kh = knownHosts("[127.0.0.1]:" + target.port() + " " + PublicKeyEntry.toString(old.getPublic()));
        String fingerprint = KeyUtils.getFingerPrint(serverKey.getPublic());

        assertThatThrownBy(() -> SshSession.connect(target, identity, kh, Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(HostKeyRejectedException.class, e -> {
                    assertThat(e.fingerprint()).isEqualTo(fingerprint);
                    assertThat(e.changed()).isTrue();
                })
                .hasMessageContaining("has CHANGED")
                .hasMessageContaining(fingerprint)
                .hasMessageContaining("ssh-keygen -R '[127.0.0.1]:" + target.port() + "' -f " + kh);
        assertThat(Files.readString(kh)).contains(PublicKeyEntry.toString(old.getPublic()));
    }

    @Test
    void knownKeyIsAcceptedAndCommandsRun() throws Exception {
        Path kh = knownHosts("[127.0.0.1]:" + target.port() + " " + PublicKeyEntry.toString(serverKey.getPublic()));
        try (SshSession ssh = SshSession.connect(target, identity, kh, Duration.ofSeconds(5))) {
            assertThat(ssh.hostKeySha256()).isEqualTo(KeyUtils.getFingerPrint(serverKey.getPublic()));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ExecResult r = ssh.exec("echo hello", "echo", out, new CancelToken());
            assertThat(r.exitCode()).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("hello\n");
            assertThat(r.bytes()).isEqualTo(6);
        }
    }

    @Test
    void hashedKnownHostsEntryIsAccepted() throws Exception {
        Path kh = knownHosts(hashed("[127.0.0.1]:" + target.port()) + " " + PublicKeyEntry.toString(serverKey.getPublic()));
        try (SshSession ssh = SshSession.connect(target, identity, kh, Duration.ofSeconds(5))) {
            assertThat(ssh.hostKeySha256()).isEqualTo(KeyUtils.getFingerPrint(serverKey.getPublic()));
        }
    }

    @Test
    void hashedEntryOfAnotherHostDoesNotMatch() throws Exception {
        Path kh = knownHosts(hashed("[127.0.0.2]:" + target.port()) + " " + PublicKeyEntry.toString(serverKey.getPublic()));
        assertThatThrownBy(() -> SshSession.connect(target, identity, kh, Duration.ofSeconds(5)))
                .isInstanceOf(HostKeyRejectedException.class)
                .hasMessageContaining("is not in");
    }

    @Test
    void portTwentyTwoEntriesDoNotVouchForAnotherPort() throws Exception {
        String key = PublicKeyEntry.toString(serverKey.getPublic());
        for (String line : new String[] {"127.0.0.1 " + key, hashed("127.0.0.1") + " " + key, "localhost,127.0.0.1 " + key}) {
            Path kh = knownHosts(line);
            assertThatThrownBy(() -> SshSession.connect(target, identity, kh, Duration.ofSeconds(5)))
                    .as(line)
                    .isInstanceOfSatisfying(HostKeyRejectedException.class, e -> assertThat(e.changed()).isFalse())
                    .hasMessageContaining("is not in");
        }
    }

    @Test
    void aClosedPortIsNamed() throws Exception {
        Path kh = knownHosts("[127.0.0.1]:" + target.port() + " " + PublicKeyEntry.toString(serverKey.getPublic()));
        server.stop(true);
        assertThatThrownBy(() -> SshSession.connect(target, identity, kh, Duration.ofSeconds(5)))
                .isInstanceOf(CollectException.class)
                .hasMessageContaining("cannot connect to ops@127.0.0.1:" + target.port());
    }

    @Test
    void aCancelBeforeConnectingIsReported() throws Exception {
        Path kh = knownHosts("[127.0.0.1]:" + target.port() + " " + PublicKeyEntry.toString(serverKey.getPublic()));
        CancelToken cancel = new CancelToken();
        cancel.cancel();
        assertThatThrownBy(() -> SshSession.connect(target, identity, kh, Duration.ofSeconds(5), SshSession.DEFAULT_SILENCE_TIMEOUT, cancel))
                .isInstanceOf(CollectException.class)
                .hasMessage("cancelled while connecting to ops@127.0.0.1:" + target.port() + "; nothing was captured");
    }
}
