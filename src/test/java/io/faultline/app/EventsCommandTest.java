package io.faultline.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.capture.BundleWriter;
import io.faultline.capture.Json;
import io.faultline.capture.Manifest;
import io.faultline.capture.SourceKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code faultline events} through the real command tree, on a bundle of a journal export and its short-iso-precise dump. */
class EventsCommandTest {
    private static final Path FIXTURES = Path.of("src/test/resources/ingest");

    @TempDir
    Path dir;
    Path bundle;

    @BeforeEach
    void writeBundle() throws Exception {
        bundle = journalBundle(dir.resolve("journal.flcap"));
    }

    /** A journal export and its short-iso-precise dump of host web1 (Europe/Berlin); {@link SearchCommandTest} reads it too. */
    static Path journalBundle(Path bundle) throws Exception {
        try (BundleWriter w = new BundleWriter(bundle, "faultline-test")) {
            w.window(Instant.parse("2025-10-05T14:55:00Z"), Instant.parse("2025-10-05T17:10:00Z"));
            w.host(new Manifest.Host("web1", null, 0, "Europe/Berlin", 0, 0, null));
            w.add("raw/journal.export", "web1", SourceKind.JOURNAL_EXPORT, "journal.export", null, null,
                    Files.readAllBytes(FIXTURES.resolve("journal-remote.export")), null);
            w.add("raw/journal-iso.txt", "web1", SourceKind.JOURNAL_SHORT, "journal-iso.txt", null, null,
                    Files.readAllBytes(FIXTURES.resolve("journal-remote-short-iso-precise.txt")), null);
            w.finish(false);
        }
        return bundle;
    }

    @Test
    void printsEveryEventAsOneJsonObjectALine() throws Exception {
        Cli run = Cli.run("events", bundle.toString(), "--jsonl");
        assertThat(run.code()).as(run.err()).isZero();
        List<JsonNode> lines = lines(run.out());
        assertThat(lines).hasSize(14);
        for (JsonNode l : lines) {
            List<String> names = new ArrayList<>();
            l.fieldNames().forEachRemaining(names::add);
            assertThat(names).containsExactly("time", "host", "source", "unit", "identifier", "severity", "message", "fields",
                    "entry", "line", "id");
        }
        JsonNode first = lines.getFirst();
        assertThat(first.path("time").asText()).isEqualTo("2025-10-05T15:00:25.123456000Z");
        assertThat(first.path("source").asText()).isEqualTo("journal-export");
        assertThat(lines.get(1).path("time").asText()).isEqualTo("2025-10-05T15:00:25.123456000Z");
        assertThat(lines.get(1).path("source").asText()).isEqualTo("journal-short");
        JsonNode python = lines.stream().filter(l -> l.path("source").asText().equals("journal-export")
                && l.path("identifier").asText().equals("python3")).findFirst().orElseThrow();
        assertThat(python.path("time").asText()).isEqualTo("2025-10-05T15:00:40.000001000Z");
        assertThat(python.path("host").asText()).isEqualTo("web1");
        assertThat(python.path("unit").asText()).isEqualTo("app.service");
        assertThat(python.path("severity").asText()).isEqualTo("ERR");
        assertThat(python.path("message").asText()).isEqualTo(
                "Traceback (most recent call last):\n  File \"/app/main.py\", line 3, in <module>\nZeroDivisionError: division by zero");
        assertThat(python.path("fields").path("_BOOT_ID").asText()).isEqualTo("6a1f0c2e9b8d47f3a5c4e2d1f0b9a8c7");
        assertThat(python.path("fields").path("__MONOTONIC_TIMESTAMP").asText()).isEqualTo("86440000001");
        assertThat(python.path("entry").asText()).isEqualTo("raw/journal.export");
        assertThat(python.path("line").asLong()).isEqualTo(13);
        JsonNode kernel = lines.stream().filter(l -> l.path("identifier").asText().equals("kernel")).findFirst().orElseThrow();
        assertThat(kernel.path("unit").isNull()).isTrue();
    }

