package io.faultline.export;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.capture.Json;
import io.faultline.model.AnnotationLayer;
import io.faultline.model.EpochNanos;
import io.faultline.model.Evidence;
import io.faultline.model.HostInfo;
import io.faultline.model.Series;
import io.faultline.model.TimeWindow;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JsonExporterTest {

    private static JsonNode export(ExportOptions o) throws IOException {
        return export(o, IncidentFixture.annotations());
    }

    private static JsonNode export(ExportOptions o, AnnotationLayer ann) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonExporter.export(IncidentFixture.evidence(), ann, o, out);
        return Json.mapper().readTree(out.toByteArray());
    }

    private static long nanos(String iso) {
        return EpochNanos.of(Instant.parse(iso));
    }

    @Test
    void wholeWindowMatchesTheExpectedFile() throws IOException {
        JsonNode actual = export(new ExportOptions(null, "Freeze of 5 Oct"));
        String actualText = Json.mapper().writeValueAsString(actual);
        Path dump = Path.of("target", "export-test", "incident-timeline.actual.json");
        Files.createDirectories(dump.getParent());
        Files.writeString(dump, actualText);
        JsonNode expected;
        try (InputStream in = JsonExporterTest.class.getResourceAsStream("incident-timeline.json")) {
            assertThat(in).as("expected file incident-timeline.json").isNotNull();
            expected = Json.mapper().readTree(in);
        }
        assertThat(actualText).as("export differs from the expected file; actual written to " + dump)
                .isEqualTo(Json.mapper().writeValueAsString(expected));
    }

    @Test
    void wholeWindowHasEverythingWithNanosecondTimes() throws IOException {
        JsonNode root = export(ExportOptions.whole());
        assertThat(root.path("schema").asText()).isEqualTo("faultline-timeline");
        assertThat(root.path("version").asInt()).isEqualTo(1);
        assertThat(root.path("title").asText()).isEqualTo(ExportOptions.DEFAULT_TITLE);
        assertThat(root.path("window").path("from").asText()).isEqualTo("2025-10-05T14:50:00.000000000Z");
        assertThat(root.path("events")).hasSize(IncidentFixture.evidence().events().size());
        assertThat(root.path("events").get(0).path("time").asText()).isEqualTo("2025-10-05T14:50:05.412337000Z");
        assertThat(root.path("spans")).hasSize(42);
        assertThat(root.path("series")).hasSize(4);
        assertThat(root.path("series").get(0).path("points")).hasSize(30);
        assertThat(root.path("annotations")).hasSize(2);
        assertThat(root.path("links")).hasSize(1);
        assertThat(root.path("links").get(0).path("label").asText()).isEqualTo("causes");
        assertThat(root.path("hosts").get(0).path("utcOffsets").get(0).path("text").asText()).isEqualTo("+08:00");
        assertThat(root.has("eventsOmitted")).isFalse();
    }

    @Test
    void rangeExportKeepsOnlyWhatOverlaps() throws IOException {
        long from = nanos("2025-10-05T15:00:00Z");
        long to = nanos("2025-10-05T15:05:00Z");
        JsonNode root = export(new ExportOptions(new TimeWindow(from, to), "last five minutes"));
        assertThat(root.path("window").path("from").asText()).isEqualTo("2025-10-05T15:00:00.000000000Z");
        assertThat(root.path("window").path("to").asText()).isEqualTo("2025-10-05T15:05:00.000000000Z");

        long expectedEvents = IncidentFixture.evidence().events().stream()
                .filter(e -> e.timeNanos() >= from && e.timeNanos() < to).count();
        assertThat(expectedEvents).isEqualTo(11); // 10 mount lines + the watchdog timeout
        assertThat(root.path("events")).hasSize(11);
        for (JsonNode e : root.path("events")) {
            long t = nanos(e.path("time").asText());
            assertThat(t).isBetween(from, to - 1);
        }
        assertThat(texts(root.path("events"), "message")).contains("snapd.service: Watchdog timeout (limit 5min)!");
        // health runs starting 15:00:12 .. 15:04:42 (10), no worker up period (the loop ended 14:56:55)
        assertThat(root.path("spans")).hasSize(10);
        for (JsonNode s : root.path("spans")) {
            assertThat(nanos(s.path("end").asText())).isGreaterThanOrEqualTo(from);
            assertThat(nanos(s.path("start").asText())).isLessThan(to);
        }
        for (JsonNode s : root.path("series")) {
            assertThat(s.path("points")).hasSize(10);
            assertThat(s.path("points").get(0).get(0).asText()).isEqualTo("2025-10-05T15:00:00.000000000Z");
        }
        // the disk note (until 15:02) overlaps, the probe note (14:57:12) does not, so the link between them goes
        assertThat(texts(root.path("annotations"), "id")).containsExactly(IncidentFixture.NOTE_DISK);
        assertThat(root.path("links")).isEmpty();
        assertThat(root.path("containers")).hasSize(2);
    }

    @Test
    void rangeAroundTheProbeKeepsBothNotesAndTheLink() throws IOException {
        JsonNode root = export(new ExportOptions(new TimeWindow(nanos("2025-10-05T14:57:00Z"),
                nanos("2025-10-05T14:57:30Z")), null));
        assertThat(texts(root.path("annotations"), "id"))
                .containsExactly(IncidentFixture.NOTE_DISK, IncidentFixture.NOTE_PROBE);
        assertThat(texts(root.path("links"), "id")).containsExactly("l-1");
        // the worker's last up period ended 14:56:55, so only the probe run is left
        assertThat(texts(root.path("spans"), "id")).containsExactly(IncidentFixture.TIMEOUT_RUN_ID);
    }

    @Test
    void hostZonesGiveEveryOffsetInTheWindowAndUnknownZonesNone() throws IOException {
        // Berlin leaves summer time at 01:00 UTC on 26 Oct 2025
        long from = nanos("2025-10-26T00:00:00Z");
        long to = nanos("2025-10-26T03:00:00Z");
        Evidence ev = new Evidence(new TimeWindow(from, to),
                List.of(new HostInfo("berlin", "Europe/Berlin", 0, 0), new HostInfo("fixed", "+05:45", 0, 0),
                        new HostInfo("odd", "Mars/Olympus_Mons", 0, 0)),
                List.of(), List.of(), List.of(new Series("berlin", "sda", "util", "%",
                        new long[] {from, from + 1, to}, new double[] {Double.NaN, 50.0, 60.0})),
                List.of(), List.of(), List.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonExporter.export(ev, AnnotationLayer.empty(), ExportOptions.whole(), out);
        JsonNode hosts = Json.mapper().readTree(out.toByteArray()).path("hosts");
        JsonNode berlin = hosts.get(0).path("utcOffsets");
        assertThat(berlin).hasSize(2);
        assertThat(berlin.get(0).path("text").asText()).isEqualTo("+02:00");
        assertThat(berlin.get(1).path("from").asText()).isEqualTo("2025-10-26T01:00:00.000000000Z");
        assertThat(berlin.get(1).path("seconds").asInt()).isEqualTo(3600);
        assertThat(hosts.get(1).path("utcOffsets").get(0).path("text").asText()).isEqualTo("+05:45");
        assertThat(hosts.get(2).path("utcOffsets")).isEmpty();
        JsonNode points = Json.mapper().readTree(out.toByteArray()).path("series").get(0).path("points");
        assertThat(points).hasSize(2); // the point at `to` is outside the half-open window
        assertThat(points.get(0).get(1).isNull()).isTrue();
        assertThat(points.get(1).get(1).asDouble()).isEqualTo(50.0);
    }

    @Test
    void leavesTheStreamOpen() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        java.io.FilterOutputStream out = new java.io.FilterOutputStream(bytes) {
            @Override
            public void close() {
                throw new AssertionError("exporter closed the caller's stream");
            }
        };
        JsonExporter.export(IncidentFixture.evidence(), AnnotationLayer.empty(), ExportOptions.whole(), out);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith("{").endsWith("}");
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }
}
