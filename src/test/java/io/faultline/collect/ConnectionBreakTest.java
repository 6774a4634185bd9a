package io.faultline.collect;

import io.faultline.capture.Bundle;
import io.faultline.capture.Manifest;
import io.faultline.capture.SourceKind;
import io.faultline.testbed.Testbed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Connections that break on purpose: a server dropped mid-output (as when its sshd is killed), a channel closed
 * without an exit status, and a server that freezes (a relay that stops passing bytes, as SIGSTOP on sshd does).
 * Each leaves a valid partial bundle whose cut entry is marked incomplete and whose error names the command.
 */
class ConnectionBreakTest {
    private static final Duration SILENCE = Duration.ofSeconds(3);
    private static final int CUT_AT = 61;
    /** No reconnecting and no compression: a break ends the capture, as these tests look at the break itself. */
    static final CapturePolicy AS_BEFORE = CapturePolicy.DEFAULT.withRetryDelays(List.of()).withCompress(false);

    @TempDir
    Path dir;

    private final List<SourceProgress> progress = new CopyOnWriteArrayList<>();

    @Test
    void aClockProbeCutByADroppedConnectionIsIncompleteAndNotParsed() throws Exception {
        byte[] probe = localClockProbeOutput();
        assertThat(probe.length).isGreaterThan(CUT_AT);
        byte[] cut = Arrays.copyOf(probe, CUT_AT);
        try (TestSshServer server = TestSshServer.start(dir, List.of("/bin/sh", "-c"),
                command -> command.equals(ClockProbe.COMMAND) ? TestSshServer.dropConnectionAfter(cut) : null)) {
            TestSshServer.Host host = server.host();
            Path out = dir.resolve("clock-cut.flcap");

            CaptureResult result = capture(host.target(), host, out, progress::add);

            assertThat(result.partial()).isTrue();
            try (Bundle b = Bundle.open(out)) {
                Manifest m = b.manifest();
                assertThat(b.verify()).isEmpty();
                assertThat(m.partial()).isTrue();
                assertThat(m.hosts()).isEmpty();
                Manifest.Entry clock = m.entries().getFirst();
                assertThat(m.entries()).hasSize(1);
                assertThat(clock.sourceKind()).isEqualTo(SourceKind.HOST_CLOCK);
                assertThat(clock.complete()).isFalse();
                assertThat(clock.exitCode()).isNull();
                assertThat(clock.bytes()).isEqualTo(CUT_AT);
                assertThat(b.readEntry(clock.path())).isEqualTo(cut);
                assertThat(m.diagnostics()).singleElement().satisfies(p -> {
                    assertThat(p.level()).isEqualTo("error");
                    assertThat(p.reason()).isEqualTo("capture cut short: connection to ops@127.0.0.1:" + host.target().port()
                            + " lost while running " + ClockProbe.LABEL);
                });
            }
            assertThat(progress.getLast()).isEqualTo(new SourceProgress("127.0.0.1", "clock", CUT_AT,
                    new String(cut, StandardCharsets.UTF_8).chars().filter(c -> c == '\n').count(), SourceProgress.State.CUT));
        }
    }

    @Test
    void aConnectionDroppedWhileLoggingInIsNotCalledAnAuthenticationFailure() throws Exception {
        try (TestSshServer server = TestSshServer.droppingAtLogin(dir)) {
            TestSshServer.Host host = server.host();
            Path out = dir.resolve("never.flcap");

            assertThatThrownBy(() -> capture(host.target(), host, out, progress::add))
                    .isInstanceOf(CollectException.class)
                    .hasMessageStartingWith("the connection to ops@127.0.0.1:" + host.target().port()
                            + " was closed by the other side while logging in (")
                    .hasMessageEndingWith("); nothing was captured. Was sshd restarted or killed, or is it refusing new "
                            + "connections (MaxStartups)?");
            assertThat(out).doesNotExist();
            assertThat(progress).isEmpty();
        }
    }