    @Test
    void fromAndToKeepTheEventsInTheRange() throws Exception {
        Cli run = Cli.run("events", bundle.toString(), "--jsonl", "--from", "2025-10-05T17:00:41+02:00", "--to", "1759676443");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(lines(run.out())).extracting(l -> l.path("time").asText()).containsExactly(
                "2025-10-05T15:00:41.500000000Z", "2025-10-05T15:00:41.500000000Z", "2025-10-05T15:00:42.000000000Z",
                "2025-10-05T15:00:42.000000000Z");
    }

    @Test
    void readableLinesWithoutJsonl() {
        Cli run = Cli.run("events", bundle.toString(), "--from", "2025-10-05T15:00:40Z", "--to", "2025-10-05T15:00:41Z");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out().lines().toList()).containsExactly(
                "2025-10-05T15:00:40.000001000Z web1 app.service ERR Traceback (most recent call last):\\n  File \"/app/main.py\","
                        + " line 3, in <module>\\nZeroDivisionError: division by zero",
                "2025-10-05T15:00:40.000001000Z web1 python3 UNKNOWN Traceback (most recent call last):\\n  File \"/app/main.py\","
                        + " line 3, in <module>\\nZeroDivisionError: division by zero");
    }

    @Test
    void escapeSequencesInALineReachTheTerminalAsText() throws Exception {
        Path hostile = dir.resolve("hostile.flcap");
        String line = "2025-10-05T17:00:25.000000+0200 web\u001b[2J1 sshd[9]: evil \u001b[31mRED\u001b]0;pwned\u0007"
                + " \u202Eexe.txt \u009b6n\r\n";
        try (BundleWriter w = new BundleWriter(hostile, "faultline-test")) {
            w.host(new Manifest.Host("web1", null, 0, "Europe/Berlin", 0, 0, null));
            w.add("raw/\u001b[31mjournal.txt", "web1", SourceKind.JOURNAL_SHORT, "journal.txt", null, null,
                    line.getBytes(java.nio.charset.StandardCharsets.UTF_8), null);
            w.finish(false);
        }
        Cli events = Cli.run("events", hostile.toString());
        assertThat(events.code()).as(events.err()).isZero();
        assertThat(events.out().strip()).isEqualTo("2025-10-05T15:00:25.000000000Z web1 sshd UNKNOWN evil"
                + " \\x1b[31mRED\\x1b]0;pwned\\x07 \\u202Eexe.txt \\x9b6n");
        Cli jsonl = Cli.run("events", hostile.toString(), "--jsonl");
        assertThat(lines(jsonl.out()).getFirst().path("message").asText()).isEqualTo("evil \u001b[31mRED\u001b]0;pwned\u0007"
                + " \u202Eexe.txt \u009b6n");
        Cli summary = Cli.run("summary", hostile.toString());
        assertThat(summary.code()).as(summary.err()).isZero();
        assertThat(summary.out()).contains("raw/\\x1b[31mjournal.txt").doesNotContain("\u001b");
    }

    @Test
    void aRangeOutsideTheWindowSaysSo() {
        Cli run = Cli.run("events", bundle.toString(), "--from", "2020-01-01T00:00:00Z", "--to", "2020-01-02T00:00:00Z");
        assertThat(run.code()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("warning: the range 2020-01-01T00:00:00.000000000Z .. 2020-01-02T00:00:00.000000000Z lies"
                + " outside the bundle's window 2025-10-05T14:55:00.000000000Z .. 2025-10-05T17:10:00.000000000Z: nothing in it\n");
        Cli inside = Cli.run("events", bundle.toString(), "--from", "2025-10-05T15:00:40Z");
        assertThat(inside.err()).isEmpty();
    }

    @Test
    void anUnreadableTimeNamesTheOption() {
        Cli run = Cli.run("events", bundle.toString(), "--jsonl", "--from", "yesterday");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--from: 'yesterday' is not a time").doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();
    }

    private static List<JsonNode> lines(String out) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.lines().toList()) {
            nodes.add(Json.mapper().readTree(line));
        }
        return nodes;
    }
}
