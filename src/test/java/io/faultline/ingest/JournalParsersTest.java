package io.faultline.ingest;

import io.faultline.capture.SourceKind;
import io.faultline.model.Diagnostic;
import io.faultline.model.EpochNanos;
import io.faultline.model.Event;
import io.faultline.model.TimeWindow;
import io.faultline.model.Evidence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The journal parsers on small and broken inputs: located diagnostics, nothing else lost, never a throw. */
class JournalParsersTest {
    private static final EntryContext BERLIN = new EntryContext("e", "h", ZoneId.of("Europe/Berlin"), true, 0,
            new TimeWindow(EpochNanos.of(Instant.parse("2025-10-25T00:00:00Z")), EpochNanos.of(Instant.parse("2025-10-27T00:00:00Z"))),
            null, null, null);

    private static Collector parse(SourceParser p, byte[] data) {
        Collector out = new Collector();
        out.beginEntry();
        p.parse(BERLIN, data, out);
        out.endEntry();
        return out;
    }

    private static Collector parse(SourceParser p, String text) {
        return parse(p, text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] binaryField(String name, byte[] value) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes((name + "\n").getBytes(StandardCharsets.UTF_8));
        b.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value.length).array());
        b.writeBytes(value);
        b.write('\n');
        return b.toByteArray();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void exportBadLineIsSkippedAndTheEntryKept() {
        Collector out = parse(new JournalExportParser(), "__REALTIME_TIMESTAMP=1761400000000000\nthis is no field\nMESSAGE=ok\n\n");
        assertThat(out.events()).singleElement().satisfies(e -> {
            assertThat(e.message()).isEqualTo("ok");
            assertThat(e.origin().line()).isEqualTo(1);
        });
        assertThat(out.diagnostics()).extracting(Diagnostic::describe).containsExactly(
                "WARNING e line 2 byte 38: not a journal export field (expected NAME=value or a binary field's NAME): 'this is no field'; line skipped");
    }

    @Test
    void exportBinaryLengthPastTheEndKeepsTheFieldsBeforeAndTheNextEntry() {
        byte[] bogus = TestBundles.concat(utf8("__REALTIME_TIMESTAMP=1761400000000000\nMESSAGE=first\nBLOB\n"),
                ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).array(), utf8("xyz\nOTHER=lost\n\n"),
                utf8("__REALTIME_TIMESTAMP=1761400001000000\n"), binaryField("MESSAGE", utf8("two\nlines")), utf8("\n"));
        Collector out = parse(new JournalExportParser(), bogus);
        assertThat(out.events()).extracting(Event::message).containsExactly("first", "two\nlines");
        assertThat(out.events().get(1).origin().line()).isEqualTo(7);
        assertThat(out.diagnostics()).extracting(Diagnostic::describe).containsExactly(
                "ERROR e line 3 byte 52: binary field BLOB claims 1099511627776 bytes but only 81 follow; the rest of this entry"
                        + " (to the next blank line) skipped, the fields before kept");
    }

    @Test
    void exportBinaryWithoutItsNewlineAndACutLength() {
        byte[] data = TestBundles.concat(utf8("__REALTIME_TIMESTAMP=1761400000000000\nBLOB\n"),
                ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(2).array(), utf8("abc\n\n"),
                utf8("__REALTIME_TIMESTAMP=1761400001000000\nMESSAGE\n"), new byte[] {3, 0});
        Collector out = parse(new JournalExportParser(), data);
        assertThat(out.events()).hasSize(2);
        assertThat(out.diagnostics()).extracting(Diagnostic::reason).containsExactly(
                "binary field BLOB of 2 bytes is not followed by a newline (found 'c' at byte 53); the rest of this entry (to the"
                        + " next blank line) skipped, the fields before kept",
                "binary field MESSAGE is cut: its 8-byte length is missing (2 bytes left); the rest of this entry (to the next blank"
                        + " line) skipped, the fields before kept");
    }

    @Test
    void exportEntryWithoutTimeIsReported() {
        Collector out = parse(new JournalExportParser(), "MESSAGE=when?\n_BOOT_ID=x\n\n");
        assertThat(out.events()).isEmpty();
        assertThat(out.diagnostics()).extracting(Diagnostic::describe).containsExactly(
                "WARNING e line 1 byte 0: journal entry has no __REALTIME_TIMESTAMP, so it cannot be placed in time; its message was: 'when?'");
    }

    @Test
    void exportNeverThrowsOnCutOrDamagedInput() throws Exception {
        byte[] export = TestBundles.fixture("journal-remote.export");
        Random random = new Random(42);
        for (int cut = 0; cut <= export.length; cut++) {
            byte[] head = Arrays.copyOf(export, cut);
            assertThatCode(() -> parse(new JournalExportParser(), head)).as("cut at %d", cut).doesNotThrowAnyException();
        }
        for (int i = 0; i < 2000; i++) {
            byte[] damaged = export.clone();
            for (int k = 0; k < 1 + random.nextInt(8); k++) {
                damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
            }
            long start = System.nanoTime();
            Collector out = parse(new JournalExportParser(), damaged);
            assertThat(out.events().size()).isLessThanOrEqualTo(7 + 8);
            assertThat(System.nanoTime() - start).as("time for damaged input %d", i).isLessThan(1_000_000_000L);
        }
    }

    @Test
    void catLinesHaveNoTimeAndStretchNoWindow(@TempDir Path dir) throws Exception {
        Evidence ev = TestBundles.ingest(dir, null, null, java.util.List.of(TestBundles.host("web1", "UTC", 0)), java.util.List.of(
                TestBundles.entry("journal-remote-cat.txt", "web1", SourceKind.JOURNAL_CAT),
                TestBundles.entry("journal-remote-short-iso-precise.txt", "web1", SourceKind.JOURNAL_SHORT)));
        assertThat(ev.events()).filteredOn(e -> e.source().equals("journal-cat")).isNotEmpty()
                .allSatisfy(e -> assertThat(e.timed()).isFalse());
        assertThat(ev.events()).filteredOn(e -> e.source().startsWith("journal-short")).isNotEmpty()
                .allSatisfy(e -> assertThat(e.timed()).isTrue());
        assertThat(EpochNanos.iso(ev.window().fromNanos())).isEqualTo("2025-10-05T15:00:25.123456000Z");
    }

    @Test
    void exportAndMonotonicAreDetectedDmesgIsNot() throws Exception {
        assertThat(FormatDetector.detect("x", TestBundles.fixture("journal-remote.export"))).isEqualTo(SourceKind.JOURNAL_EXPORT);
        assertThat(FormatDetector.detect("x", TestBundles.fixture("journal-remote-short-monotonic.txt"))).isEqualTo(SourceKind.JOURNAL_SHORT);
        assertThat(FormatDetector.detect("x", TestBundles.fixture("journal-remote-cat.txt"))).isEqualTo(SourceKind.UNKNOWN);
        String dmesg = "[    0.000000] Linux version 6.1.0-28-amd64 (debian-kernel@lists.debian.org)\n"
                + "[    0.000000] Command line: BOOT_IMAGE=/boot/vmlinuz-6.1.0-28-amd64 root=UUID=1234 ro quiet\n"
                + "[    0.004000] BIOS-provided physical RAM map:\n";
        assertThat(FormatDetector.detect("x", utf8(dmesg))).isNotEqualTo(SourceKind.JOURNAL_SHORT);
        assertThat(Files.size(TestBundles.FIXTURES.resolve("journal-remote.export"))).isPositive();
    }

    /** 26 Oct 2025, 02:30 happens twice in Berlin: the abbreviation tells which. */
    @Test
    void shortFullZoneAbbreviationPicksTheOffset() {
        Collector out = parse(new JournalShortParser(), """
                Sun 2025-10-26 02:30:00 CEST web1 cron[1]: first
                Sun 2025-10-26 02:30:00 CET web1 cron[1]: second
                Sun 2025-10-26 02:30:00 +0530 web1 cron[1]: numeric
                Sun 2025-10-26 02:30:00 EST web1 cron[1]: foreign
                Sun 2025-10-26 02:30:00 IST web1 cron[1]: ambiguous
                Sun 2025-10-26 02:30:00 UTC web1 cron[1]: utc
                """);
        assertThat(out.events()).extracting(e -> EpochNanos.iso(e.timeNanos()) + " " + e.message()).containsExactly(
                "2025-10-25T21:00:00.000000000Z numeric",
                "2025-10-26T00:30:00.000000000Z first",
                "2025-10-26T00:30:00.000000000Z ambiguous",
                "2025-10-26T01:30:00.000000000Z second",
                "2025-10-26T02:30:00.000000000Z utc",
                "2025-10-26T07:30:00.000000000Z foreign");
        assertThat(out.diagnostics()).extracting(Diagnostic::describe).containsExactly(
                "INFO e line 4 byte 150: zone 'EST' is not a name of the host's zone Europe/Berlin: read as -05:00",
                "WARNING e line 5 byte 200: zone 'IST' is ambiguous (2 offsets use it): times written with it are read in the host's"
                        + " zone Europe/Berlin");
    }

    @Test
    void bootLinesNameTheBootAndNoEntriesIsReported() {
        Collector out = parse(new JournalShortParser(), """
                2025-10-25T10:00:00+0200 web1 a[1]: one
                -- Boot 0123456789abcdef0123456789abcdef --
                2025-10-25T10:00:01+0200 web1 a[1]: two
                -- Reboot --
                2025-10-25T10:00:02+0200 web1 a[1]: three
                -- No entries --
                """);
        assertThat(out.events()).extracting(e -> e.message() + " " + e.fields().get("_BOOT_ID"))
                .containsExactly("one null", "two 0123456789abcdef0123456789abcdef", "three null");
        assertThat(out.diagnostics()).extracting(Diagnostic::describe).containsExactly(
                "INFO e line 6 byte 179: journalctl found no entries for what it was asked ('-- No entries --')");
    }

    @Test
    void withUnitPagerCutLineKeptAndMarked() {
        Collector out = parse(new JournalShortParser(),
                "Sat 2025-10-25 10:00:00 CEST web1 user@1000.service/foo.service[9]: a long line the pager c>\n");
        assertThat(out.events()).singleElement().satisfies(e -> {
            assertThat(e.truncated()).isTrue();
            assertThat(e.message()).isEqualTo("a long line the pager c");
            assertThat(e.unit()).isEqualTo("foo.service");
            assertThat(e.identifier()).isNull();
            assertThat(e.fields()).containsEntry("_SYSTEMD_UNIT", "user@1000.service").containsEntry("_SYSTEMD_USER_UNIT", "foo.service");
        });
    }

    @Test
    void jsonWallClockJumpBackwardsIsReported() {
        Collector out = parse(new JournalJsonParser(), """
                {"__REALTIME_TIMESTAMP":"1761400000000000","__MONOTONIC_TIMESTAMP":"1000000","_BOOT_ID":"b","MESSAGE":"a"}
                {"__REALTIME_TIMESTAMP":"1761400001000000","__MONOTONIC_TIMESTAMP":"2000000","_BOOT_ID":"c","MESSAGE":"other boot"}
                {"__REALTIME_TIMESTAMP":"1761400002000000","__MONOTONIC_TIMESTAMP":"3000000","_BOOT_ID":"b","MESSAGE":"steady"}
                {"__REALTIME_TIMESTAMP":"1761399990000000","__MONOTONIC_TIMESTAMP":"4000000","_BOOT_ID":"b","MESSAGE":"set back"}
                """);
        assertThat(out.events()).hasSize(4);
        assertThat(out.diagnostics()).extracting(Diagnostic::describe).containsExactly(
                "WARNING e line 4 byte 335: wall clock jumped -13.000000 s inside boot b between the entry at line 3 and this one"
                        + " (realtime - monotonic went from 2025-10-25T13:46:39.000000000Z to 2025-10-25T13:46:26.000000000Z);"
                        + " times on either side are as the host's clock said");
    }

    /** Without a capture window, journalctl's own first line dates the yearless lines, across the new year. */
    @Test
    void logsBeginLineGivesTheYearWithoutAWindow() {
        EntryContext noWindow = new EntryContext("e", "h", ZoneId.of("Europe/Berlin"), true, 0, null, null,
                Instant.parse("2026-12-03T18:00:00Z"), null);
        Collector out = new Collector();
        out.beginEntry();
        new JournalShortParser().parse(noWindow, utf8("""
                -- Logs begin at Sat 2023-12-30 10:00:00 CET, end at Mon 2024-01-01 00:30:00 CET. --
                Dec 31 23:59:59 web1 a[1]: old year
                Jan 01 00:10:00 web1 a[1]: new year
                """), out);
        out.endEntry();
        assertThat(out.events()).extracting(e -> EpochNanos.iso(e.timeNanos())).containsExactly(
                "2023-12-31T22:59:59.000000000Z", "2023-12-31T23:10:00.000000000Z");
        assertThat(out.diagnostics()).extracting(Diagnostic::describe).containsExactly(
                "INFO e: journal short lines carry no year: year 2023, 2024 taken from journalctl's first line (no capture window;"
                        + " the journal ends at 2023-12-31T23:30:00Z); times read in zone Europe/Berlin");
    }

    @Test
    void exportWithWindowsLineEndsStillSplitsEntries() {
        Collector out = parse(new JournalExportParser(),
                "__REALTIME_TIMESTAMP=1761400000000000\r\nMESSAGE=a\r\n\r\n__REALTIME_TIMESTAMP=1761400001000000\r\nMESSAGE=b\r\n\r\n");
        assertThat(out.events()).extracting(e -> EpochNanos.iso(e.timeNanos())).containsExactly(
                "2025-10-25T13:46:40.000000000Z", "2025-10-25T13:46:41.000000000Z");
        assertThat(out.diagnostics()).isEmpty();
    }
}
