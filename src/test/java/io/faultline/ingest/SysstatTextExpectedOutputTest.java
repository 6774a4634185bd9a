package io.faultline.ingest;

import io.faultline.capture.SourceKind;
import io.faultline.model.Evidence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.faultline.ingest.TestBundles.entry;
import static io.faultline.ingest.TestBundles.host;

/** sar and iostat text, iostat JSON: fixtures ingested and compared with expected/*.json. */
class SysstatTextExpectedOutputTest {
    @TempDir
    Path dir;

    /** Real sar 12.6 output (-d, -d -p, -b -q -u -r) of one sa file, printed with TZ=Europe/Berlin. */
    @Test
    void realSar() throws Exception {
        Evidence ev = TestBundles.ingest(dir, "2026-12-03T19:00:00Z", "2026-12-03T19:30:00Z",
                List.of(host("vm", "Europe/Berlin", 0)), List.of(
                        entry("sar-d-real.txt", "vm", SourceKind.SAR_TEXT),
                        entry("sar-dp-real.txt", "vm", SourceKind.SAR_TEXT),
                        entry("sar-bqur-real.txt", "vm", SourceKind.UNKNOWN)));
        EvidenceJson.assertMatches(ev, "sar-real");
    }

    /**
     * sysstat 10 style: 12 h clock, sectors ({@code rd_sec/s}, {@code avgrq-sz}), {@code avgqu-sz}, devM-N
     * names, repeated column lines, Average rows, a bad line, midnight passed, LINUX RESTART.
     */
    @Test
    void oldSarTwelveHourClockOverMidnight() throws Exception {
        Evidence ev = TestBundles.ingest(dir, "2027-01-01T04:00:00Z", "2027-01-01T06:00:00Z",
                List.of(host("db1", "America/New_York", 1000)), List.of(entry("sar-d-v10-12h.txt", "db1", SourceKind.UNKNOWN)));
        EvidenceJson.assertMatches(ev, "sar-v10-12h");
    }

    /** German locale: day.month.year, decimal commas, a translated Average row; no window and no zone. */
    @Test
    void germanLocaleSar() throws Exception {
        Evidence ev = TestBundles.ingest(dir, null, null, List.of(host("nas", null, 0)),
                List.of(entry("sar-d-de.txt", "nas", SourceKind.SAR_TEXT)));
        EvidenceJson.assertMatches(ev, "sar-de");
    }

    /** Real iostat -x -t text and JSON (two reports, several devices), and ISO stamps, in Europe/Berlin. */
    @Test
    void realIostat() throws Exception {
        Evidence ev = TestBundles.ingest(dir, "2026-12-03T19:00:00Z", "2026-12-03T19:30:00Z",
                List.of(host("vm", "Europe/Berlin", 0)), List.of(
                        entry("iostat-x-t-real.txt", "vm", SourceKind.UNKNOWN),
                        entry("iostat-x-t-real.json", "vm", SourceKind.UNKNOWN),
                        entry("iostat-x-iso-real.txt", "vm", SourceKind.IOSTAT_TEXT)));
        EvidenceJson.assertMatches(ev, "iostat-real");
    }

    /** Old iostat (Device:, sectors, avgqu-sz) without -t: only the last report is placed, at 00:00 of the header date. */
    @Test
    void oldIostatWithoutTimes() throws Exception {
        Evidence ev = TestBundles.ingest(dir, null, null, List.of(host("db2", "Asia/Shanghai", 0)),
                List.of(entry("iostat-x-v10.txt", "db2", SourceKind.UNKNOWN)));
        EvidenceJson.assertMatches(ev, "iostat-v10");
    }

    /** iostat JSON with a stray comma and cut off inside the last report: what precedes the cut is kept. */
    @Test
    void iostatJsonCutWithStrayComma() throws Exception {
        Evidence ev = TestBundles.ingest(dir, "2026-12-03T19:00:00Z", "2026-12-03T19:30:00Z",
                List.of(host("vm", "Europe/Berlin", 0)), List.of(entry("iostat-cut-stray.json", "vm", SourceKind.UNKNOWN)));
        EvidenceJson.assertMatches(ev, "iostat-cut-stray");
    }
}
