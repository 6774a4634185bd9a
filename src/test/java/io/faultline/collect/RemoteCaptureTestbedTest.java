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
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Captures from the real testbed (sshd, journald, dockerd, sadc on this machine). */
class RemoteCaptureTestbedTest {
    @TempDir
    Path dir;

    private static SshTarget target(Testbed tb) {
        return new SshTarget(tb.user(), tb.host(), tb.port());
    }

    @Test
    void capturesTheLastTenMinutes() throws Exception {
        Testbed tb = Testbed.require();
        Path out = dir.resolve("last10.flcap");
        Instant now = Instant.now();
        List<SourceProgress> progress = new CopyOnWriteArrayList<>();
        RemoteCapture capture = new RemoteCapture("faultline test", progress::add, Runnable::run, Duration.ofSeconds(10));

        CaptureResult result = capture.capture(new CaptureRequest(target(tb), tb.key(), tb.knownHosts(),
                now.minus(Duration.ofMinutes(10)), now, out), new CancelToken());

        assertThat(result.partial()).isFalse();
        try (Bundle b = Bundle.open(out)) {
            Manifest m = b.manifest();
            assertThat(b.verify()).isEmpty();
            assertThat(m.partial()).isFalse();
            assertThat(m.window().from()).isEqualTo(now.minus(Duration.ofMinutes(10)).toString());
            assertThat(m.hosts()).hasSize(1);
            Manifest.Host h = m.hosts().getFirst();
            assertThat(h.name()).isEqualTo(tb.host());
            assertThat(h.user()).isEqualTo(tb.user());
            assertThat(h.port()).isEqualTo(tb.port());
            assertThat(h.zone()).isEqualTo("Etc/UTC");
            // same machine, same clock: the offset is within the measured uncertainty (plus rounding)
            assertThat(Math.abs(h.clockOffsetMs())).isLessThanOrEqualTo(h.offsetUncertaintyMs() + 1);
            assertThat(h.offsetUncertaintyMs()).isBetween(0L, 2000L);
            assertThat(h.hostKeySha256()).startsWith("SHA256:").hasSize(50);

            Manifest.Entry clock = entry(m, SourceKind.HOST_CLOCK);
            assertThat(new String(b.readEntry(clock.path()), StandardCharsets.UTF_8)).startsWith("epoch=").contains("offset=+0000");

            Manifest.Entry journal = entry(m, SourceKind.JOURNAL_JSON);
            assertThat(journal.path()).isEqualTo("raw/127.0.0.1/journal.json");
            assertThat(journal.exitCode()).isZero();
            assertThat(journal.bytes()).isPositive();
            assertThat(journal.complete()).isTrue();
            assertThat(journal.command()).startsWith("{ 'nice' '-n' '19' 'ionice' '-c3' 'journalctl' '-o' 'json' '--since' '@")
                    .endsWith("'--no-pager'; echo \"faultline-exit-status $?\" >&2; } | 'nice' '-n' '19' 'ionice' '-c3' gzip -1");
            String firstLine = new String(b.readEntry(journal.path()), StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
            assertThat(firstLine).startsWith("{").contains("\"__REALTIME_TIMESTAMP\"");

            Manifest.Entry ps = entry(m, SourceKind.DOCKER_PS);
            assertThat(ps.exitCode()).isZero();
            String psText = new String(b.readEntry(ps.path()), StandardCharsets.UTF_8);
            assertThat(psText).contains("\"Names\":\"" + tb.healthContainer() + "\"").contains("\"Names\":\"" + tb.crashContainer() + "\"");

            Manifest.Entry inspect = entry(m, SourceKind.DOCKER_INSPECT);
            assertThat(inspect.exitCode()).isZero();
            String inspectText = new String(b.readEntry(inspect.path()), StandardCharsets.UTF_8);
            assertThat(inspectText).contains("\"/" + tb.healthContainer() + "\"").contains("\"Healthcheck\"");

            Manifest.Entry events = entry(m, SourceKind.DOCKER_EVENTS);
            assertThat(events.exitCode()).isZero();
            assertThat(new String(b.readEntry(events.path()), StandardCharsets.UTF_8)).contains("\"Action\":");

            List<Manifest.Entry> sadf = m.entries().stream().filter(e -> e.sourceKind() == SourceKind.SADF_JSON).toList();
            assertThat(sadf).isNotEmpty();
            assertThat(sadf).anySatisfy(e -> {
                assertThat(e.bytes()).isPositive();
                assertThat(e.exitCode()).isZero();
            });
            // the entry of today's day file, bounded to the window widened by 10 minutes and clipped to the day;
            // sadf's -s/-e are in UTC, as is the testbed's zone
            String today = String.format("%02d", now.atZone(java.time.ZoneOffset.UTC).getDayOfMonth());
            Manifest.Entry todays = sadf.stream().filter(e -> e.path().equals("raw/127.0.0.1/sadf-sa" + today + ".json"))
                    .findFirst().orElseThrow();
            String sadfText = new String(b.readEntry(todays.path()), StandardCharsets.UTF_8);
            assertThat(sadfText).contains("\"sysstat\"").contains("\"disk\"");
            Instant dayStart = now.truncatedTo(java.time.temporal.ChronoUnit.DAYS);
            Instant from = Collections.max(List.of(now.minus(Duration.ofMinutes(20)), dayStart));
            Instant to = Collections.min(List.of(now.plus(Duration.ofMinutes(10)), dayStart.plus(Duration.ofDays(1)).minusSeconds(1)));
            java.util.regex.Matcher bounds = java.util.regex.Pattern.compile("'-s' '([0-9:]{8})' '-e' '([0-9:]{8})'")
                    .matcher(todays.command());
            assertThat(bounds.find()).as(todays.command()).isTrue();
            assertThat(Duration.between(utcTime(from), java.time.LocalTime.parse(bounds.group(1))).abs()).isLessThan(Duration.ofSeconds(3));
            assertThat(Duration.between(utcTime(to), java.time.LocalTime.parse(bounds.group(2))).abs()).isLessThan(Duration.ofSeconds(3));
            java.util.regex.Matcher first = java.util.regex.Pattern.compile("\"date\": \"([0-9-]+)\", \"time\": \"([0-9:]+)\"")
                    .matcher(sadfText);
            assertThat(first.find()).isTrue();
            assertThat(Instant.parse(first.group(1) + "T" + first.group(2) + "Z")).isBetween(from.minusSeconds(3), now);
            assertThat(m.entries()).allSatisfy(e -> assertThat(e.complete()).isTrue());
        }
        assertThat(progress).anySatisfy(p -> {
            assertThat(p.source()).isEqualTo("journal");
            assertThat(p.state()).isEqualTo(SourceProgress.State.DONE);
            assertThat(p.bytes()).isPositive();
            assertThat(p.lines()).isPositive();
        });
    }

    @Test
    void cancelMidStreamLeavesAValidPartialBundle() throws Exception {
        Testbed tb = Testbed.require();
        Path out = dir.resolve("cancelled.flcap");
        CancelToken cancel = new CancelToken();
        Instant now = Instant.now();
        List<SourceProgress> progress = new CopyOnWriteArrayList<>();
        RemoteCapture capture = new RemoteCapture("faultline test", p -> {
            progress.add(p);
            if (p.source().equals("journal") && p.bytes() > 0 && !p.done()) {
                cancel.cancel();
            }
        }, Runnable::run, Duration.ofSeconds(10));

        CaptureResult result = capture.capture(new CaptureRequest(target(tb), tb.key(), tb.knownHosts(),
                now.minus(Duration.ofDays(1)), now, out), cancel);

        assertThat(result.partial()).isTrue();
        try (Bundle b = Bundle.open(out)) {
            assertThat(b.manifest().partial()).isTrue();
            assertThat(b.verify()).isEmpty();
            Manifest.Entry journal = entry(b.manifest(), SourceKind.JOURNAL_JSON);
            assertThat(journal.complete()).isFalse();
            assertThat(journal.exitCode()).isNull();
            assertThat(journal.bytes()).isPositive();
            assertThat(b.readEntry(journal.path())).hasSize((int) journal.bytes());
            assertThat(b.manifest().entries()).noneMatch(e -> e.sourceKind() == SourceKind.DOCKER_PS);
            assertThat(entry(b.manifest(), SourceKind.HOST_CLOCK).complete()).isTrue();
            // the journal's last progress says it was cancelled, with what arrived
            assertThat(progress.getLast()).satisfies(p -> {
                assertThat(p.source()).isEqualTo("journal");
                assertThat(p.state()).isEqualTo(SourceProgress.State.CANCELLED);
                assertThat(p.bytes()).isEqualTo(journal.bytes());
            });
        }
        assertThat(progress).filteredOn(p -> p.source().equals("clock")).last()
                .satisfies(p -> assertThat(p.state()).isEqualTo(SourceProgress.State.DONE));
    }

    @Test
    void wrongIdentityIsAClearAuthenticationError() throws Exception {
        Testbed tb = Testbed.require();
        Path wrongKey = dir.resolve("id_wrong");
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", wrongKey.toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor()).as(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        Path out = dir.resolve("never.flcap");
        RemoteCapture capture = new RemoteCapture("faultline test", x -> { }, Runnable::run, Duration.ofSeconds(10));
        Instant now = Instant.now();

        assertThatThrownBy(() -> capture.capture(new CaptureRequest(target(tb), wrongKey, tb.knownHosts(),
                now.minusSeconds(60), now, out), new CancelToken()))
                .isInstanceOf(CollectException.class)
                .hasMessageContaining("authentication failed for " + tb.user() + "@" + tb.host() + ":" + tb.port())
                .hasMessageContaining(wrongKey.toString());
        assertThat(out).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("id_wrong", "id_wrong.pub");
        }
    }

