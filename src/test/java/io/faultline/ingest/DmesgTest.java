package io.faultline.ingest;

import io.faultline.capture.Manifest;
import io.faultline.capture.SourceKind;
import io.faultline.model.Diagnostic;
import io.faultline.model.EpochNanos;
import io.faultline.model.Event;
import io.faultline.model.Evidence;
import io.faultline.model.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.faultline.ingest.TestBundles.entry;
import static io.faultline.ingest.TestBundles.host;
import static org.assertj.core.api.Assertions.assertThat;

/** dmesg raw, -T, --time-format iso and -x, taken on this machine, and kernel reports as one event each. */
class DmesgTest {
    @TempDir
    Path dir;

    /** The same kernel lines in three time forms land on the same second; -x gives severities. */
    @Test
    void threeTimeFormsAgree() throws Exception {
        Evidence ev = TestBundles.ingest(dir, null, null, List.of(host("vm", "UTC", 0)), List.of(
                entry("dmesg-raw-btime-real.txt", "vm", SourceKind.UNKNOWN),
                entry("dmesg-T-real.txt", "vm", SourceKind.UNKNOWN),
                entry("dmesg-iso-real.txt", "vm", SourceKind.UNKNOWN),
                entry("dmesg-x-real.txt", "vm", SourceKind.UNKNOWN)));
        EvidenceJson.assertMatches(ev, "dmesg-real");
        List<Event> raw = from(ev, "dmesg-raw-btime-real.txt");
        List<Event> ctime = from(ev, "dmesg-T-real.txt");
        List<Event> iso = from(ev, "dmesg-iso-real.txt");
        assertThat(raw).hasSize(8);
        for (int i = 0; i < raw.size(); i++) {
            // -T prints whole seconds; iso and raw+btime keep the fraction.
            assertThat(ctime.get(i).timeNanos() / 1_000_000_000L).isEqualTo(raw.get(i).timeNanos() / 1_000_000_000L);
            assertThat(iso.get(i).timeNanos()).isEqualTo(raw.get(i).timeNanos());
            assertThat(ctime.get(i).message()).isEqualTo(raw.get(i).message());
        }
        assertThat(from(ev, "dmesg-x-real.txt")).extracting(Event::severity)
                .containsExactly(Severity.NOTICE, Severity.INFO, Severity.INFO, Severity.INFO, Severity.INFO, Severity.DEBUG);
    }

    /** A hung task (no end marker), a WARN between cut-here and end-trace, a BUG at the end; no boot time. */
    @Test
    void kernelReportsAreOneEventEach() throws Exception {
        Evidence ev = TestBundles.ingest(dir, null, null, List.of(host("db1", "UTC", 0)),
                List.of(entry("dmesg-traces.txt", "db1", SourceKind.UNKNOWN)));
        EvidenceJson.assertMatches(ev, "dmesg-traces");
        assertThat(ev.events()).extracting(e -> e.origin().line()).containsExactly(1L, 2L, 14L, 15L, 28L, 30L);
        Event hung = ev.events().get(1);
        assertThat(hung.message().split("\n")).hasSize(12).startsWith("INFO: task jbd2/sda1-8:245 blocked for more than 120 seconds.")
                .endsWith(" ret_from_fork+0x22/0x30");
        assertThat(hung.severity()).isEqualTo(Severity.WARNING);
        assertThat(hung.fields()).containsEntry("lines", "12").containsEntry("monotonic", "2469.123456");
        assertThat(EpochNanos.iso(hung.timeNanos())).as("relative: no boot time").isEqualTo("1970-01-01T00:41:09.123456000Z");
        Event warn = ev.events().get(3);
        assertThat(warn.message().split("\n")).hasSize(13).startsWith("------------[ cut here ]------------")
                .endsWith("---[ end trace 0000000000000000 ]---");
        assertThat(ev.events().get(4).message()).isEqualTo("docker0: port 1(veth1a2b3c4) entered disabled state");
        assertThat(ev.events().get(5).severity()).isEqualTo(Severity.CRIT);
        assertThat(ev.diagnostics()).filteredOn(d -> d.level() != Diagnostic.Level.INFO).extracting(Diagnostic::describe)
                .anySatisfy(d -> assertThat(d).contains("no boot time", "relative"))
                .anySatisfy(d -> assertThat(d).contains("line 29 byte", "not a dmesg line", "bogus line"));
    }

    private static List<Event> from(Evidence ev, String fixture) {
        return ev.events().stream().filter(e -> e.origin().entry().endsWith(fixture)).toList();
    }

