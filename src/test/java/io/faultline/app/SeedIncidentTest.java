package io.faultline.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.capture.Bundle;
import io.faultline.ingest.Ingestor;
import io.faultline.model.EpochNanos;
import io.faultline.model.Event;
import io.faultline.model.Evidence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The seed incident of DESIGN.md, read from ../shared/samples as a user would import it. */
class SeedIncidentTest {
    private static final Path SEED = Path.of("..", "shared", "samples", "seed-incident");

    @TempDir
    Path tmp;

    @Test
    void importsWithYearInferredCutLinesMarkedAndThe30sHealthcheck() throws Exception {
        Path bundle = tmp.resolve("seed.flcap");
        Cli imp = Cli.run("import", SEED.resolve("journal-short.txt").toString(), SEED.resolve("docker-inspect.json").toString(),
                "--zone", "UTC", "-o", bundle.toString());
        assertThat(imp.code()).as(imp.err()).isZero();
        assertThat(imp.out()).contains("journal-short", "docker-inspect");

        JsonNode summary = Cli.run("summary", bundle.toString(), "--json").json();
        JsonNode journal = source(summary, "journal-short");
        assertThat(journal.path("events").asInt()).isEqualTo(90);
        assertThat(journal.path("diagnostics").asInt()).isOne();
        assertThat(summary.path("diagnosticMessages")).singleElement().satisfies(d -> assertThat(d.asText())
                .startsWith("INFO raw/imported/01-journal-short.txt")
                .contains("year 2025 taken from the bundle's dated sources"));
        JsonNode container = summary.path("containers").get(0);
        assertThat(container.path("id").asText()).startsWith("e8963ebd088b");
        assertThat(container.at("/healthcheck/intervalMs").asLong()).isEqualTo(30_000);
        assertThat(container.at("/healthcheck/timeoutMs").asLong()).isEqualTo(3_000);
        assertThat(container.at("/healthcheck/retries").asInt()).isEqualTo(3);
        // 5 Health.Log runs + 38 runc exec mount lines in the journal (days apart: none merged)
        assertThat(container.path("healthRuns").asInt()).isEqualTo(43);

        try (Bundle b = Bundle.open(bundle)) {
            Evidence ev = Ingestor.ingest(b);
            List<Event> journalEvents = ev.events().stream().filter(e -> e.source().equals("journal-short")).toList();
            Event first = journalEvents.getFirst();
            assertThat(first.timeText()).startsWith("Oct 05 15:00:25");
            assertThat(EpochNanos.iso(first.timeNanos())).isEqualTo("2025-10-05T15:00:25.000000000Z");
            assertThat(journalEvents).filteredOn(Event::truncated).hasSize(42);
            assertThat(first.truncated()).isTrue();
            assertThat(first.containerId()).startsWith("e8963ebd088b");
            assertThat(journalEvents.getLast().message()).isEqualTo("snapd.service: Watchdog timeout (limit 5min)!");
        }
    }

    private static JsonNode source(JsonNode summary, String kind) {
        for (JsonNode s : summary.path("sources")) {
            if (s.path("kind").asText().equals(kind)) {
                return s;
            }
        }
        throw new AssertionError("no source of kind " + kind + " in " + summary);
    }
}
