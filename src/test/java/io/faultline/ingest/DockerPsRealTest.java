package io.faultline.ingest;

import io.faultline.capture.SourceKind;
import io.faultline.model.Container;
import io.faultline.model.Diagnostic;
import io.faultline.model.EpochNanos;
import io.faultline.model.Evidence;
import io.faultline.model.TimeWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static io.faultline.ingest.TestBundles.entry;
import static io.faultline.ingest.TestBundles.host;
import static org.assertj.core.api.Assertions.assertThat;

/** Real {@code docker ps -a} output of this machine's dockerd in every form the CLI prints. */
class DockerPsRealTest {
    private static final EntryContext CTX = new EntryContext("e", "h", ZoneId.of("UTC"), true, 0,
            new TimeWindow(EpochNanos.of(Instant.parse("2026-12-03T19:00:00Z")), EpochNanos.of(Instant.parse("2026-12-03T20:00:00Z"))),
            null, null, null);

    @TempDir
    Path dir;

    private static Collector parse(byte[] data) {
        Collector out = new Collector();
        out.beginEntry();
        new DockerPsParser().parse(CTX, data, out);
        out.endEntry();
        return out;
    }

    private static List<String> rows(Collector out) {
        return out.containers().stream().map((Container c) -> c.shortId() + " " + c.name() + " " + c.image() + " " + c.healthStatus())
                .toList();
    }

    /** -a, -a --no-trunc, -a -s, --format '{{json .}}': the same four containers, ids short or full. */
    @ParameterizedTest
    @ValueSource(strings = {"ps-real-a.txt", "ps-real-notrunc.txt", "ps-real-size.txt", "ps-real.jsonl"})
    void everyFormOfTheSameContainers(String fixture) throws Exception {
        byte[] data = TestBundles.fixture(fixture);
        assertThat(FormatDetector.detect(fixture, data)).isEqualTo(SourceKind.DOCKER_PS);
        Collector out = parse(data);
        assertThat(out.diagnostics()).isEmpty();
        assertThat(rows(out)).containsExactly(
                "1b826b4d6538 fl-i3-exited faultline/busybox:testbed null",
                "a8dd3a3b9b33 fl-i3-created faultline/busybox:testbed null",
                "9d99804d5432 fl-crashloop faultline/busybox:testbed healthy",
                "50039a09466f fl-health faultline/busybox:testbed healthy");
        assertThat(out.containers().getFirst().id()).hasSize(fixture.contains("notrunc") ? 64 : 12);
    }

    @Test
    void customTableColumnsInAnyOrder() throws Exception {
        Collector out = parse(TestBundles.fixture("ps-real-custom.txt"));
        assertThat(out.diagnostics()).isEmpty();
        assertThat(rows(out)).containsExactly("1b826b4d6538 fl-i3-exited null null", "a8dd3a3b9b33 fl-i3-created null null",
                "9d99804d5432 fl-crashloop null healthy", "50039a09466f fl-health null healthy");
    }

    @Test
    void startingHealthWideCharactersAndRowsThatDoNotLineUp() {
        Collector out = parse(("CONTAINER ID   IMAGE     COMMAND   STATUS                           NAMES\n"
                + "0123456789ab   img:1     \"🙂 x\"     Up 1 second (health: starting)   a,b\n"
                + "0123456789ac   img:1 \"x\" Up\n"
                + "0123456789ad   img:2\n").getBytes(StandardCharsets.UTF_8));
        assertThat(rows(out)).containsExactly("0123456789ab a img:1 starting", "0123456789ad  img:2 null");
        assertThat(out.diagnostics()).extracting(Diagnostic::describe).containsExactly(
                "WARNING e line 3 byte 149: docker ps row does not line up with its header (columns start where their header does): "
                        + "'0123456789ac   img:1 \"x\" Up'; row skipped");
    }

    @Test
    void psTablesMergeWithInspectByIdPrefix() throws Exception {
        Evidence ev = TestBundles.ingest(dir, "2026-12-03T19:00:00Z", "2026-12-03T20:00:00Z", List.of(host("vm", "UTC", 0)), List.of(
                entry("ps-real-notrunc.txt", "vm", SourceKind.UNKNOWN), entry("ps-real-a.txt", "vm", SourceKind.UNKNOWN),
                entry("ps-real-custom.txt", "vm", SourceKind.UNKNOWN), entry("ps-real.jsonl", "vm", SourceKind.UNKNOWN)));
        assertThat(ev.containers()).hasSize(4);
        EvidenceJson.assertMatches(ev, "ps-real");
    }
}