    @Test
    void aChannelClosedWithoutAnExitStatusCutsItsEntryAndTheCapture() throws Exception {
        byte[] half = "[\n    {\n        \"Id\": \"0123456789ab".getBytes(StandardCharsets.UTF_8);
        try (TestSshServer server = TestSshServer.start(dir, List.of("/bin/sh", "-c"),
                command -> command.contains("'docker' 'inspect'") ? TestSshServer.closeChannelAfter(half) : null)) {
            TestSshServer.Host host = server.host();
            Path out = dir.resolve("inspect-cut.flcap");

            CaptureResult result = capture(host.target(), host, out, progress::add);

            assertThat(result.partial()).isTrue();
            try (Bundle b = Bundle.open(out)) {
                Manifest m = b.manifest();
                assertThat(b.verify()).isEmpty();
                assertThat(m.partial()).isTrue();
                assertThat(m.hosts()).hasSize(1);
                assertThat(entry(m, SourceKind.JOURNAL_JSON).complete()).isTrue();
                assertThat(entry(m, SourceKind.DOCKER_PS).complete()).isTrue();
                Manifest.Entry inspect = entry(m, SourceKind.DOCKER_INSPECT);
                assertThat(inspect.complete()).isFalse();
                assertThat(inspect.exitCode()).isNull();
                assertThat(b.readEntry(inspect.path())).isEqualTo(half);
                assertThat(m.entries()).noneMatch(e -> e.sourceKind() == SourceKind.DOCKER_EVENTS || e.sourceKind() == SourceKind.SADF_JSON);
                assertThat(m.diagnostics()).filteredOn(p -> p.level().equals("error")).singleElement()
                        .satisfies(p -> assertThat(p.reason()).isEqualTo("capture cut short: 'docker' 'inspect' … on ops@127.0.0.1:"
                                + host.target().port() + " ended without an exit status: the server closed its channel "
                                + "(the command killed by a signal, or the server going down)"));
            }
            assertThat(progress).filteredOn(p -> p.source().equals("docker-inspect")).last()
                    .isEqualTo(new SourceProgress("127.0.0.1", "docker-inspect", half.length, 2, SourceProgress.State.CUT));
        }
    }

    @Test
    void aFrozenRealSshdIsNamedWhenNoChannelOpens() throws Exception {
        Testbed tb = Testbed.require();
        try (FreezingProxy proxy = new FreezingProxy(tb.port())) {
            SshTarget target = new SshTarget(tb.user(), tb.host(), proxy.port());
            Path kh = knownHostsFor(tb.knownHosts(), "[127.0.0.1]:" + tb.port(), proxy.port());
            Path out = dir.resolve("frozen-open.flcap");
            long started = System.nanoTime();

            CaptureResult result = capture(target, new TestSshServer.Host(target, tb.key(), kh), out, p -> {
                progress.add(p);
                if (p.source().equals("journal")) {
                    proxy.freeze();
                }
            });

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(SILENCE);
            assertThat(result.partial()).isTrue();
            try (Bundle b = Bundle.open(out)) {
                Manifest m = b.manifest();
                assertThat(b.verify()).isEmpty();
                assertThat(m.partial()).isTrue();
                assertThat(m.hosts()).hasSize(1);
                assertThat(entry(m, SourceKind.HOST_CLOCK).complete()).isTrue();
                Manifest.Entry journal = entry(m, SourceKind.JOURNAL_JSON);
                assertThat(journal.complete()).isFalse();
                assertThat(journal.bytes()).isZero();
                assertThat(m.diagnostics()).filteredOn(p -> p.level().equals("error")).singleElement()
                        .satisfies(p -> assertThat(p.reason())
                                .startsWith("capture cut short: no answer from " + target + " for 3 s while opening a channel for "
                                        + "'journalctl' '-o' 'json' '--since' '@")
                                .contains(" … (server frozen or overloaded?)"));
            }
            assertThat(progress.getLast()).isEqualTo(new SourceProgress("127.0.0.1", "journal", 0, 0, SourceProgress.State.CUT));
        }
    }

