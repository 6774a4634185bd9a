package io.faultline.ingest;

import io.faultline.capture.Bundle;
import io.faultline.capture.SourceKind;
import io.faultline.model.Diagnostic;
import io.faultline.model.EpochNanos;
import io.faultline.model.Event;
import io.faultline.model.Evidence;
import io.faultline.model.TimeWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static io.faultline.ingest.TestBundles.entry;
import static io.faultline.ingest.TestBundles.host;
import static org.assertj.core.api.Assertions.assertThat;

/** A container's json-file log: the id from the file name, 16 KB pieces joined, indented lines continuing. */
class DockerJsonLogTest {
    private static final String ID = "dc35d5cdc474855d611aca1c0e03908172e0f412725c296f5c01e6235472b6b2";

    @TempDir
    Path dir;

    /** Written by dockerd for a busybox container run with --log-driver json-file (a 20 000-byte line, stderr, no last newline). */
    @Test
    void realJsonFileLog() throws Exception {
        Evidence ev = TestBundles.ingest(dir, "2026-12-03T19:20:00Z", "2026-12-03T19:30:00Z", List.of(host("vm", "UTC", 0)),
                List.of(entry(ID + "-json.log", "vm", SourceKind.UNKNOWN)));
        assertThat(ev.sources()).singleElement().satisfies(s -> assertThat(s.kind()).isEqualTo("docker-json-log"));
        assertThat(ev.events()).extracting(e -> e.fields().get("stream") + " " + e.severity() + " "
                        + (e.message().length() > 40 ? e.message().length() + " chars" : e.message()))
                .containsExactly("stdout INFO starting up", "stderr ERR warn: disk slow", "stderr ERR traceback:\n  at a\n  at b",
                        "stdout INFO 20000 chars", "stdout INFO last words without newline");
        assertThat(ev.events()).allSatisfy(e -> assertThat(e.containerId()).isEqualTo(ID));
        Event joined = ev.events().get(3);
        assertThat(joined.message()).matches("x{20000}");
        assertThat(joined.fields()).containsEntry("pieces", "2");
        assertThat(joined.origin().line()).isEqualTo(6);
        EvidenceJson.assertMatches(ev, "docker-json-log");
    }

    @Test
    void interleavedPiecesBadLinesAndNoIdInTheName() {
        EntryContext ctx = new EntryContext("logs/app.log", "h", ZoneId.of("UTC"), true, 0,
                new TimeWindow(EpochNanos.of(Instant.parse("2026-12-03T00:00:00Z")), EpochNanos.of(Instant.parse("2026-12-04T00:00:00Z"))),
                null, null, null);
        Collector out = new Collector();
        out.beginEntry();
        new DockerJsonLogParser().parse(ctx, ("{\"log\":\"out part 1 \",\"stream\":\"stdout\",\"time\":\"2026-12-03T10:00:00.1Z\"}\n"
                + "{\"log\":\"err line\\n\",\"stream\":\"stderr\",\"time\":\"2026-12-03T10:00:00.2Z\",\"attrs\":{\"tag\":\"web\"}}\n"
                + "{\"log\":\"and part 2\\n\",\"stream\":\"stdout\",\"time\":\"2026-12-03T10:00:00.3Z\"}\n"
                + "{\"log\":\"no time\\n\",\"stream\":\"stdout\"}\n"
                + "{\"log\":\"bad time\\n\",\"stream\":\"stdout\",\"time\":\"yesterday\"}\n"
                + "{\"log\":\"cut").getBytes(StandardCharsets.UTF_8), out);
        out.endEntry();
        assertThat(out.events()).extracting(e -> e.id() + " " + EpochNanos.iso(e.timeNanos()) + " " + e.message() + " " + e.containerId()
                + " " + e.fields()).containsExactly(
                "logs/app.log:1 2026-12-03T10:00:00.100000000Z out part 1 and part 2 null {stream=stdout, pieces=2}",
                "logs/app.log:2 2026-12-03T10:00:00.200000000Z err line null {stream=stderr, attrs.tag=web}");
        assertThat(out.diagnostics()).extracting(Diagnostic::describe).containsExactly(
                "INFO logs/app.log: the file name does not carry a container id (<64 hex>-json.log): its events name no container",
                "WARNING logs/app.log line 4 byte 238: docker json-file log line without \"log\" or \"time\"; skipped: "
                        + "{\"log\":\"no time\\n\",\"stream\":\"stdout\"}",
                "WARNING logs/app.log line 5 byte 276: docker json-file log line with unreadable time 'yesterday'; skipped",
                "ERROR logs/app.log line 6 byte 345: docker json-file log: JSON cut short: the value that starts at line 6 (byte 334) "
                        + "ends before it is complete");
    }

    /** Imported as a loose file (entry raw/<host>/NN-<name>): detected by content, the id still read from the name. */
    @Test
    void importedLooseFileKeepsTheIdFromItsName() throws Exception {
        Path file = dir.resolve(ID + "-json.log");
        Files.write(file, TestBundles.fixture(ID + "-json.log"));
        Path bundle = dir.resolve("imported.flcap");
        List<FileImporter.Imported> done = FileImporter.importFiles(new FileImporter.Request(List.of(file), "vm", "UTC", null, null, null),
                bundle, "test");
        assertThat(done).singleElement().satisfies(i -> assertThat(i.kind()).isEqualTo(SourceKind.DOCKER_JSON_LOG));
        try (Bundle b = Bundle.open(bundle)) {
            Evidence ev = Ingestor.ingest(b);
            assertThat(ev.events()).hasSize(5).allSatisfy(e -> assertThat(e.containerId()).isEqualTo(ID));
        }
    }
}
