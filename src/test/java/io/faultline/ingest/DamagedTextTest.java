package io.faultline.ingest;

import io.faultline.capture.SourceKind;
import io.faultline.model.Diagnostic;
import io.faultline.model.Event;
import io.faultline.model.Evidence;
import io.faultline.model.Series;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.LongUnaryOperator;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static io.faultline.ingest.TestBundles.fixture;
import static io.faultline.ingest.TestBundles.host;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Text as responders find it: torn by a crash (NUL runs), with a byte order mark, in UTF-16, gzip-compressed.
 * Every text format reads the same events and series from each as from the clean file; binary files stay refused.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DamagedTextTest {
    private static final int BLOCK = 4096;

    @TempDir
    Path dir;

    private Evidence ingest(String name, SourceKind kind, byte[] bytes) throws IOException {
        return TestBundles.ingest(dir, "2025-12-04T04:55:00Z", "2025-12-04T06:00:00Z", List.of(host("web1", "UTC", 0)),
                List.of(new TestBundles.Entry("imported/" + name, "web1", kind, bytes)));
    }

    /** A 4 KB zero block between lines, a 512-byte one cutting a line before a fresh record, 3 NULs inside a message. */
    @Test
    void aTornSyslogLosesNoLine() throws Exception {
        Evidence ev = ingest("torn-syslog.log", SourceKind.UNKNOWN, fixture("torn-syslog.log"));
        assertThat(ev.events()).extracting(Event::message).containsExactly("line 1", "line 2", "line 3", "line 4", "line 5", "line 6",
                "line 7", "line 8", "l", "line 10", "line 11", "line 12");
        assertThat(ev.diagnostics()).extracting(Diagnostic::describe).contains(
                "WARNING imported/torn-syslog.log line 6 byte 185: 4096 NUL bytes at byte 185 (a torn or zero-filled write?):"
                        + " left out, the text around them is read",
                "WARNING imported/torn-syslog.log line 9 byte 4423: 512 NUL bytes at byte 4423 (a torn or zero-filled write?):"
                        + " left out, the text around them is read; the text after them starts a new line",
                "WARNING imported/torn-syslog.log line 10 byte 5005: 3 NUL bytes at byte 5005 (a torn or zero-filled write?):"
                        + " left out, the text around them is read");
        // the record after the cut shares line 9 of the file: its id says it is the first put on a line of its own
        Event tenth = ev.events().get(9);
        assertThat(tenth.id()).isEqualTo("imported/torn-syslog.log:9+1");
        assertThat(tenth.origin().line()).isEqualTo(9);
        assertThat(tenth.origin().byteOffset()).isEqualTo(4423 + 512);
        EvidenceJson.assertMatches(ev, "torn-syslog");
    }

    /**
     * Each text format: a 4 KB NUL block at the start of its middle line, gzip, UTF-16 LE and BE with a byte order mark,
     * a UTF-8 byte order mark. The events (ids, times, messages) and series are those of the clean file; origins point
     * into the raw bytes (NUL block, UTF-8 BOM) or into the decoded text (gzip, UTF-16), as the INFO diagnostic says.
     */
    @ParameterizedTest
    @CsvSource({
            "journal-short-small.txt, JOURNAL_SHORT",
            "journal-remote-cat.txt, JOURNAL_CAT",
            "journal.jsonl, JOURNAL_JSON",
            "journal-pretty.json, JOURNAL_JSON",
            "syslog-traditional.log, SYSLOG",
            "syslog-5424.log, SYSLOG",
            "inspect.json, DOCKER_INSPECT",
            "events.jsonl, DOCKER_EVENTS",
            "events-text.txt, DOCKER_EVENTS",
            "ps-table.txt, DOCKER_PS",
            "ps.jsonl, DOCKER_PS",
            "dc35d5cdc474855d611aca1c0e03908172e0f412725c296f5c01e6235472b6b2-json.log, DOCKER_JSON_LOG",
            "sadf-d-real.json, SADF_JSON",
            "sar-d-real.txt, SAR_TEXT",
            "iostat-x-t-real.txt, IOSTAT_TEXT",
            "iostat-x-t-real.json, IOSTAT_JSON",
            "diskstats-real.txt, DISKSTATS",
            "pressure-io-real.txt, PRESSURE_IO",
            "dmesg-T-real.txt, DMESG",
    })
    void everyTextFormatReadsTheSameThroughDamageAndEncodings(String name, SourceKind kind) throws Exception {
        byte[] clean = fixture(name);
        Evidence base = ingest(name, kind, clean);
        assertThat(base.events().size() + base.series().size() + base.containers().size()).as("the clean file yields something").isPositive();

        int at = middleLineStart(clean);
        byte[] torn = TestBundles.concat(Arrays.copyOf(clean, at), new byte[BLOCK], Arrays.copyOfRange(clean, at, clean.length));
        Evidence t = ingest(name, kind, torn);
        assertSame(base, t, o -> o >= at ? o + BLOCK : o);
        assertThat(t.diagnostics()).extracting(Diagnostic::describe).contains("WARNING imported/" + name + " line "
                + lineOf(clean, at) + " byte " + at + ": 4096 NUL bytes at byte " + at
                + " (a torn or zero-filled write?): left out, the text around them is read");

        Evidence gz = ingest(name, kind, gzip(clean));
        assertSame(base, gz, o -> o);
        assertThat(gz.diagnostics()).extracting(Diagnostic::reason).contains("gzip-compressed, read decompressed (" + String.format(
                java.util.Locale.ROOT, "%,d bytes, %,d", gzip(clean).length, clean.length)
                + " decompressed); line numbers and byte offsets are in the decompressed text");

        Evidence bom = ingest(name, kind, TestBundles.concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, clean));
        assertSame(base, bom, o -> o < 0 ? o : o + 3);
        assertThat(bom.diagnostics()).extracting(Diagnostic::describe)
                .contains("INFO imported/" + name + " line 1 byte 0: UTF-8 byte order mark (ef bb bf) at the start: skipped");

        String text = new String(clean, StandardCharsets.UTF_8);
        if (!Arrays.equals(text.getBytes(StandardCharsets.UTF_8), clean)) {
            return; // not valid UTF-8 (a test of bad bytes): no UTF-16 text holds the same
        }
        Evidence le = ingest(name, kind, TestBundles.concat(new byte[] {(byte) 0xff, (byte) 0xfe}, text.getBytes(StandardCharsets.UTF_16LE)));
        assertSame(base, le, o -> o);
        assertThat(le.diagnostics()).extracting(Diagnostic::reason).anyMatch(r -> r.startsWith("UTF-16LE text (byte order mark ff fe)"));
        Evidence be = ingest(name, kind, TestBundles.concat(new byte[] {(byte) 0xfe, (byte) 0xff}, text.getBytes(StandardCharsets.UTF_16BE)));
        assertSame(base, be, o -> o);
        assertThat(be.diagnostics()).extracting(Diagnostic::reason).anyMatch(r -> r.startsWith("UTF-16BE text (byte order mark fe ff)"));
        Evidence le32 = ingest(name, kind, TestBundles.concat(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 0}, text.getBytes("UTF-32LE")));
        assertSame(base, le32, o -> o);
        assertThat(le32.diagnostics()).extracting(Diagnostic::reason).anyMatch(r -> r.startsWith("UTF-32LE text (byte order mark ff fe 00 00)"));
        Evidence be32 = ingest(name, kind, TestBundles.concat(new byte[] {0, 0, (byte) 0xfe, (byte) 0xff}, text.getBytes("UTF-32BE")));
        assertSame(base, be32, o -> o);

    }

    @ParameterizedTest
    @CsvSource({
            "journal-short-small-bom.txt, JOURNAL_SHORT",
            "journal-short-small-utf16le.txt, JOURNAL_SHORT",
            "journal-short-small.txt.gz, JOURNAL_SHORT",
            "syslog-traditional-utf16be.log, SYSLOG",
            "torn-syslog.log, SYSLOG",
    })
    void detectionReadsTheTextInside(String name, SourceKind kind) throws Exception {
        // syslog lines without PRI are journal short lines too: the name breaks the tie, as for a plain file
        assertThat(FormatDetector.detect(name, fixture(name))).isEqualTo(kind);
    }

    @Test
    void binaryFilesAreStillRefusedWhateverTheFormatGiven() throws Exception {
        byte[] random = new byte[20_000];
        new Random(11).nextBytes(random);
        BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(5);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                img.setRGB(x, y, r.nextInt());
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            z.putNextEntry(new ZipEntry("a.bin"));
            z.write(random);
        }
        byte[] utf16NoBom = new String(fixture("journal-short-small.txt"), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16LE);
        for (byte[] bytes : List.of(random, png.toByteArray(), zip.toByteArray(), utf16NoBom)) {
            for (SourceKind kind : List.of(SourceKind.UNKNOWN, SourceKind.JOURNAL_SHORT, SourceKind.SYSLOG)) {
                Evidence ev = ingest("x.log", kind, bytes);
                assertThat(ev.events()).isEmpty();
                assertThat(ev.diagnostics()).filteredOn(d -> d.level() == Diagnostic.Level.ERROR).singleElement()
                        .satisfies(d -> assertThat(d.reason()).startsWith("binary data, not ")
                                .contains(" bytes outside NUL runs are control bytes, lone NULs or not UTF-8, the first at byte ")
                                .endsWith(" bytes in all): entry not read"));
            }
        }
        Evidence u = ingest("x.log", SourceKind.JOURNAL_SHORT, utf16NoBom);
        assertThat(u.diagnostics()).singleElement().satisfies(d -> assertThat(d.describe()).isEqualTo(
                "ERROR imported/x.log line 1 byte 1: binary data, not journal-short text (1447 of the first 2894 bytes outside NUL runs"
                        + " are control bytes, lone NULs or not UTF-8, the first at byte 1; UTF-16 without a byte order mark? convert it:"
                        + " iconv -f UTF-16LE -t UTF-8; 2894 bytes in all): entry not read"));
    }

    @Test
    void aGzipBombStopsAtTheCap() throws Exception {
        byte[] bomb = gzip(new byte[64 << 20]);
        assertThat(bomb.length).isLessThan(100_000);
        EntryText.Decoded d = EntryText.decode(bomb, 1 << 20);
        assertThat(d.bytes()).hasSize(1 << 20);
        assertThat(d.notes()).extracting(EntryText.Note::reason).anyMatch(r -> r.startsWith(
                "decompression stopped at 1 MB, the most this Faultline reads into memory for one entry with a heap of "));
    }

    @Test
    void aCutGzipKeepsWhatWasDecompressed() throws Exception {
        byte[] gz = fixture("journal-short-small.txt.gz");
        Evidence ev = ingest("cut.txt.gz", SourceKind.UNKNOWN, Arrays.copyOf(gz, gz.length / 2));
        assertThat(ev.events()).isNotEmpty();
        assertThat(ev.diagnostics()).extracting(Diagnostic::reason)
                .anyMatch(r -> r.startsWith("the gzip stream ends early (a cut file?) after ") && r.endsWith(" decompressed bytes: what was decompressed is read"));
    }

    @Test
    void aFileOfOnlyZerosSaysSo() throws Exception {
        Evidence ev = ingest("zeros.log", SourceKind.SYSLOG, new byte[8192]);
        assertThat(ev.diagnostics()).extracting(Diagnostic::describe)
                .containsExactly("WARNING imported/zeros.log line 1 byte 0: entry holds only blanks and NUL bytes (8192 bytes): nothing to read");
    }

    private static void assertSame(Evidence base, Evidence other, LongUnaryOperator offset) {
        assertThat(render(other, LongUnaryOperator.identity())).isEqualTo(render(base, offset));
        assertThat(other.series()).extracting(DamagedTextTest::series).isEqualTo(base.series().stream().map(DamagedTextTest::series).toList());
        assertThat(other.containers()).extracting(c -> c.id() + " " + c.name() + " " + c.healthStatus() + " " + c.restartCount() + " @"
                + c.origin().line()).isEqualTo(base.containers().stream().map(c -> c.id() + " " + c.name() + " " + c.healthStatus() + " "
                + c.restartCount() + " @" + c.origin().line()).toList());
    }

    private static List<String> render(Evidence ev, LongUnaryOperator offset) {
        List<String> out = new ArrayList<>();
        for (Event e : ev.events()) {
            out.add(e.id() + " " + e.timeNanos() + " " + e.host() + " " + e.message() + " " + e.fields() + " @" + e.origin().line() + ":"
                    + offset.applyAsLong(e.origin().byteOffset()));
        }
        ev.spans().forEach(s -> out.add(s.id() + " " + s.startNanos() + " " + s.endNanos()));
        return out;
    }

    private static String series(Series s) {
        StringBuilder b = new StringBuilder(s.host() + "/" + s.device() + "/" + s.metric());
        for (int i = 0; i < s.size(); i++) {
            b.append(' ').append(s.timeAt(i)).append('=').append(s.valueAt(i));
        }
        return b.toString();
    }

    private static long lineOf(byte[] b, int offset) {
        long line = 1;
        for (int i = 0; i < offset; i++) {
            line += b[i] == '\n' ? 1 : 0;
        }
        return line;
    }

    /** The offset of the line that starts nearest the middle. */
    private static int middleLineStart(byte[] b) {
        for (int i = b.length / 2; i > 0; i--) {
            if (b[i - 1] == '\n') {
                return i;
            }
        }
        return 0;
    }

    private static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(b);
        }
        return out.toByteArray();
    }
}
