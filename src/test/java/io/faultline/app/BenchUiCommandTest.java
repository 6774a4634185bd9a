package io.faultline.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A test-sized run of {@code faultline bench-ui}: the report is complete and sane; no speed is asserted. */
class BenchUiCommandTest {
    /** More than the log table's window ({@code LogTable.WINDOW}), so its scroll bar and moving window are driven. */
    private static final int EVENTS = 3_000;

    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("testfx.robot", "glass");
    }

    @Test
    void drivesTheWindowAtNAndAtAHundredEventsAndReportsEveryKindOfStep() throws Exception {
        Path png = dir.resolve("window.png");
        Cli r = Cli.run("bench-ui", "--events", Integer.toString(EVENTS), "--json", "--png", png.toString(), "--keep", dir.resolve("bench").toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(names(j)).containsExactly("jvm", "processors", "maxHeapBytes", "runs");
        JsonNode runs = j.get("runs");
        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).get("entries").asLong()).isEqualTo(EVENTS);
        assertThat(runs.get(1).get("entries").asLong()).isEqualTo(BenchUiCommand.SMALL);
        for (JsonNode run : runs) {
            assertThat(names(run)).containsExactly("entries", "fileBytes", "openSeconds", "frames");
            JsonNode f = run.get("frames");
            long events = run.get("entries").asLong();
            assertThat(names(f)).containsExactly("events", "width", "height", "showBuildMillis", "showPulseMillis", "showMillis",
                    "showStallMillis", "tableRows", "kinds");
            assertThat(f.get("events").asLong()).isEqualTo(events);
            assertThat(f.get("tableRows").asLong()).as("every event is a row at the whole window").isEqualTo(events);
            assertThat(f.get("width").asInt()).isEqualTo(1600);
            assertThat(f.get("height").asInt()).isEqualTo(1000);
            assertThat(f.get("showBuildMillis").asDouble()).isPositive();
            assertThat(f.get("showPulseMillis").asDouble()).isPositive();
            assertThat(f.get("showMillis").asDouble()).isCloseTo(f.get("showBuildMillis").asDouble() + f.get("showPulseMillis").asDouble(),
                    org.assertj.core.data.Offset.offset(0.01));
            List<String> kinds = new ArrayList<>();
            for (JsonNode k : f.get("kinds")) {
                kinds.add(k.get("name").asText());
                assertThat(names(k)).containsExactly("name", "how", "steps", "medianMillis", "p95Millis", "maxMillis", "medianActionMillis",
                        "medianLayoutMillis", "medianSyncMillis", "maxStallMillis");
                double median = k.get("medianMillis").asDouble();
                assertThat(median).as(k.get("name").asText()).isPositive();
                assertThat(k.get("p95Millis").asDouble()).isGreaterThanOrEqualTo(median);
                assertThat(k.get("maxMillis").asDouble()).isGreaterThanOrEqualTo(k.get("p95Millis").asDouble());
                assertThat(k.get("medianActionMillis").asDouble()).isPositive();
                assertThat(k.get("medianLayoutMillis").asDouble()).isPositive();
                assertThat(k.get("medianSyncMillis").asDouble()).isGreaterThanOrEqualTo(0);
                assertThat(k.get("maxStallMillis").asDouble()).isPositive();
                assertThat(k.get("how").asText()).isNotBlank();
            }
            assertThat(kinds).containsExactly("zoom", "pan", "scroll", "jump");
            assertThat(f.get("kinds").get(0).get("steps").asInt()).isEqualTo(30);
            assertThat(f.get("kinds").get(1).get("steps").asInt()).isEqualTo(30);
            assertThat(f.get("kinds").get(2).get("steps").asInt()).isEqualTo(50);
            assertThat(f.get("kinds").get(3).get("steps").asInt()).isEqualTo(10);
        }
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1600);
        assertThat(image.getHeight()).isEqualTo(1000);
    }

    private static List<String> names(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
