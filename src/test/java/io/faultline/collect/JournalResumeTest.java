package io.faultline.collect;

import io.faultline.capture.Bundle;
import io.faultline.capture.Manifest;
import io.faultline.capture.SourceKind;
import io.faultline.testbed.Testbed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The testbed's journal pulled through a relay that cuts the connection mid-stream on purpose: the capture connects
 * again and resumes the journal from the last complete entry's cursor. The entries stored are compared, cursor by
 * cursor, with a direct {@code journalctl} of the same window through the OpenSSH client.
 */
class JournalResumeTest {
    private static final Duration SILENCE = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final List<SourceProgress> progress = new CopyOnWriteArrayList<>();

    @Test
    void aCompressedJournalCutMidStreamResumesWithoutGapsOrDuplicates() throws Exception {
        resumes(CapturePolicy.DEFAULT.withRetryDelays(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2))), 300_000);
    }

    @Test
    void anUncompressedJournalCutMidStreamResumesWithoutGapsOrDuplicates() throws Exception {
        resumes(CapturePolicy.DEFAULT.withRetryDelays(List.of(Duration.ofSeconds(1))).withCompress(false), 2_000_000);
    }

    @Test
    void aJournalStalledMidStreamIsDroppedAfterTheSilenceTimeoutAndResumes() throws Exception {
        resumes(CapturePolicy.DEFAULT.withRetryDelays(List.of(Duration.ofSeconds(1))).withCompress(false), -1,
                "no answer from %s for 10 s while running " + Pattern.quote("'journalctl' '-o' 'json' '--since' '@")
                        + "\\d+' '--until' … \\(server frozen or overloaded\\?\\); the connection was dropped");
    }

    private void resumes(CapturePolicy policy, long cutAfter) throws Exception {
        resumes(policy, cutAfter, "connection to %s lost while running " + Pattern.quote("'journalctl' '-o' 'json' '--since' '@")
                + "\\d+' '--until' …");
    }

    /** With {@code cutAfter} -1 the first connection stalls after 2 MB instead of being cut. */
    private void resumes(CapturePolicy policy, long cutAfter, String why) throws Exception {
        Testbed tb = Testbed.require();
        try (FreezingProxy proxy = new FreezingProxy(tb.port())) {
            if (cutAfter < 0) {
                proxy.stallAfter(2_000_000);
            } else {
                proxy.cutAfter(cutAfter);
            }
            Path out = dir.resolve("resumed.flcap");

            CaptureResult result = capture(tb, proxy, policy, out, new CancelToken());

            assertThat(proxy.awaitCut(Duration.ZERO)).as("the relay cut the first connection").isTrue();
            assertThat(proxy.accepted()).isEqualTo(2);
            assertThat(result.partial()).isFalse();
            try (Bundle b = Bundle.open(out)) {
                Manifest m = b.manifest();
                assertThat(b.verify()).isEmpty();
                assertThat(m.partial()).isFalse();
                Manifest.Entry journal = entry(m, SourceKind.JOURNAL_JSON);
                assertThat(journal.complete()).isTrue();
                assertThat(journal.exitCode()).isZero();
                List<String> stored = JournalCursors.of(b.readEntry(journal.path()));
                List<String> direct = JournalCursors.direct(tb, journal.command());
                assertThat(direct).hasSizeGreaterThan(1000).doesNotHaveDuplicates();
                assertThat(stored).hasSameSizeAs(direct).isEqualTo(direct);
                assertThat(m.diagnostics()).noneMatch(p -> p.level().equals("error"));
                assertThat(m.diagnostics()).filteredOn(p -> p.reason().startsWith("connection lost")).singleElement()
                        .satisfies(p -> {
                            assertThat(p.level()).isEqualTo("warning");
                            assertThat(p.entry()).isEqualTo(journal.path());
                            Matcher at = Pattern.compile("^connection lost after \\d+\\.\\d MB of the journal at cursor (s=[^ ]+) "
                                    + "\\(" + String.format(why, Pattern.quote(target(tb, proxy).toString()))
                                    + "\\); resumed after \\d+ s \\(try 1 of "
                                    + policy.retryDelays().size() + "\\)$").matcher(p.reason());
                            assertThat(at.find()).as(p.reason()).isTrue();
                            assertThat(direct).contains(at.group(1));
                        });
                assertThat(m.entries()).filteredOn(e -> e.sourceKind() != SourceKind.JOURNAL_JSON)
                        .isNotEmpty().allSatisfy(e -> assertThat(e.complete()).isTrue());
                if (policy.compress()) {
                    assertThat(m.diagnostics()).filteredOn(p -> p.level().equals("info")).anySatisfy(p -> {
                        Matcher mb = Pattern.compile("^output compressed on 127\\.0\\.0\\.1 with gzip -1: (\\d+\\.\\d) MB of output "
                                + "came over the connection as (\\d+\\.\\d) MB$").matcher(p.reason());
                        assertThat(mb.find()).as(p.reason()).isTrue();
                        assertThat(Double.parseDouble(mb.group(2))).isLessThan(Double.parseDouble(mb.group(1)) / 3);
                    });
                }
            }
            assertThat(progress).filteredOn(p -> p.source().equals("journal")).last().satisfies(p -> {
                assertThat(p.state()).isEqualTo(SourceProgress.State.DONE);
            });
        }
    }

    @Test
    void aServerThatStaysAwayIsGivenUpOnAfterTheTriesKeepingWholeEntries() throws Exception {
        Testbed tb = Testbed.require();
        try (FreezingProxy proxy = new FreezingProxy(tb.port())) {
            proxy.cutAfter(2_000_000);
            proxy.refuseAfterCut();
            Path out = dir.resolve("given-up.flcap");
            CapturePolicy policy = CapturePolicy.DEFAULT.withCompress(false)
                    .withRetryDelays(List.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400)));

            CaptureResult result = capture(tb, proxy, policy, out, new CancelToken());

            assertThat(proxy.accepted()).isEqualTo(4);
            assertThat(result.partial()).isTrue();
            try (Bundle b = Bundle.open(out)) {
                Manifest m = b.manifest();
                assertThat(b.verify()).isEmpty();
                Manifest.Entry journal = entry(m, SourceKind.JOURNAL_JSON);
                assertThat(journal.complete()).isFalse();
                byte[] kept = b.readEntry(journal.path());
                assertThat(kept[kept.length - 1]).as("ends with a whole line").isEqualTo((byte) '\n');
                List<String> stored = JournalCursors.of(kept);
                List<String> direct = JournalCursors.direct(tb, journal.command());
                assertThat(stored).isNotEmpty().isEqualTo(direct.subList(0, stored.size()));
                assertThat(m.entries()).noneMatch(e -> e.sourceKind() == SourceKind.DOCKER_PS);
                assertThat(m.diagnostics()).filteredOn(p -> p.level().equals("error")).singleElement()
                        .satisfies(p -> assertThat(p.reason())
                                .startsWith("capture cut short: connection to " + target(tb, proxy) + " lost while running "
                                        + "'journalctl' '-o' 'json' '--since' '@")
                                .contains("; gave up after 3 tries to connect again (last: ")
                                .contains("closed by the other side while logging in"));
                assertThat(progress).filteredOn(p -> p.source().equals("journal")).last()
                        .isEqualTo(new SourceProgress("127.0.0.1", "journal", journal.bytes(), stored.size(),
                                SourceProgress.State.CUT));
            }
        }
    }

    @Test
    void aCancelWhileWaitingToConnectAgainEndsTheCaptureAtOnce() throws Exception {
        Testbed tb = Testbed.require();
        try (FreezingProxy proxy = new FreezingProxy(tb.port())) {
            proxy.cutAfter(2_000_000);
            Path out = dir.resolve("cancelled-wait.flcap");
            CancelToken cancel = new CancelToken();
            CapturePolicy policy = CapturePolicy.DEFAULT.withCompress(false).withRetryDelays(List.of(Duration.ofSeconds(60)));
            long[] cancelledAt = new long[1];
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    if (proxy.awaitCut(Duration.ofSeconds(60))) {
                        TimeUnit.MILLISECONDS.sleep(1500);
                        cancelledAt[0] = System.nanoTime();
                        cancel.cancel();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });

            CaptureResult result = capture(tb, proxy, policy, out, cancel);

            assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt[0])).isLessThan(Duration.ofSeconds(2));
            assertThat(proxy.accepted()).isEqualTo(1);
            assertThat(result.partial()).isTrue();
            try (Bundle b = Bundle.open(out)) {
                Manifest m = b.manifest();
                assertThat(b.verify()).isEmpty();
                assertThat(entry(m, SourceKind.JOURNAL_JSON).complete()).isFalse();
                assertThat(m.diagnostics()).noneMatch(p -> p.level().equals("error"));
            }
            assertThat(progress).filteredOn(p -> p.source().equals("journal")).last()
                    .satisfies(p -> assertThat(p.state()).isEqualTo(SourceProgress.State.CANCELLED));
        }
    }

    private CaptureResult capture(Testbed tb, FreezingProxy proxy, CapturePolicy policy, Path out, CancelToken cancel)
            throws Exception {
        SshTarget target = target(tb, proxy);
        Path kh = knownHostsFor(tb.knownHosts(), "[127.0.0.1]:" + tb.port(), proxy.port());
        // a window that ended before the capture: the direct journalctl afterwards sees the same entries
        Instant until = Instant.now().minusSeconds(5);
        return new RemoteCapture("faultline test", progress::add, Runnable::run, Duration.ofSeconds(10), SILENCE, policy)
                .capture(new CaptureRequest(target, tb.key(), kh, until.minus(Duration.ofHours(1)), until, out), cancel);
    }

    private static SshTarget target(Testbed tb, FreezingProxy proxy) {
        return new SshTarget(tb.user(), tb.host(), proxy.port());
    }

    private Path knownHostsFor(Path knownHosts, String name, int port) throws Exception {
        String line = Files.readAllLines(knownHosts).stream().filter(l -> l.startsWith(name + " ")).findFirst().orElseThrow();
        return Files.writeString(dir.resolve("known_hosts_relay"), "[127.0.0.1]:" + port + line.substring(name.length()) + "\n");
    }

    private static Manifest.Entry entry(Manifest m, SourceKind kind) {
        return m.entries().stream().filter(e -> e.sourceKind() == kind).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " entry in " + m.entries()));
    }
}