    @Test
    void aMissingSysstatDayIsADiagnosticNotAFailure() throws Exception {
        Testbed tb = Testbed.require();
        Path out = dir.resolve("old.flcap");
        Instant from = Instant.now().minus(Duration.ofDays(4)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        String dd = String.format("%02d", from.atZone(java.time.ZoneOffset.UTC).getDayOfMonth());
        RemoteCapture capture = new RemoteCapture("faultline test", p -> { }, Runnable::run, Duration.ofSeconds(10));

        CaptureResult result = capture.capture(new CaptureRequest(target(tb), tb.key(), tb.knownHosts(), from,
                from.plus(Duration.ofMinutes(30)), out), new CancelToken());

        assertThat(result.partial()).isFalse();
        try (Bundle b = Bundle.open(out)) {
            assertThat(b.verify()).isEmpty();
            assertThat(b.manifest().diagnostics()).anySatisfy(p -> {
                assertThat(p.level()).isEqualTo("warning");
                assertThat(p.entry()).isEqualTo("raw/127.0.0.1/sadf-sa" + dd + ".json");
                assertThat(p.reason()).startsWith("no sysstat file for " + from.atZone(java.time.ZoneOffset.UTC).toLocalDate()
                        + " on 127.0.0.1 (looked for /var/log/sysstat/sa" + dd);
            });
            assertThat(b.manifest().entries()).noneMatch(e -> e.sourceKind() == SourceKind.SADF_JSON);
            assertThat(entry(b.manifest(), SourceKind.JOURNAL_JSON).exitCode()).isZero();
            assertThat(entry(b.manifest(), SourceKind.DOCKER_EVENTS).exitCode()).isZero();
        }
    }

    private static java.time.LocalTime utcTime(Instant t) {
        return t.atZone(java.time.ZoneOffset.UTC).toLocalTime();
    }

    private static Manifest.Entry entry(Manifest m, SourceKind kind) {
        return m.entries().stream().filter(e -> e.sourceKind() == kind).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " entry in " + m.entries()));
    }
}
