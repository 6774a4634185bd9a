package io.faultline.ingest;

import io.faultline.model.Diagnostic;
import io.faultline.model.EpochNanos;
import io.faultline.model.Event;
import io.faultline.model.TimeWindow;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** Single parsers on small inputs, through the same context and collector the Ingestor uses. */
class ParserDetailsTest {
    private static final EntryContext CTX = new EntryContext("e", "h", ZoneId.of("UTC"), true, 0,
            new TimeWindow(EpochNanos.of(Instant.parse("2025-10-05T00:00:00Z")), EpochNanos.of(Instant.parse("2025-10-06T00:00:00Z"))),
            null, null, null);

    private static Collector parse(SourceParser p, String text) {
        Collector out = new Collector();
        out.beginEntry();
        p.parse(CTX, text.getBytes(StandardCharsets.UTF_8), out);
        out.endEntry();
        return out;
    }

    @Test
    void healthcheckZerosAreDockerDefaults() {
        Collector out = parse(new DockerInspectParser(), "[{\"Id\":\"" + "ab".repeat(32) + "\",\"Name\":\"/x\",\"State\":{},"
                + "\"Config\":{\"Healthcheck\":{\"Test\":[\"CMD\",\"true\"],\"Interval\":0,\"Timeout\":0,\"Retries\":0}}}]");
        assertThat(out.containers()).singleElement().satisfies(c -> {
            assertThat(c.healthcheck().intervalNanos()).isEqualTo(30_000_000_000L);
            assertThat(c.healthcheck().timeoutNanos()).isEqualTo(30_000_000_000L);
            assertThat(c.healthcheck().retries()).isEqualTo(3);
        });
        assertThat(out.diagnostics()).extracting(Diagnostic::describe).containsExactly(
                "INFO e line 1 byte 1: healthcheck settings left at 0 mean docker's defaults: Interval=30s, Timeout=30s, Retries=3");
    }

    @Test
    void healthcheckNoneIsNoHealthcheck() {
        Collector out = parse(new DockerInspectParser(), "{\"Id\":\"" + "cd".repeat(32) + "\",\"Config\":{\"Healthcheck\":{\"Test\":[\"NONE\"]}}}");
        assertThat(out.containers()).singleElement().satisfies(c -> assertThat(c.healthcheck()).isNull());
    }

    @Test
    void aBareValueBetweenJournalObjectsIsReportedAndSkipped() {
        Collector out = parse(new JournalJsonParser(), "\"stray\"\n{\"__REALTIME_TIMESTAMP\":\"1759676425000000\",\"MESSAGE\":\"ok\"}\n");
        assertThat(out.events()).extracting(Event::message).containsExactly("ok");
        assertThat(out.diagnostics()).extracting(Diagnostic::describe).containsExactly(
                "ERROR e line 1 byte 0: journal JSON: expected a JSON object or array, found value_string 'stray'");
    }

    @Test
    void dockerdContainerKeyValueLinksTheContainer() {
        Collector out = parse(new JournalShortParser(),
                "Oct 05 15:00:00 h dockerd[9]: level=error msg=\"stream copy error\" container=0123456789abcdef0123 module=x\n");
        assertThat(out.events()).singleElement().satisfies(e -> assertThat(e.containerId()).isEqualTo("0123456789abcdef0123"));
    }

    @Test
    void shortIsoAndPreciseTimes() {
        Collector out = parse(new JournalShortParser(), "2025-10-05T17:00:25.250+0200 h app[1]: iso\n"
                + "Oct 05 15:00:26.123456 h app[1]: precise\n");
        assertThat(out.events()).extracting(e -> EpochNanos.iso(e.timeNanos()))
                .containsExactly("2025-10-05T15:00:25.250000000Z", "2025-10-05T15:00:26.123456000Z");
    }
}
