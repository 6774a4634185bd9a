package io.faultline.collect;

import io.faultline.capture.Bundle;
import io.faultline.capture.Manifest;
import io.faultline.capture.SourceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A source other than the journal cut by a dropped connection (Apache MINA SSHD killing the connection mid-output of
 * docker inspect, once): its entry keeps what arrived, marked incomplete; the capture connects again and goes on with
 * the sources after it, which run for real on this machine.
 */
class SourceReconnectTest {
    @TempDir
    Path dir;

    @Test
    void aCutDockerInspectIsKeptIncompleteAndTheCaptureGoesOnAfterConnectingAgain() throws Exception {
        byte[] half = "[\n    {\n        \"Id\": \"0123456789ab".getBytes(StandardCharsets.UTF_8);
        AtomicInteger inspects = new AtomicInteger();
        List<SourceProgress> progress = new CopyOnWriteArrayList<>();
        try (TestSshServer server = TestSshServer.start(dir, List.of("/bin/sh", "-c"),
                command -> command.contains("'docker' 'inspect'") && inspects.incrementAndGet() == 1
                        ? TestSshServer.dropConnectionAfter(half) : null)) {
            TestSshServer.Host host = server.host();
            Path out = dir.resolve("inspect-cut.flcap");
            Instant now = Instant.now();
            CapturePolicy policy = CapturePolicy.DEFAULT.withCompress(false).withRetryDelays(List.of(Duration.ofMillis(200)));

            CaptureResult result = new RemoteCapture("faultline test", progress::add, Runnable::run, Duration.ofSeconds(10),
                    Duration.ofSeconds(5), policy)
                    .capture(new CaptureRequest(host.target(), host.identity(), host.knownHosts(), now.minusSeconds(600), now, out),
                            new CancelToken());

            assertThat(inspects).hasValue(1);
            assertThat(result.partial()).isTrue();
            try (Bundle b = Bundle.open(out)) {
                Manifest m = b.manifest();
                assertThat(b.verify()).isEmpty();
                assertThat(m.partial()).isTrue();
                Manifest.Entry inspect = entry(m, SourceKind.DOCKER_INSPECT);
                assertThat(inspect.complete()).isFalse();
                assertThat(b.readEntry(inspect.path())).isEqualTo(half);
                assertThat(entry(m, SourceKind.JOURNAL_JSON).complete()).isTrue();
                assertThat(entry(m, SourceKind.DOCKER_EVENTS).complete()).isTrue();
                assertThat(entry(m, SourceKind.DOCKER_EVENTS).exitCode()).isZero();
                assertThat(m.entries()).filteredOn(e -> e.sourceKind() == SourceKind.SADF_JSON).isNotEmpty()
                        .allSatisfy(e -> assertThat(e.complete()).isTrue());
                assertThat(m.diagnostics()).noneMatch(p -> p.level().equals("error"));
                assertThat(m.diagnostics()).filteredOn(p -> p.reason().startsWith("connection lost")).singleElement()
                        .satisfies(p -> {
                            assertThat(p.level()).isEqualTo("warning");
                            assertThat(p.entry()).isEqualTo(inspect.path());
                            assertThat(p.reason()).matches("connection lost after 0\\.0 MB of docker-inspect \\(connection to "
                                    + "ops@127\\.0\\.0\\.1:" + host.target().port() + " lost while running 'docker' 'inspect' "
                                    + "[0-9a-f' …]+\\); the entry keeps what arrived, marked incomplete; connected again "
                                    + "after 0 s \\(try 1 of 1\\) and went on with the next source");
                        });
            }
            assertThat(progress).filteredOn(p -> p.source().equals("docker-inspect")).last()
                    .isEqualTo(new SourceProgress("127.0.0.1", "docker-inspect", half.length, 2, SourceProgress.State.CUT));
        }
    }

    private static Manifest.Entry entry(Manifest m, SourceKind kind) {
        return m.entries().stream().filter(e -> e.sourceKind() == kind).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " entry in " + m.entries()));
    }
}