    @Test
    void aCancelWhileAChannelWaitsToOpenEndsTheCaptureAtOnce() throws Exception {
        Testbed tb = Testbed.require();
        try (FreezingProxy proxy = new FreezingProxy(tb.port())) {
            SshTarget target = new SshTarget(tb.user(), tb.host(), proxy.port());
            Path kh = knownHostsFor(tb.knownHosts(), "[127.0.0.1]:" + tb.port(), proxy.port());
            Path out = dir.resolve("cancel-open.flcap");
            CancelToken cancel = new CancelToken();
            Instant now = Instant.now();
            long[] cancelledAt = new long[1];
            RemoteCapture capture = new RemoteCapture("faultline test", p -> {
                progress.add(p);
                if (p.source().equals("journal") && !p.done()) {
                    proxy.freeze();
                    Thread.ofPlatform().start(() -> {
                        try {
                            Thread.sleep(300);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        cancelledAt[0] = System.nanoTime();
                        cancel.cancel();
                    });
                }
            }, Runnable::run, Duration.ofSeconds(10), SshSession.DEFAULT_SILENCE_TIMEOUT, AS_BEFORE);

            CaptureResult result = capture.capture(new CaptureRequest(target, tb.key(), kh, now.minusSeconds(600), now, out), cancel);

            // the channel open would wait out the 30 s silence timeout without the wake-up
            assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt[0])).isLessThan(Duration.ofSeconds(10));
            assertThat(result.partial()).isTrue();
            try (Bundle b = Bundle.open(out)) {
                assertThat(b.verify()).isEmpty();
                assertThat(b.manifest().diagnostics()).noneMatch(p -> p.level().equals("error"));
                assertThat(entry(b.manifest(), SourceKind.JOURNAL_JSON).complete()).isFalse();
            }
            assertThat(progress.getLast()).isEqualTo(new SourceProgress("127.0.0.1", "journal", 0, 0, SourceProgress.State.CANCELLED));
        }
    }

    @Test
    void aServerFrozenMidOutputIsNamedAndWhatArrivedIsKept() throws Exception {
        try (TestSshServer server = TestSshServer.start(dir, List.of("/bin/sh", "-c"),
                command -> command.contains("'journalctl'") ? TestSshServer.endlessOutput() : null);
             FreezingProxy proxy = new FreezingProxy(server.host().target().port())) {
            SshTarget target = new SshTarget("ops", "127.0.0.1", proxy.port());
            Path kh = knownHostsFor(server.host().knownHosts(), "[127.0.0.1]:" + server.host().target().port(), proxy.port());
            Path out = dir.resolve("frozen-stream.flcap");

            CaptureResult result = capture(target, new TestSshServer.Host(target, server.host().identity(), kh), out, p -> {
                progress.add(p);
                if (p.source().equals("journal") && p.bytes() > 0) {
                    proxy.freeze();
                }
            });

            assertThat(result.partial()).isTrue();
            try (Bundle b = Bundle.open(out)) {
                Manifest m = b.manifest();
                assertThat(b.verify()).isEmpty();
                assertThat(m.partial()).isTrue();
                Manifest.Entry journal = entry(m, SourceKind.JOURNAL_JSON);
                assertThat(journal.complete()).isFalse();
                assertThat(journal.exitCode()).isNull();
                assertThat(journal.bytes()).isPositive();
                assertThat(m.entries()).noneMatch(e -> e.sourceKind() == SourceKind.DOCKER_PS);
                assertThat(m.diagnostics()).filteredOn(p -> p.level().equals("error")).singleElement()
                        .satisfies(p -> assertThat(p.reason())
                                .startsWith("capture cut short: no answer from " + target + " for 3 s while running "
                                        + "'journalctl' '-o' 'json' '--since' '@")
                                .endsWith(" … (server frozen or overloaded?); the connection was dropped"));
                long lines = new String(b.readEntry(journal.path()), StandardCharsets.UTF_8).chars().filter(c -> c == '\n').count();
                assertThat(progress.getLast()).isEqualTo(new SourceProgress("127.0.0.1", "journal", journal.bytes(), lines,
                        SourceProgress.State.CUT));
            }
        }
    }

    private static CaptureResult capture(SshTarget target, TestSshServer.Host host, Path out, CaptureListener listener)
            throws Exception {
        Instant now = Instant.now();
        return new RemoteCapture("faultline test", listener, Runnable::run, Duration.ofSeconds(10), SILENCE, AS_BEFORE)
                .capture(new CaptureRequest(target, host.identity(), host.knownHosts(), now.minusSeconds(600), now, out),
                        new CancelToken());
    }

    /** The known_hosts line of {@code name}, for the relay's port instead. */
    private Path knownHostsFor(Path knownHosts, String name, int port) throws Exception {
        String line = Files.readAllLines(knownHosts).stream().filter(l -> l.startsWith(name + " ")).findFirst().orElseThrow();
        return Files.writeString(dir.resolve("known_hosts_relay"), "[127.0.0.1]:" + port + line.substring(name.length()) + "\n");
    }

    private static byte[] localClockProbeOutput() throws Exception {
        Process p = new ProcessBuilder("/bin/sh", "-c", ClockProbe.COMMAND).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isZero();
        return out;
    }

    private static Manifest.Entry entry(Manifest m, SourceKind kind) {
        return m.entries().stream().filter(e -> e.sourceKind() == kind).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " entry in " + m.entries()));
    }
}
