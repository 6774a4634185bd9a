package io.faultline.ingest;

import io.faultline.capture.SourceKind;
import io.faultline.model.Container;
import io.faultline.model.Diagnostic;
import io.faultline.model.EpochNanos;
import io.faultline.model.Evidence;
import io.faultline.model.Span;
import io.faultline.model.SpanKind;
import io.faultline.model.TimeWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static io.faultline.ingest.TestBundles.entry;
import static io.faultline.ingest.TestBundles.host;
import static org.assertj.core.api.Assertions.assertThat;

/** Real {@code docker inspect} output of the testbed containers: array, one object, .State, .State.Health and null. */
class DockerInspectRealTest {
    private static final String HEALTH_ID = "50039a09466fcd1e1cb6a0dd776d846f7d494868127903d6982b7f65e02d536b";
    private static final EntryContext CTX = new EntryContext("e", "h", ZoneId.of("UTC"), true, 0,
            new TimeWindow(EpochNanos.of(Instant.parse("2026-12-03T19:00:00Z")), EpochNanos.of(Instant.parse("2026-12-03T20:00:00Z"))),
            null, null, null);

    @TempDir
    Path dir;

    private static Collector parse(String fixture) throws Exception {
        byte[] data = TestBundles.fixture(fixture);
        assertThat(FormatDetector.detect(fixture, data)).as(fixture).isEqualTo(SourceKind.DOCKER_INSPECT);
        Collector out = new Collector();
        out.beginEntry();
        new DockerInspectParser().parse(CTX, data, out);
        out.endEntry();
        return out;
    }

    private static long runs(Collector out) {
        return out.spans().stream().filter(s -> s.kind() == SpanKind.HEALTHCHECK_RUN).count();
    }

    @Test
    void arrayOfTwo() throws Exception {
        Collector out = parse("inspect-real-array.json");
        assertThat(out.containers()).extracting(c -> c.name() + " " + c.restartPolicy() + " " + c.healthStatus() + " "
                        + c.healthcheck().intervalNanos())
                .containsExactly("fl-health unless-stopped healthy 2000000000", "fl-crashloop always starting 3000000000");
        assertThat(runs(out)).isEqualTo(10);
        assertThat(out.diagnostics()).isEmpty();
    }

    @Test
    void oneObject() throws Exception {
        Collector out = parse("inspect-real-object.json");
        assertThat(out.containers()).extracting(Container::id).containsExactly(HEALTH_ID);
        assertThat(runs(out)).isEqualTo(5);
        assertThat(out.diagnostics()).isEmpty();
    }

    @Test
    void justTheState() throws Exception {
        Collector out = parse("inspect-real-state.json");
        assertThat(out.containers()).extracting(Container::healthStatus).containsExactly("healthy");
        assertThat(out.spans()).filteredOn(s -> s.kind() == SpanKind.CONTAINER_UP).extracting(s -> EpochNanos.iso(s.startNanos()))
                .containsExactly("2026-12-03T18:54:31.263955097Z");
        assertThat(runs(out)).isEqualTo(5);
        assertThat(out.diagnostics()).extracting(Diagnostic::level).containsExactly(Diagnostic.Level.INFO);
    }

    /** {@code --format '{{json .State.Health}}'} for fl-health, fl-crashloop and a container without a healthcheck. */
    @Test
    void justTheHealthAndNull() throws Exception {
        Collector out = parse("inspect-real-health.json");
        assertThat(out.containers()).extracting(Container::id)
                .containsExactly("unknown-e", "unknown-e-1");
        assertThat(runs(out)).isEqualTo(10);
        assertThat(out.spans()).extracting(Span::exitCode).contains(0, 1);
        assertThat(out.diagnostics()).extracting(Diagnostic::describe).containsExactly(
                "INFO e line 3 byte 1319: 'null' where inspect output was expected: docker prints that for .State.Health of a container "
                        + "without a healthcheck",
                "INFO e line 1 byte 0: inspect output without container Id (only .State.Health): its runs are kept under container "
                        + "'unknown-e'",
                "INFO e line 2 byte 668: inspect output without container Id (only .State.Health): its runs are kept under container "
                        + "'unknown-e-1'");
    }

    @Test
    void arrayWithEventsThroughTheIngest() throws Exception {
        Evidence ev = TestBundles.ingest(dir, "2026-12-03T19:18:40Z", "2026-12-03T19:35:00Z", List.of(host("vm", "UTC", 0)), List.of(
                entry("inspect-real-array.json", "vm", SourceKind.UNKNOWN), entry("events-text.txt", "vm", SourceKind.UNKNOWN)));
        assertThat(ev.containers()).extracting(Container::name).contains("fl-health", "fl-crashloop");
        EvidenceJson.assertMatches(ev, "inspect-real-with-events");
    }
}
