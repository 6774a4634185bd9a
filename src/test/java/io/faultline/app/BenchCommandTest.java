package io.faultline.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.testbed.Testbed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.offset;

class BenchCommandTest {
    private static final int EVENTS = 20_000;
    /** Lines of the seed-1 journal of 20,000 entries that hold a failed password from 203.0.113.x. */
    private static final int FAILED_FROM_TEST_NET_3 = 570;
    /** Events of those 20,000 in ssh.service or cron.service whose severity is not INFO. */
    private static final int FACET_FILTERED = 2_023;
    /** Messages of those 20,000 that hold "timed out" or "blocked for more than N seconds" (as many in any case). */
    private static final int TIMED_OUT_OR_BLOCKED = 1_934;
    /** Messages of those 20,000 that hold "Deactivated successfully" (as many in any case). */
    private static final int DEACTIVATED = 12;

    @Test
    void faultlineLnavAndGrepCountTheSameEventsAndHitsAndTheReportHoldsEveryField() {
        requireLnav();
        Cli r = Cli.run("bench", "--events", Integer.toString(EVENTS), "--compare-lnav", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = r.json();

        JsonNode c = j.get("counts");
        assertThat(c.get("generated").asLong()).isEqualTo(EVENTS);
        assertThat(c.get("faultlineEvents").asLong()).isEqualTo(EVENTS);
        assertThat(c.get("lnavEvents").asLong()).isEqualTo(EVENTS);
        assertThat(c.get("grepLines").asLong()).isEqualTo(EVENTS);
        assertThat(c.get("faultlineHits").asLong()).isEqualTo(FAILED_FROM_TEST_NET_3);
        assertThat(c.get("lnavHits").asLong()).isEqualTo(FAILED_FROM_TEST_NET_3);
        assertThat(c.get("grepHits").asLong()).isEqualTo(FAILED_FROM_TEST_NET_3);
        assertThat(c.get("eventsAgree").asBoolean()).isTrue();
        assertThat(c.get("hitsAgree").asBoolean()).isTrue();

        assertThat(names(j)).containsExactly("jvm", "processors", "maxHeapBytes", "loadAverageBefore", "loadAverageAfter", "generated",
                "regex", "loadJvm", "loadJvmPeakRssBytes", "faultline", "lnav", "grep", "counts", "ratios");
        assertThat(j.get("regex").asText()).isEqualTo(BenchCommand.DEFAULT_REGEX);
        JsonNode g = j.get("generated");
        assertThat(names(g)).containsExactly("file", "entries", "bytes", "from", "to", "seed", "seconds");
        assertThat(g.get("bytes").asLong()).isBetween(EVENTS * 800L, EVENTS * 1300L);
        assertThat(g.get("from").asText()).startsWith("2025-10-05T15:00:00");

        JsonNode f = j.get("faultline");
        assertThat(names(f)).containsExactly("events", "errors", "firstError", "fileBytes", "importSeconds", "ingestSeconds",
                "indexSeconds", "loadSeconds", "eventsPerSecond", "megabytesPerSecond", "firstScreenSeconds", "firstScreenBasis",
                "heapBeforeBytes", "peakHeapBytes", "retainedHeapBytes", "retainedBytesPerEvent", "gcCount", "gcMillis", "rssBeforeBytes",
                "peakRssBytes", "zooms", "regexHits", "searches", "reopenSeconds", "reopenFirstScreenSeconds");
        assertThat(f.get("errors").asLong()).isZero();
        assertThat(f.get("firstError").isNull()).isTrue();
        assertThat(f.get("fileBytes").asLong()).isEqualTo(g.get("bytes").asLong());
        for (String positive : List.of("importSeconds", "ingestSeconds", "indexSeconds", "loadSeconds", "eventsPerSecond",
                "megabytesPerSecond", "heapBeforeBytes", "peakHeapBytes", "retainedHeapBytes", "retainedBytesPerEvent", "rssBeforeBytes",
                "peakRssBytes")) {
            assertThat(f.get(positive).asDouble()).as(positive).isPositive();
        }
        double load = f.get("loadSeconds").asDouble();
        assertThat(f.get("importSeconds").asDouble() + f.get("ingestSeconds").asDouble() + f.get("indexSeconds").asDouble())
                .isCloseTo(load, offset(1e-6));
        assertThat(f.get("eventsPerSecond").asDouble()).isCloseTo(EVENTS / load, offset(1e-3));
        assertThat(f.get("firstScreenSeconds").asDouble()).isEqualTo(load);
        assertThat(f.get("reopenFirstScreenSeconds").asDouble()).isEqualTo(f.get("reopenSeconds").asDouble()).isPositive();
        assertThat(f.get("firstScreenBasis").asText()).contains("the file was read before a first look was due");
        assertThat(f.get("peakRssBytes").asLong()).isGreaterThan(f.get("retainedHeapBytes").asLong());
        assertThat(f.get("peakHeapBytes").asLong()).isGreaterThan(f.get("retainedHeapBytes").asLong());
        assertThat(j.get("loadJvm").asText()).startsWith("java -Xmx3g").endsWith("bench-load");
        assertThat(j.get("loadJvmPeakRssBytes").asLong()).isPositive();
        assertThat(j.get("maxHeapBytes").asLong()).isPositive();
        JsonNode zooms = f.get("zooms");
        assertThat(zooms).hasSize(4);
        List<String> seen = new ArrayList<>();
        for (JsonNode z : zooms) {
            assertThat(names(z)).containsExactly("name", "call", "fromNanos", "toNanos", "buckets", "eventsInRange", "medianNanos",
                    "maxNanos", "runs");
            seen.add(z.get("call").asText() + " " + z.get("name").asText());
            assertThat(z.get("buckets").asInt()).isEqualTo(1000);
            assertThat(z.get("runs").asInt()).isEqualTo(31);
            assertThat(z.get("medianNanos").asLong()).isPositive().isLessThanOrEqualTo(z.get("maxNanos").asLong());
            long width = z.get("toNanos").asLong() - z.get("fromNanos").asLong();
            if (z.get("name").asText().equals("full range")) {
                assertThat(z.get("eventsInRange").asLong()).isEqualTo(EVENTS);
            } else {
                assertThat(width).isEqualTo(1_000_000_000L);
                assertThat(z.get("eventsInRange").asLong()).isBetween(100L, 400L);
            }
        }
        assertThat(seen).containsExactly("histogram full range", "histogramBySeverity full range", "histogram deep zoom",
                "histogramBySeverity deep zoom");

        assertThat(f.get("regexHits").asLong()).isEqualTo(FAILED_FROM_TEST_NET_3);
        JsonNode searches = f.get("searches");
        int cores = Runtime.getRuntime().availableProcessors();
        List<String> searched = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        for (JsonNode s : searches) {
            assertThat(names(s)).containsExactly("what", "kind", "threads", "hits", "medianNanos", "maxNanos", "runs");
            searched.add(s.get("what").asText() + " on " + s.get("threads").asInt());
            kinds.add(s.get("kind").asText());
            assertThat(s.get("runs").asInt()).isEqualTo(7);
            assertThat(s.get("medianNanos").asLong()).isPositive().isLessThanOrEqualTo(s.get("maxNanos").asLong());
        }
        String alternation = LoadBench.ALTERNATION_REGEX;
        String text = LoadBench.TEXT;
        assertThat(searched).containsExactly("regex " + BenchCommand.DEFAULT_REGEX + " on 1", "regex " + BenchCommand.DEFAULT_REGEX
                        + " on " + cores, "regex " + BenchCommand.DEFAULT_REGEX + ", ignoring case on 1",
                "regex " + BenchCommand.DEFAULT_REGEX + ", ignoring case on " + cores, "regex " + alternation + " on 1",
                "regex " + alternation + " on " + cores, "regex " + alternation + ", ignoring case on 1",
                "regex " + alternation + ", ignoring case on " + cores, "text " + text + " on 1", "text " + text + " on " + cores,
                "text " + text + ", ignoring case on 1", "text " + text + ", ignoring case on " + cores,
                LoadBench.FACET_FILTER + " on 1", LoadBench.FACET_FILTER + " on " + cores);
        assertThat(kinds).containsExactly("REGEX", "REGEX", "REGEX_IGNORING_CASE", "REGEX_IGNORING_CASE", "REGEX", "REGEX",
                "REGEX_IGNORING_CASE", "REGEX_IGNORING_CASE", "TEXT", "TEXT", "TEXT_IGNORING_CASE", "TEXT_IGNORING_CASE", "FACETS", "FACETS");
        List<Long> hits = new ArrayList<>();
        for (int i = 0; i < searches.size(); i += 2) {
            assertThat(searches.get(i + 1).get("hits").asLong()).isEqualTo(searches.get(i).get("hits").asLong());
            hits.add(searches.get(i).get("hits").asLong());
        }
        assertThat(hits).containsExactly((long) FAILED_FROM_TEST_NET_3, (long) FAILED_FROM_TEST_NET_3, (long) TIMED_OUT_OR_BLOCKED,
                (long) TIMED_OUT_OR_BLOCKED, (long) DEACTIVATED, (long) DEACTIVATED, (long) FACET_FILTERED);

        JsonNode l = j.get("lnav");
        assertThat(names(l)).containsExactly("version", "loadCommand", "formats", "events", "loadSeconds", "peakRssBytes",
                "searchCommand", "hits", "searchRunSeconds", "searchSeconds", "searchPeakRssBytes");
        assertThat(l.get("version").asText()).startsWith("lnav ");
        assertThat(l.get("formats").get("journald_json_log").asLong()).isEqualTo(EVENTS);
        assertThat(l.get("formats")).hasSize(1);
        assertThat(l.get("loadSeconds").asDouble()).isPositive();
        assertThat(l.get("searchRunSeconds").asDouble()).isPositive();
        assertThat(l.get("peakRssBytes").asLong()).isGreaterThan(1L << 20);
        assertThat(l.get("searchPeakRssBytes").asLong()).isGreaterThan(1L << 20);
        assertThat(l.get("searchCommand").asText()).contains(":filter-in " + BenchCommand.DEFAULT_REGEX);

        JsonNode gr = j.get("grep");
        assertThat(names(gr)).containsExactly("linesCommand", "lines", "linesSeconds", "regexCommand", "hits", "regexSeconds",
                "peakRssBytes");
        assertThat(gr.get("regexCommand").asText()).startsWith("grep -c -E ");

        JsonNode ratios = j.get("ratios");
        assertThat(names(ratios)).containsExactly("loadOverLnavLoad", "bundleOpenOverLnavLoad", "peakRssOverLnav",
                "regexSearchOverLnavSearch", "regexIgnoringCaseSearchOverLnavSearch");
        assertThat(ratios.get("loadOverLnavLoad").asDouble()).isCloseTo(load / l.get("loadSeconds").asDouble(), offset(1e-9));
        assertThat(ratios.get("bundleOpenOverLnavLoad").asDouble())
                .isCloseTo(f.get("reopenSeconds").asDouble() / l.get("loadSeconds").asDouble(), offset(1e-9));
        double lnavSearch = l.get("searchSeconds").asDouble();
        if (lnavSearch > 0) {
            assertThat(ratios.get("regexSearchOverLnavSearch").asDouble())
                    .isCloseTo(searches.get(1).get("medianNanos").asDouble() / 1e9 / lnavSearch, offset(1e-9));
            assertThat(ratios.get("regexIgnoringCaseSearchOverLnavSearch").asDouble())
                    .isCloseTo(searches.get(3).get("medianNanos").asDouble() / 1e9 / lnavSearch, offset(1e-9));
        } else {
            assertThat(ratios.get("regexSearchOverLnavSearch").isNull()).isTrue();
            assertThat(ratios.get("regexIgnoringCaseSearchOverLnavSearch").isNull()).isTrue();
        }
        assertThat(ratios.get("loadOverLnavLoad").asDouble())
                .isCloseTo(load / l.get("loadSeconds").asDouble(), offset(1e-9));
        assertThat(ratios.get("peakRssOverLnav").asDouble())
                .isCloseTo(f.get("peakRssBytes").asDouble() / l.get("peakRssBytes").asDouble(), offset(1e-9));
    }

    @Test
    void withoutLnavTheTablePrintsFaultlinesRowsAndTheEventCount() {
        Cli r = Cli.run("bench", "--events", "3000");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("generated 3,000 journal JSON entries", "  events                                 3,000",
                "time to first screen", "the file was read before a first look was due", "histogramBySeverity, deep zoom",
                "events agree: generated 3,000, faultline 3,000", "regex search, 1 thread", "regex search, ignoring case, 1 thread",
                "text search, ignoring case, 1 thread", "facet filter, 1 thread")
                .doesNotContain("lnav").doesNotContain("ratios");
    }

    @TempDir
    Path tmp;

    @Test
    void aDirGivenWithKeepKeepsTheJournal() throws Exception {
        Path dir = tmp.resolve("kept");
        Cli r = Cli.run("bench", "--events", "500", "--seed", "9", "--keep", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readAllLines(dir.resolve("journal.json"))).hasSize(500);
        assertThat(dir.resolve("bench.flcap")).isRegularFile();
    }

    @Test
    void badArgumentsAreClearErrors() {
        Cli none = Cli.run("bench", "--events", "0");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("--events must be from 1 to 2147483639, not 0");
        Cli regex = Cli.run("bench", "--events", "10", "--regex", "(");
        assertThat(regex.code()).isEqualTo(2);
        assertThat(regex.err()).contains("--regex '(' is not a regular expression: Unclosed group at index 1");
    }

    /** lnav is a peer the testbed and CI install: missing after the testbed is up, the test fails. */
    private static void requireLnav() {
        if (lnavOnPath()) {
            return;
        }
        Testbed.require();
        if (lnavOnPath()) {
            return;
        }
        fail("no lnav on PATH (" + System.getenv("PATH") + ") after the testbed is up: install the Debian package lnav"
                + " (the testbed script and .ci/run do)");
    }

    private static boolean lnavOnPath() {
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir.isEmpty() ? "." : dir, PeerBench.LNAV))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> names(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
