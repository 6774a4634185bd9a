package io.faultline.ingest;

import io.faultline.capture.SourceKind;
import io.faultline.model.Diagnostic;
import io.faultline.model.Event;
import io.faultline.model.Evidence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.faultline.ingest.TestBundles.host;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real tools against the parsers: {@code journal-remote.export} (binary fields, a multi-line and a non-UTF-8
 * MESSAGE, a field held twice, two boots, a wall-clock jump) becomes a journal file through
 * systemd-journal-remote at test time; {@code journalctl --file} then dumps it in each output format and the
 * parsers must agree with each other: export and JSON on every event, the short forms with JSON on the instant to
 * their precision.
 */
class JournalDifferentialTest {
    private static final String REMOTE = "/lib/systemd/systemd-journal-remote";
    private static final String ZONE = "Europe/Berlin";
    private static final long SECOND = 1_000_000_000L;
    private static final long MICRO = 1_000L;

    @TempDir
    Path dir;

    @Test
    void exportAndJsonGiveIdenticalEvents() throws Exception {
        Path journal = journal();
        Evidence ev = ingest(List.of(
                new TestBundles.Entry("journal.export", "web1", SourceKind.JOURNAL_EXPORT, journalctl(journal, "export")),
                new TestBundles.Entry("journal.json", "web1", SourceKind.JOURNAL_JSON, journalctl(journal, "json"))));
        List<Event> export = of(ev, "journal.export");
        List<Event> json = of(ev, "journal.json");
        assertThat(export).hasSize(7);
        assertThat(json).hasSize(7);
        for (int i = 0; i < export.size(); i++) {
            Event e = export.get(i);
            Event j = json.get(i);
            assertThat(e.source()).isEqualTo("journal-export");
            assertThat(j.source()).isEqualTo("journal-json");
            assertThat(e.timeNanos()).as("time of event %d", i).isEqualTo(j.timeNanos());
            assertThat(e.timeText()).isEqualTo(j.timeText());
            assertThat(e.message()).as("message of event %d", i).isEqualTo(j.message());
            assertThat(e.fields()).as("fields of event %d", i).isEqualTo(j.fields());
            assertThat(e.unit()).isEqualTo(j.unit());
            assertThat(e.identifier()).isEqualTo(j.identifier());
            assertThat(e.severity()).isEqualTo(j.severity());
            assertThat(e.containerId()).isEqualTo(j.containerId());
        }
        assertThat(export.get(1).message()).isEqualTo(
                "Traceback (most recent call last):\n  File \"/app/main.py\", line 3, in <module>\nZeroDivisionError: division by zero");
        assertThat(export.get(2).fields()).containsEntry("COREDUMP_BLOB", "\u0000\u0001\u0002\\xff\\xfe")
                .containsEntry("TAG", "[\"first\",\"second\"]");
        assertThat(export.get(3).message()).isEqualTo("café \\xff not utf-8");
        assertThat(export.get(3).identifier()).isEqualTo("fl-health");
        for (String entry : List.of("journal.export", "journal.json")) {
            assertThat(ev.diagnostics()).filteredOn(d -> d.where().entry().equals(entry))
                    .extracting(Diagnostic::reason).singleElement().asString()
                    .startsWith("wall clock jumped +3600.000000 s inside boot 6a1f0c2e9b8d47f3a5c4e2d1f0b9a8c7");
        }
    }

    @Test
    void shortFormsAgreeWithJsonOnTheInstant() throws Exception {
        Path journal = journal();
        byte[] json = journalctl(journal, "json");
        record Form(String name, long precision) {
        }
        for (Form f : List.of(new Form("short", SECOND), new Form("short-precise", MICRO), new Form("short-iso", SECOND),
                new Form("short-iso-precise", MICRO), new Form("short-full", SECOND), new Form("with-unit", SECOND),
                new Form("short-unix", MICRO), new Form("short-monotonic", MICRO))) {
            Evidence ev = ingest(List.of(new TestBundles.Entry("journal.json", "web1", SourceKind.JOURNAL_JSON, json),
                    new TestBundles.Entry("journal." + f.name(), "web1", SourceKind.UNKNOWN, journalctl(journal, f.name()))));
            List<Event> reference = of(ev, "journal.json");
            List<Event> shortForm = of(ev, "journal." + f.name());
            assertThat(shortForm).as(f.name()).hasSize(7);
            for (int i = 0; i < reference.size(); i++) {
                Event j = reference.get(i);
                Event s = shortForm.get(i);
                assertThat(s.source()).isEqualTo("journal-short");
                assertThat(s.timeNanos()).as("%s event %d (%s)", f.name(), i, s.timeText())
                        .isEqualTo(j.timeNanos() - Math.floorMod(j.timeNanos(), f.precision()));
                if (!j.message().contains("\\x")) {
                    assertThat(s.message()).as("%s event %d", f.name(), i).isEqualTo(j.message());
                }
            }
            assertThat(ev.diagnostics()).as(f.name()).filteredOn(d -> d.level() != Diagnostic.Level.INFO)
                    .extracting(Diagnostic::reason).allMatch(r -> r.startsWith("wall clock jumped"));
        }
    }

    private Evidence ingest(List<TestBundles.Entry> entries) throws IOException {
        return TestBundles.ingest(dir, "2025-10-05T14:55:00Z", "2025-10-05T17:10:00Z", List.of(host("web1", ZONE, 0)), entries);
    }

    private static List<Event> of(Evidence ev, String entry) {
        return ev.events().stream().filter(e -> e.origin().entry().equals(entry)).toList();
    }

    /** Writes the fixture's export text into a journal file with systemd-journal-remote. */
    private Path journal() throws IOException, InterruptedException {
        Path out = dir.resolve("fixture-" + System.nanoTime() + ".journal");
        Path err = dir.resolve("journal-remote.err");
        Process p = new ProcessBuilder(REMOTE, "-o", out.toString(), "-")
                .redirectInput(TestBundles.FIXTURES.resolve("journal-remote.export").toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile())
                .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("systemd-journal-remote finishes").isTrue();
        assertThat(p.exitValue()).as("systemd-journal-remote exit status; stderr: %s", Files.readString(err)).isZero();
        assertThat(out).isNotEmptyFile();
        return out;
    }

    private byte[] journalctl(Path journal, String format) throws IOException, InterruptedException {
        Path err = dir.resolve("journalctl.err");
        Path out = dir.resolve("journalctl-" + format + ".out");
        ProcessBuilder pb = new ProcessBuilder("journalctl", "--file=" + journal, "-o", format, "--no-pager")
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("TZ", ZONE);
        pb.environment().put("LC_ALL", "C.UTF-8");
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("journalctl -o %s finishes", format).isTrue();
        assertThat(p.exitValue()).as("journalctl -o %s exit status; stderr: %s", format, Files.readString(err)).isZero();
        return Files.readAllBytes(out);
    }
}
