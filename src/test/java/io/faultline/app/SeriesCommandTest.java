package io.faultline.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.capture.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code faultline series BUNDLE --jsonl}: every sample, one JSON object a line, read back by a script. */
class SeriesCommandTest {
    private static final Path FIXTURES = Path.of("src/test/resources/ingest");

    @TempDir
    Path tmp;

    private Path bundle() throws Exception {
        Path sar = tmp.resolve("sar-d-v10-12h.txt");
        Files.copy(FIXTURES.resolve("sar-d-v10-12h.txt"), sar);
        Path bundle = tmp.resolve("sar.flcap");
        Cli imp = Cli.run("import", sar.toString(), "--zone", "America/New_York", "--host-name", "db1", "-o", bundle.toString());
        assertThat(imp.code()).as(imp.err()).isZero();
        return bundle;
    }

    @Test
    void everySampleAsOneJsonObjectALine() throws Exception {
        Cli cli = Cli.run("series", bundle().toString(), "--jsonl");
        assertThat(cli.code()).as(cli.err()).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String l : cli.out().split("\n")) {
            lines.add(Json.mapper().readTree(l));
        }
        // dev8-0: 4 samples of 8 metrics; dev253-0: 2 samples of 8 (its 12:00:01 AM line is broken).
        assertThat(lines).hasSize(48);
        JsonNode first = lines.getFirst();
        assertThat(first.path("time").asText()).isEqualTo("2027-01-01T04:58:01.000000000Z");
        assertThat(first.path("host").asText()).isEqualTo("db1");
        assertThat(first.path("device").asText()).isEqualTo("dev8-0");
        assertThat(first.path("metric").asText()).isEqualTo("tps");
        assertThat(first.path("value").asDouble()).isEqualTo(12.5);
        assertThat(lines).filteredOn(n -> n.path("metric").asText().equals("util") && n.path("device").asText().equals("dev8-0"))
                .extracting(n -> n.path("time").asText() + "=" + n.path("value").asDouble())
                .containsExactly("2027-01-01T04:58:01.000000000Z=10.0", "2027-01-01T04:59:01.000000000Z=100.0",
                        "2027-01-01T05:00:01.000000000Z=99.9", "2027-01-01T05:02:01.000000000Z=1.0");
        assertThat(lines).filteredOn(n -> n.path("metric").asText().equals("rkB_s")).first()
                .satisfies(n -> assertThat(n.path("value").asDouble()).as("rd_sec/s 100 sectors = 50 kB/s").isEqualTo(50.0));
    }

    @Test
    void rangeAndTextForm() throws Exception {
        Path b = bundle();
        Cli cli = Cli.run("series", b.toString(), "--from", "2027-01-01T04:59:00Z", "--to", "2027-01-01T05:00:00Z");
        assertThat(cli.code()).as(cli.err()).isZero();
        String[] rows = cli.out().split("\n");
        assertThat(rows).hasSize(16).allMatch(r -> r.startsWith("2027-01-01T04:59:01.000000000Z\tdb1\t"));
        assertThat(rows).contains("2027-01-01T04:59:01.000000000Z\tdb1\tdev8-0\tutil\t100.0\t%");
        Cli bad = Cli.run("series", b.toString(), "--from", "yesterday-ish");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--from", "yesterday-ish").doesNotContain("\tat ");
    }
}
