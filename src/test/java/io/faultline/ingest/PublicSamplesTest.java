package io.faultline.ingest;

import io.faultline.capture.SourceKind;
import io.faultline.model.Diagnostic;
import io.faultline.model.EpochNanos;
import io.faultline.model.Evidence;
import io.faultline.model.Series;
import io.faultline.model.Span;
import io.faultline.model.SpanKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every real file of ../shared/samples/public, imported with its kind left to detection, no window
 * (so the year comes from the bundle's creation) and no zone (UTC assumed).
 */
class PublicSamplesTest {
    private static final Path PUBLIC = TestBundles.SAMPLES.resolve("public");

    @TempDir
    Path dir;

    private Evidence ingest(String file) throws Exception {
        byte[] bytes = Files.readAllBytes(PUBLIC.resolve(file));
        return TestBundles.ingest(dir, null, null, List.of(TestBundles.host("h", null, 0)),
                List.of(new TestBundles.Entry("imported/" + file, "h", SourceKind.UNKNOWN, bytes)));
    }

    private static SourceKind detect(String file) throws Exception {
        return FormatDetector.detect(file, Files.readAllBytes(PUBLIC.resolve(file)));
    }

    private static List<String> problems(Evidence ev) {
        return ev.diagnostics().stream().filter(d -> d.level() != Diagnostic.Level.INFO).map(Diagnostic::describe).toList();
    }

    @Test
    void dockerEventsWithoutLegacyFields() throws Exception {
        assertThat(detect("docker-events-02.jsonl")).isEqualTo(SourceKind.DOCKER_EVENTS);
        Evidence ev = ingest("docker-events-02.jsonl");
        assertThat(ev.events()).extracting(e -> e.message()).containsExactly("container create dreamy_goldstine",
                "container attach dreamy_goldstine", "network connect bridge container=4ac3bba8abd6");
        assertThat(EpochNanos.iso(ev.events().getFirst().timeNanos())).isEqualTo("2023-08-27T20:35:08.190136885Z");
        assertThat(ev.events()).allMatch(e -> "4ac3bba8abd68961e627540fed81ad16d55b88e45629d7cdb792126d09b6488d".equals(e.containerId()));
        assertThat(ev.containers()).singleElement().satisfies(c -> assertThat(c.name()).isEqualTo("dreamy_goldstine"));
        assertThat(problems(ev)).isEmpty();
    }

    @Test
    void inspectTimingOutForever() throws Exception {
        assertThat(detect("inspect-health-01.json")).isEqualTo(SourceKind.DOCKER_INSPECT);
        Evidence ev = ingest("inspect-health-01.json");
        List<Span> runs = ev.spans().stream().filter(s -> s.kind() == SpanKind.HEALTHCHECK_RUN).toList();
        assertThat(runs).hasSize(2).allSatisfy(r -> {
            assertThat(r.exitCode()).isEqualTo(-1);
            assertThat(r.durationNanos()).isBetween(30_000_000_000L, 30_001_000_000L);
            assertThat(r.output()).isEqualTo("Health check exceeded timeout (30s)");
        });
        // FinishedAt is the zero time and the container runs: up from StartedAt to its last health run.
        Span up = ev.spans().stream().filter(s -> s.kind() == SpanKind.CONTAINER_UP).findFirst().orElseThrow();
        assertThat(EpochNanos.iso(up.startNanos())).isEqualTo("2019-03-13T05:59:18.097558457Z");
        assertThat(up.endNanos()).isEqualTo(runs.getLast().endNanos());
        assertThat(up.exitCode()).isNull();
        assertThat(ev.containers()).singleElement().satisfies(c -> assertThat(c.healthStatus()).isEqualTo("unhealthy"));
        assertThat(problems(ev)).isEmpty();
    }

    @Test
    void iostatJsonWithStrayCommaAndDateOnly() throws Exception {
        assertThat(detect("iostat-json-01.json")).isEqualTo(SourceKind.IOSTAT_JSON);
        Evidence ev = ingest("iostat-json-01.json");
        Series util = ev.series().stream().filter(s -> s.metric().equals("util")).findFirst().orElseThrow();
        assertThat(util.device()).isEqualTo("sdc");
        assertThat(util.valueAt(0)).isEqualTo(100.0);
        assertThat(EpochNanos.iso(util.timeAt(0))).isEqualTo("2019-04-23T00:00:00.000000000Z");
        assertThat(problems(ev)).anyMatch(p -> p.contains("line 11 byte 372") && p.contains("removed a stray comma"))
                .anyMatch(p -> p.contains("iostat ran without -t") && p.contains("00:00 of the header date 2019-04-23"));
        assertThat(ev.sources()).singleElement().satisfies(s -> assertThat(s.kind()).isEqualTo("iostat-json"));
        Series tps = ev.series().stream().filter(s -> s.metric().equals("tps")).findFirst().orElseThrow();
        assertThat(tps.valueAt(0)).as("r/s + w/s + d/s").isEqualTo(287.0);
    }

    @Test
    void journalJsonWithByteArrayMessageAndNoTime() throws Exception {
        assertThat(detect("journal-json-01.json")).isEqualTo(SourceKind.JOURNAL_JSON);
        Evidence ev = ingest("journal-json-01.json");
        // The sample's fields were elided, its timestamp with them: it cannot go on the timeline, and says so.
        assertThat(ev.events()).isEmpty();
        assertThat(problems(ev)).singleElement().satisfies(p -> assertThat(p)
                .contains("journal-json-01.json line 1 byte 0").contains("no __REALTIME_TIMESTAMP")
                .contains("Nov-29 00:48:17.779 [bot-sdkAppservice] \u001b[32minfo\u001b[39m: ["));
    }

    @Test
    void journalShortHealthcheckMountLines() throws Exception {
        assertThat(detect("journal-short-01.txt")).isEqualTo(SourceKind.JOURNAL_SHORT);
        Evidence ev = ingest("journal-short-01.txt");
        assertThat(ev.events()).hasSize(8).allSatisfy(e -> {
            assertThat(e.containerId()).hasSize(64);
            assertThat(e.identifier()).isEqualTo("systemd");
            assertThat(e.unit()).endsWith(".mount");
            assertThat(e.truncated()).isFalse();
        });
        assertThat(ev.events()).extracting(e -> e.fields().get("_PID")).containsExactly("1157", "1", "1", "1157", "1", "1157", "1157", "1");
        assertThat(ev.events().stream().map(e -> e.containerId()).distinct()).hasSize(4);
        // each exec is logged by systemd[1] and systemd[1157], in either order: one run per container
        List<Span> runs = ev.spans().stream().filter(s -> s.kind() == SpanKind.HEALTHCHECK_RUN).toList();
        assertThat(runs).hasSize(4).allSatisfy(r -> {
            assertThat(r.exitCode()).isNull();
            assertThat(r.durationNanos()).isZero();
            assertThat(r.output()).isEqualTo(JournalHealthRuns.OUTPUT);
            assertThat(r.startNanos()).isEqualTo(ev.events().getFirst().timeNanos());
        });
        assertThat(runs).extracting(Span::containerId).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(ev.events().stream().map(e -> e.containerId()).distinct().toList());
        assertThat(runs).extracting(r -> r.origin().line()).containsExactly(1L, 3L, 5L, 7L);
        assertThat(problems(ev)).isEmpty();
    }

    @Test
    void journalShortBurstKeepsOrder() throws Exception {
        assertThat(detect("journal-short-02.txt")).isEqualTo(SourceKind.JOURNAL_SHORT);
        Evidence ev = ingest("journal-short-02.txt");
        assertThat(ev.events()).hasSize(13);
        assertThat(ev.events()).extracting(e -> e.origin().line()).isSorted();
        assertThat(ev.events().subList(0, 8)).allSatisfy(e -> {
            assertThat(e.identifier()).isEqualTo("sshd-session");
            assertThat(e.message()).isEqualTo("error: no more sessions");
        });
        assertThat(ev.events().getLast().identifier()).isEqualTo("systemd-logind");
        assertThat(ev.diagnostics()).anyMatch(d -> d.reason().contains("assumed: the manifest gives no zone for host h"));
        assertThat(problems(ev)).isEmpty();
    }

    @Test
    void sadfFromCommaDecimalLocale() throws Exception {
        assertThat(detect("sadf-01.json")).isEqualTo(SourceKind.SADF_JSON);
        Evidence ev = ingest("sadf-01.json");
        // Repaired (9 decimal commas, one missing comma) but it holds paging statistics only: no disk series.
        assertThat(ev.series()).isEmpty();
        assertThat(problems(ev)).anyMatch(p -> p.contains("line 15") && p.contains("9 numbers with a decimal comma"))
                .anyMatch(p -> p.contains("inserted a missing comma"))
                .anyMatch(p -> p.contains("1 of 1 samples of host h hold no disk statistics"));
    }
}
