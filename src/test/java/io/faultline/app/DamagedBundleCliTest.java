package io.faultline.app;

import io.faultline.capture.Json;
import io.faultline.capture.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A bundle with a zip bomb or a changed entry: `summary` names the entry and reads the rest, in a small heap. */
class DamagedBundleCliTest {
    private static final byte[] JOURNAL = """
            Oct 05 15:00:25 web1 sshd[811]: Failed password for root from 192.0.2.7 port 50022 ssh2
            Oct 05 15:00:55 web1 sshd[812]: Failed password for root from 192.0.2.8 port 50023 ssh2
            """.getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;

    @Test
    void aZipBombEntryIsRefusedAndTheRestIsReadInA64MegabyteHeap() throws Exception {
        Path file = tmp.resolve("bomb.flcap");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("raw/h/journal.txt"));
            zip.write(JOURNAL);
            zip.putNextEntry(new ZipEntry("raw/h/journal.json"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 200; i++) {
                zip.write(zeros);
            }
            zip.putNextEntry(new ZipEntry(Manifest.FILE));
            zip.write(Json.mapper().writeValueAsBytes(manifest(List.of(entry("raw/h/journal.txt", "journal-short", JOURNAL.length, sha256(JOURNAL)),
                    entry("raw/h/journal.json", "journal-json", 10, sha256(new byte[10]))))));
        }
        long t0 = System.nanoTime();
        String out = CliProcessMain.runInSmallHeap(tmp, 60, "summary", file.toString());
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(out).contains("events   2\n").contains("ERROR raw/h/journal.json: entry raw/h/journal.json holds more than the 10 bytes its"
                + " manifest declares (the zip says 209,715,200): damaged or not made by Faultline; not read").doesNotContain("Exception");
        assertThat(seconds).as("seconds for a JVM start and the summary").isLessThan(20);

        Cli events = Cli.run("events", file.toString());
        assertThat(events.code()).isZero();
        assertThat(events.out()).contains("192.0.2.8");
        assertThat(events.err()).contains("faultline: 1 problem reading " + file + "; what could not be read is left out (the first: ERROR"
                + " raw/h/journal.json: entry raw/h/journal.json holds more than the 10 bytes").contains("`faultline summary " + file
                + "` lists them");
    }

    @Test
    void aChangedEntryIsReadAndNamedInTheSummary() throws Exception {
        byte[] changed = new String(JOURNAL, StandardCharsets.UTF_8).replace("192.0.2.8", "192.0.2.9").getBytes(StandardCharsets.UTF_8);
        Path file = tmp.resolve("changed.flcap");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("raw/h/journal.txt"));
            zip.write(changed);
            zip.putNextEntry(new ZipEntry(Manifest.FILE));
            zip.write(Json.mapper().writeValueAsBytes(manifest(List.of(entry("raw/h/journal.txt", "journal-short", JOURNAL.length, sha256(JOURNAL))))));
        }
        Cli r = Cli.run("summary", file.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("events   2\n").contains("WARNING raw/h/journal.txt: changed since capture: sha256 " + sha256(changed)
                + " (176 bytes) expected " + sha256(JOURNAL) + " (176 bytes); read as it is now");
        Cli events = Cli.run("events", file.toString());
        assertThat(events.out()).contains("192.0.2.9");
    }


    private static Manifest manifest(List<Manifest.Entry> entries) {
        return new Manifest(Manifest.FORMAT, Manifest.FORMAT_VERSION, "faultline-test", "2026-12-03T18:00:00Z", false,
                new Manifest.Window("2026-10-05T14:00:00Z", "2026-10-05T16:00:00Z"),
                List.of(new Manifest.Host("h", null, 0, "UTC", 0, 0, null)), entries, List.of());
    }

    private static Manifest.Entry entry(String path, String kind, long bytes, String sha) {
        return new Manifest.Entry(path, "h", kind, "file:/x", null, null, bytes, sha, "2026-12-03T18:00:00Z", "2026-12-03T18:00:00Z", null, true);
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