    /** journalctl -o short-monotonic looks alike but names a host and identifier on every line: not dmesg. */
    @Test
    void journalShortMonotonicIsNotDmesg() {
        byte[] journal = ("[ 3767.636077] vm 9d99804d5432[20276]: 16+0 records in\n"
                + "[ 3771.182065] vm dockerd[20283]: time=\"2026-12-03T19:35:20Z\" level=warning\n"
                + "[ 3771.2] vm kernel: EXT4-fs (sda1): mounted\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(new DmesgParser().probe("x", journal)).isFalse();
        byte[] dmesg = ("[ 2400.101010] EXT4-fs (sda1): mounted filesystem\n[ 2400.2] sd 0:0:0:0: [sda] tag#17 timing out\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(new DmesgParser().probe("x", dmesg)).isTrue();
    }

    /** dmesg -T follows LC_TIME: month names of en, de, fr, es, ru and zh all read; an unknown one is reported. */
    @Test
    void localisedCtimeStamps() throws Exception {
        String text = """
                [Thu Dec  3 18:00:00 2026] en
                [Do Dez  3 18:00:01 2026] de
                [jeu. déc.  3 18:00:02 2026] fr
                [jue dic  3 18:00:03 2026] es
                [Чт дек  3 18:00:04 2026] ru
                [四 12月  3 18:00:05 2026] zh
                [Thu Xyz  3 18:00:06 2026] nope
                """;
        Evidence ev = TestBundles.ingest(dir, null, null, List.of(host("h", "Europe/Berlin", 0)), List.of(
                new TestBundles.Entry("imported/dmesg-T-locales.txt", "h", SourceKind.UNKNOWN,
                        text.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        assertThat(ev.events()).extracting(e -> EpochNanos.iso(e.timeNanos()) + " " + e.message()).containsExactly(
                "2026-12-03T17:00:00.000000000Z en", "2026-12-03T17:00:01.000000000Z de", "2026-12-03T17:00:02.000000000Z fr",
                "2026-12-03T17:00:03.000000000Z es", "2026-12-03T17:00:04.000000000Z ru", "2026-12-03T17:00:05.000000000Z zh");
        assertThat(ev.diagnostics()).extracting(Diagnostic::describe)
                .anySatisfy(d -> assertThat(d).contains("line 7 byte", "Thu Xyz  3 18:00:06 2026", "no month name known"));
    }

    /**
     * {@code dmesg -T} taken on this machine under LC_ALL=en, de, fr, es, ru and zh (localedef-made locales): each
     * language reads to its expected events, and all six land on the same instants.
     */
    @Test
    void weekdayAndMonthNamesOfSixLanguages() throws Exception {
        List<String> times = null;
        for (String lang : List.of("en", "de", "fr", "es", "ru", "zh")) {
            Evidence ev = TestBundles.ingest(dir, null, null, List.of(host("vm", "UTC", 0)),
                    List.of(entry("dmesg-T-" + lang + ".txt", "vm", SourceKind.UNKNOWN)));
            EvidenceJson.assertMatches(ev, "dmesg-T-" + lang);
            assertThat(ev.diagnostics()).as(lang).noneMatch(d -> d.level() != Diagnostic.Level.INFO);
            List<String> these = ev.events().stream().map(e -> EpochNanos.iso(e.timeNanos())).toList();
            assertThat(these).as(lang).hasSize(3);
            if (times != null) {
                assertThat(these).as(lang).isEqualTo(times);
            }
            times = these;
        }
    }

    /** Full weekday names and the zh week forms read; a weekday that does not fit the date is a warning and the date wins. */
    @Test
    void weekdayCheckedAgainstTheDate() throws Exception {
        Evidence ev = TestBundles.ingest(dir, null, null, List.of(host("vm", "UTC", 0)),
                List.of(entry("dmesg-T-weekdays.txt", "vm", SourceKind.UNKNOWN)));
        EvidenceJson.assertMatches(ev, "dmesg-T-weekdays");
        assertThat(ev.events()).hasSize(7);
        assertThat(EpochNanos.iso(ev.events().get(5).timeNanos())).isEqualTo("2026-12-03T21:35:03.000000000Z");
        assertThat(ev.diagnostics()).filteredOn(d -> d.level() == Diagnostic.Level.WARNING).extracting(Diagnostic::describe)
                .singleElement().satisfies(d -> assertThat(d).contains("line 6 byte", "weekday 'Fr' is a Friday but 2026-12-03 is a Thursday",
                        "the date is used"));
        assertThat(ev.diagnostics()).filteredOn(d -> d.level() == Diagnostic.Level.INFO).extracting(Diagnostic::describe)
                .anySatisfy(d -> assertThat(d).contains("line 7 byte", "weekday '木'", "not checked"));
    }

    /** The boot of this machine as /proc/stat and boot_id showed it when the raw fixtures were taken. */
    private static final long BTIME = 1796333698L;
    private static final String BOOT_ID = "5cc96703b65742e2ac93c466441c3860";

    private static Manifest.Host booted(String name, long clockOffsetMs, Long bootTime) {
        return new Manifest.Host(name, null, 0, "UTC", clockOffsetMs, 0, null, bootTime, bootTime == null ? null : BOOT_ID, false);
    }

    /** Raw dmesg without a btime line takes the manifest host's boot time (moved by its clock offset like any host time). */
    @Test
    void rawTakesTheManifestBootTime() throws Exception {
        Evidence ev = TestBundles.ingest(dir, null, null, List.of(booted("vm", 2000, BTIME)),
                List.of(entry("dmesg-raw-real.txt", "vm", SourceKind.UNKNOWN)));
        EvidenceJson.assertMatches(ev, "dmesg-raw-manifest-boot");
        assertThat(ev.events()).extracting(e -> EpochNanos.iso(e.timeNanos())).containsExactly(
                "2026-12-03T21:34:56.000000000Z", "2026-12-03T21:34:56.000000000Z", "2026-12-03T21:37:31.950440000Z");
        assertThat(ev.diagnostics()).extracting(Diagnostic::describe).anySatisfy(d -> assertThat(d).startsWith("INFO")
                .contains("placed from the boot at 2026-12-03T21:34:56.000000000Z (boot " + BOOT_ID + ")",
                        "from the manifest (btime of /proc/stat when captured)"));
    }

    /**
     * Without a boot time in the manifest, the latest boot of the same host's journal entries gives it (their
     * realtime - monotonic, within a second of /proc/stat's btime); an older boot's entry later in the file does not.
     */
    @Test
    void rawTakesTheLatestJournalBootOfTheSameHost() throws Exception {
        Evidence ev = TestBundles.ingest(dir, null, null, List.of(booted("vm", 0, null), booted("other", 0, null)), List.of(
                entry("dmesg-raw-real.txt", "vm", SourceKind.DMESG),
                entry("journal-boot-real.jsonl", "vm", SourceKind.UNKNOWN)));
        EvidenceJson.assertMatches(ev, "dmesg-raw-journal-boot");
        Event first = from(ev, "dmesg-raw-real.txt").getFirst();
        assertThat(first.timeNanos() - BTIME * 1_000_000_000L).isBetween(0L, 1_000_000_000L);
        assertThat(ev.diagnostics()).extracting(Diagnostic::describe).anySatisfy(d -> assertThat(d).startsWith("INFO")
                .contains("(boot " + BOOT_ID + ")", "from the journal of vm in this bundle", "imported/journal-boot-real.jsonl line 3"));

        Evidence elsewhere = TestBundles.ingest(dir, null, null, List.of(booted("vm", 0, null), booted("other", 0, null)), List.of(
                entry("dmesg-raw-real.txt", "other", SourceKind.DMESG),
                entry("journal-boot-real.jsonl", "vm", SourceKind.UNKNOWN)));
        assertThat(EpochNanos.iso(from(elsewhere, "dmesg-raw-real.txt").getFirst().timeNanos())).as("another host's journal is no help")
                .isEqualTo("1970-01-01T00:00:00.000000000Z");
        assertThat(elsewhere.diagnostics()).extracting(Diagnostic::describe)
                .anySatisfy(d -> assertThat(d).startsWith("WARNING").contains("no boot time is known", "host other"));
    }

    /** A btime line in the entry wins over the manifest's. */
    @Test
    void theEntrysOwnBtimeWins() throws Exception {
        Evidence ev = TestBundles.ingest(dir, null, null, List.of(booted("vm", 0, BTIME)),
                List.of(entry("dmesg-raw-btime-real.txt", "vm", SourceKind.DMESG)));
        assertThat(EpochNanos.iso(ev.events().getFirst().timeNanos())).isEqualTo("2026-12-03T18:32:28.000000000Z");
        assertThat(ev.diagnostics()).extracting(Diagnostic::describe)
                .anySatisfy(d -> assertThat(d).startsWith("INFO").contains("from the entry's own 'btime' line (line 1)"));
    }
}
