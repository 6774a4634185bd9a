package io.faultline.ingest;

import io.faultline.capture.SourceKind;
import io.faultline.model.Diagnostic;
import io.faultline.model.Evidence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.faultline.ingest.TestBundles.entry;
import static io.faultline.ingest.TestBundles.host;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The journal's text outputs as real tools wrote them: {@code journal-remote.export} was fed to
 * systemd-journal-remote and every other {@code journal-remote-*.txt} is {@code journalctl --file=... -o <format>}
 * of the journal it wrote (systemd 252, TZ=Europe/Berlin), compared with expected/*.json.
 */
class JournalExpectedOutputTest {
    private static final String FROM = "2025-10-05T14:55:00Z";
    private static final String TO = "2025-10-05T17:10:00Z";

    @TempDir
    Path dir;

    /**
     * Export text (binary fields, a multi-line MESSAGE, a field held twice, a wall-clock jump in boot 1) detected by
     * content, with short-monotonic of both boots and of boot 2 alone (no boot line): their wall times come from the
     * export entries of the same boot.
     */
    @Test
    void exportAndMonotonic() throws Exception {
        Evidence ev = TestBundles.ingest(dir, FROM, TO, List.of(host("web1", "Europe/Berlin", 0)), List.of(
                entry("journal-remote.export", "web1", SourceKind.UNKNOWN),
                entry("journal-remote-short-monotonic.txt", "web1", SourceKind.UNKNOWN),
                entry("journal-remote-short-monotonic-boot2.txt", "web1", SourceKind.JOURNAL_SHORT)));
        EvidenceJson.assertMatches(ev, "journal-export-monotonic");
    }

    /** short-monotonic with nothing to anchor it: offsets from an unknown boot, and a diagnostic per boot. */
    @Test
    void monotonicWithoutWallTime() throws Exception {
        Evidence ev = TestBundles.ingest(dir, FROM, TO, List.of(host("web1", "Europe/Berlin", 0)), List.of(
                entry("journal-remote-short-monotonic.txt", "web1", SourceKind.UNKNOWN)));
        EvidenceJson.assertMatches(ev, "journal-monotonic-unanchored");
    }

    /** short-full, with-unit, short-unix, short-iso-precise detected by content; cat declared; the host 1.5 s ahead. */
    @Test
    void shortVariantsAndCat() throws Exception {
        Evidence ev = TestBundles.ingest(dir, FROM, TO, List.of(host("web1", "Europe/Berlin", 1500)), List.of(
                entry("journal-remote-short-full.txt", "web1", SourceKind.UNKNOWN),
                entry("journal-remote-with-unit.txt", "web1", SourceKind.UNKNOWN),
                entry("journal-remote-short-unix.txt", "web1", SourceKind.UNKNOWN),
                entry("journal-remote-short-iso-precise.txt", "web1", SourceKind.UNKNOWN),
                entry("journal-remote-cat.txt", "web1", SourceKind.JOURNAL_CAT)));
        EvidenceJson.assertMatches(ev, "journal-short-variants");
    }

    /**
     * short-full with the weekday names of de, fr, es, ru and zh (journalctl itself prints English weekdays under any
     * locale; other writers of this layout do not), the first line's {@code Journal begins at} with a German one, and
     * a weekday that does not fit its date: a warning, the date wins.
     */
    @Test
    void shortFullLocalisedWeekdays() throws Exception {
        Evidence ev = TestBundles.ingest(dir, null, null, List.of(host("vm", "UTC", 0)), List.of(
                entry("journal-short-full-weekdays.txt", "vm", SourceKind.UNKNOWN)));
        EvidenceJson.assertMatches(ev, "journal-short-full-weekdays");
        assertThat(ev.events()).hasSize(8);
        assertThat(ev.diagnostics()).extracting(Diagnostic::describe)
                .anySatisfy(d -> assertThat(d).contains("line 9 byte", "weekday 'Mi' is a Wednesday but 2026-12-03 is a Thursday: the date is used"));
    }
}
