package io.faultline.collect;

import io.faultline.capture.Bundle;
import io.faultline.testbed.Testbed;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator;
import org.apache.sshd.server.forward.AcceptAllForwardingFilter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Captures the real testbed through a jump host: an Apache MINA SSHD bastion on 127.0.0.1 that records every
 * {@code direct-tcpip} connection it is asked to make, so the test sees that the capture really went through it.
 */
class ProxyJumpTestbedTest {
    @TempDir
    Path dir;
    private SshServer bastion;
    private KeyPair bastionKey;
    private Path bastionIdentity;
    private final List<String> forwarded = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startBastion() throws Exception {
        bastionKey = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        bastionIdentity = dir.resolve("id_bastion");
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ecdsa", "-b", "256", "-N", "", "-f", bastionIdentity.toString())
                .redirectErrorStream(true).start();
        assertThat(keygen.waitFor()).as(new String(keygen.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        bastion = SshServer.setUpDefaultServer();
        bastion.setHost("127.0.0.1");
        bastion.setPort(0);
        bastion.setKeyPairProvider(KeyPairProvider.wrap(bastionKey));
        bastion.setPublickeyAuthenticator(new AuthorizedKeysAuthenticator(dir.resolve("id_bastion.pub")));
        bastion.setForwardingFilter(new AcceptAllForwardingFilter() {
            @Override
            public boolean canConnect(Type type, SshdSocketAddress address, Session session) {
                forwarded.add(address.getHostName() + ":" + address.getPort());
                return true;
            }
        });
        bastion.start();
    }

    @AfterEach
    void stopBastion() throws Exception {
        bastion.stop(true);
    }

    private Path knownHosts(Testbed tb, boolean withBastion) throws Exception {
        String lines = Files.readString(tb.knownHosts())
                + (withBastion ? "[127.0.0.1]:" + bastion.getPort() + " " + PublicKeyEntry.toString(bastionKey.getPublic()) + "\n" : "");
        return Files.writeString(dir.resolve("known_hosts"), lines);
    }

    private SshRoute route(Testbed tb, Path knownHosts) {
        SshRoute.Hop jump = SshRoute.Hop.of(new SshTarget("ops", "127.0.0.1", bastion.getPort()), bastionIdentity);
        SshRoute.Hop box = SshRoute.Hop.of(new SshTarget(tb.user(), tb.host(), tb.port()), tb.key());
        return new SshRoute(List.of(jump), box, List.of(knownHosts), null, false, null, null, Prompter.NONE);
    }

    @Test
    void capturesTheTestbedThroughTheBastion() throws Exception {
        Testbed tb = Testbed.require();
        Path out = dir.resolve("jump.flcap");
        Instant now = Instant.now();
        CaptureResult result = new RemoteCapture("faultline test", p -> { }, Runnable::run, Duration.ofSeconds(10))
                .capture(new CaptureRequest(route(tb, knownHosts(tb, true)), now.minusSeconds(300), now, out), new CancelToken());

        assertThat(forwarded).containsExactly(tb.host() + ":" + tb.port());
        assertThat(result.partial()).isFalse();
        assertThat(result.host().name()).isEqualTo(tb.host());
        try (Bundle b = Bundle.open(out)) {
            assertThat(b.verify()).isEmpty();
            assertThat(b.manifest().partial()).isFalse();
            assertThat(b.manifest().entries()).anySatisfy(e -> assertThat(e.path()).endsWith("journal.json"));
        }
    }

    @Test
    void anUnknownBastionKeyStopsBeforeAnythingIsForwarded() throws Exception {
        Testbed tb = Testbed.require();
        SshRoute r = route(tb, knownHosts(tb, false));

        assertThatThrownBy(() -> SshSession.connect(r, Duration.ofSeconds(10), Duration.ofSeconds(30), new CancelToken()))
                .isInstanceOf(HostKeyRejectedException.class)
                .hasMessageStartingWith("refused: the host key of [127.0.0.1]:" + bastion.getPort() + " (hop 1 of 2 on the way to "
                        + tb.user() + "@" + tb.host() + ":" + tb.port() + ") is not in " + dir.resolve("known_hosts"))
                .hasMessageContaining(CheckingHostKeys.fingerprint(blob(bastionKey)));
        assertThat(forwarded).isEmpty();
    }

    @Test
    void aChangedKeyOfTheDestinationBehindTheBastionIsAHardStop() throws Exception {
        Testbed tb = Testbed.require();
        Path other = dir.resolve("other_host_key");
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", other.toString())
                .redirectErrorStream(true).start();
        assertThat(keygen.waitFor()).isZero();
        String[] otherPub = Files.readString(dir.resolve("other_host_key.pub")).split(" ");
        Path kh = Files.writeString(dir.resolve("known_hosts"), "[127.0.0.1]:" + bastion.getPort() + " "
                + PublicKeyEntry.toString(bastionKey.getPublic()) + "\n[" + tb.host() + "]:" + tb.port() + " "
                + otherPub[0] + " " + otherPub[1] + "\n");

        assertThatThrownBy(() -> SshSession.connect(route(tb, kh), Duration.ofSeconds(10), Duration.ofSeconds(30), new CancelToken()))
                .isInstanceOf(HostKeyRejectedException.class)
                .hasMessageContaining("(hop 2 of 2 on the way to")
                .satisfies(e -> assertThat(((HostKeyRejectedException) e).changed()).isTrue());
        assertThat(forwarded).containsExactly(tb.host() + ":" + tb.port());
    }

    @Test
    void aDestinationFrozenBehindALiveBastionIsNamedWithinTheSilenceTimeout() throws Exception {
        Testbed tb = Testbed.require();
        Duration silence = Duration.ofSeconds(3);
        try (FreezingProxy proxy = new FreezingProxy(tb.port())) {
            SshTarget box = new SshTarget(tb.user(), tb.host(), proxy.port());
            Path kh = Files.writeString(dir.resolve("known_hosts"), Files.readString(tb.knownHosts())
                    .replace("[127.0.0.1]:" + tb.port(), "[127.0.0.1]:" + proxy.port())
                    + "[127.0.0.1]:" + bastion.getPort() + " " + PublicKeyEntry.toString(bastionKey.getPublic()) + "\n");
            SshRoute r = new SshRoute(List.of(SshRoute.Hop.of(new SshTarget("ops", "127.0.0.1", bastion.getPort()), bastionIdentity)),
                    SshRoute.Hop.of(box, tb.key()), List.of(kh), null, false, null, null, Prompter.NONE);
            Path out = dir.resolve("frozen-behind-bastion.flcap");
            Instant now = Instant.now();
            long started = System.nanoTime();

            CaptureResult result = new RemoteCapture("faultline test", p -> {
                if (p.source().equals("journal")) {
                    proxy.freeze();
                }
            }, Runnable::run, Duration.ofSeconds(10), silence, ConnectionBreakTest.AS_BEFORE)
                    .capture(new CaptureRequest(r, now.minusSeconds(600), now, out), new CancelToken());

            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(took).isGreaterThanOrEqualTo(silence).isLessThan(Duration.ofSeconds(20));
            assertThat(forwarded).containsExactly("127.0.0.1:" + proxy.port());
            assertThat(result.partial()).isTrue();
            try (Bundle b = Bundle.open(out)) {
                assertThat(b.verify()).isEmpty();
                assertThat(b.manifest().diagnostics()).filteredOn(p -> p.level().equals("error")).singleElement()
                        .satisfies(p -> assertThat(p.reason()).startsWith("capture cut short: no answer from " + box + " for 3 s"));
            }
        }
    }

    private static byte[] blob(KeyPair key) {
        String line = PublicKeyEntry.toString(key.getPublic());
        return java.util.Base64.getDecoder().decode(line.split(" ")[1]);
    }
}
