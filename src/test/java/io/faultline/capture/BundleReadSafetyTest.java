package io.faultline.capture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A bundle's sizes and hashes are checked, not trusted: an entry that inflates past what the manifest declares is
 * refused after reading one byte too many (a zip bomb costs milliseconds and no memory), a changed entry is read and
 * reported, and damaged files are described in words rather than in zip or Jackson internals.
 */
class BundleReadSafetyTest {
    private static final long BOMB_BYTES = 200L << 20;
    private static final byte[] JOURNAL = "Oct 05 15:00:25 web1 sshd[811]: Failed password for root from 192.0.2.7 port 50022 ssh2\n"
            .getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void anEntryThatInflatesPastItsDeclaredSizeIsRefusedFastAndWithoutItsBytesInMemory() throws Exception {
        Path file = bomb(dir.resolve("bomb.flcap"));
        assertThat(Files.size(file)).as("compressed").isLessThan(1 << 20);
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long heapBefore = rt.totalMemory() - rt.freeMemory();
        long t0 = System.nanoTime();
        try (Bundle b = Bundle.open(file)) {
            Manifest.Entry bomb = b.manifest().entries().get(1);
            assertThatThrownBy(() -> b.read(bomb, 1L << 30)).isInstanceOf(BundleFormatException.class)
                    .hasMessage("entry raw/h/journal.json holds more than the 10 bytes its manifest declares (the zip says 209,715,200):"
                            + " damaged or not made by Faultline; not read");
            assertThatThrownBy(() -> b.readEntry("raw/h/journal.json")).isInstanceOf(BundleFormatException.class)
                    .hasMessageContaining("holds more than the 10 bytes its manifest declares");
            assertThat(b.verify()).containsExactly("raw/h/journal.json: entry raw/h/journal.json holds more than the 10 bytes its manifest"
                    + " declares (the zip says 209,715,200): damaged or not made by Faultline; not read");
            Bundle.EntryBytes good = b.read(b.manifest().entries().getFirst(), 1L << 30);
            assertThat(good.bytes()).isEqualTo(JOURNAL);
            assertThat(good.mismatch()).isNull();
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        long heapGrowth = rt.totalMemory() - rt.freeMemory() - heapBefore;
        assertThat(millis).as("reading the bomb, ms").isLessThan(2_000);
        assertThat(heapGrowth).as("heap grown while reading the bomb").isLessThan(64L << 20);
    }

    @Test
    void aZipDirectoryThatLiesAboutTheSizeIsCaughtByTheCappedStream() throws Exception {
        Path file = bomb(dir.resolve("liar.flcap"));
        byte[] zip = Files.readAllBytes(file);
        patchCentralDirectorySize(zip, "raw/h/journal.json", 10);
        Files.write(file, zip);
        try (Bundle b = Bundle.open(file)) {
            Manifest.Entry bomb = b.manifest().entries().get(1);
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> b.read(bomb, 1L << 30)).isInstanceOf(BundleFormatException.class)
                    .hasMessage("entry raw/h/journal.json holds more than the 10 bytes its manifest declares:"
                            + " damaged or not made by Faultline; not read");
            try (InputStream in = b.openEntry("raw/h/journal.json")) {
                assertThat(in.readNBytes(10)).hasSize(10);
                assertThatThrownBy(in::read).isInstanceOf(BundleFormatException.class).hasMessageContaining("holds more than the 10 bytes");
            }
            assertThat((System.nanoTime() - t0) / 1_000_000).as("ms").isLessThan(1_000);
        }
    }

    @Test
    void aChangedEntryIsReadAsItIsNowAndTheChangeIsNamed() throws Exception {
        byte[] changed = JOURNAL.clone();
        changed[32] = 'f';
        Path file = dir.resolve("tampered.flcap");
        writeBundle(file, Map.of("raw/h/journal.txt", changed), List.of(entry("raw/h/journal.txt", JOURNAL.length, sha256(JOURNAL))));
        try (Bundle b = Bundle.open(file)) {
            Bundle.EntryBytes read = b.read(b.manifest().entries().getFirst(), 1L << 20);
            assertThat(read.bytes()).isEqualTo(changed);
            assertThat(read.sha256()).isEqualTo(sha256(changed));
            assertThat(read.mismatch()).isEqualTo("changed since capture: sha256 " + sha256(changed) + " (88 bytes) expected "
                    + sha256(JOURNAL) + " (88 bytes); read as it is now");
        }
        byte[] shorter = Arrays.copyOf(JOURNAL, 40);
        writeBundle(file, Map.of("raw/h/journal.txt", shorter), List.of(entry("raw/h/journal.txt", JOURNAL.length, sha256(JOURNAL))));
        try (Bundle b = Bundle.open(file)) {
            Bundle.EntryBytes read = b.read(b.manifest().entries().getFirst(), 1L << 20);
            assertThat(read.bytes()).isEqualTo(shorter);
            assertThat(read.mismatch()).isEqualTo("changed since capture: sha256 " + sha256(shorter) + " (40 bytes) expected "
                    + sha256(JOURNAL) + " (88 bytes); read as it is now");
        }
    }

    @Test
    void anEntryDeclaredBiggerThanTheMemoryLimitIsNotRead() throws Exception {
        Path file = dir.resolve("big.flcap");
        writeBundle(file, Map.of("raw/h/journal.txt", JOURNAL), List.of(entry("raw/h/journal.txt", JOURNAL.length, sha256(JOURNAL))));
        try (Bundle b = Bundle.open(file)) {
            assertThatThrownBy(() -> b.read(b.manifest().entries().getFirst(), 50)).isInstanceOf(BundleFormatException.class)
                    .hasMessage("entry raw/h/journal.txt is declared as 88 bytes, more than the 50 bytes read into memory; not read");
        }
    }

    @Test
    void aCutManifestIsDescribedByLineAndColumn() throws Exception {
        byte[] manifest = Json.mapper().writeValueAsBytes(manifest(List.of(entry("raw/h/a.txt", 1, sha256(new byte[] {'x'})))));
        String text = new String(manifest, StandardCharsets.UTF_8);
        int cut = text.indexOf("\"kind\"");
        Path file = dir.resolve("cutmanifest.flcap");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry(Manifest.FILE));
            zip.write(Arrays.copyOf(manifest, cut));
        }
        String kept = text.substring(0, cut);
        long line = kept.chars().filter(c -> c == '\n').count() + 1;
        int column = kept.length() - kept.lastIndexOf('\n');
        assertThat(line).isGreaterThan(20);
        assertThatThrownBy(() -> Bundle.open(file)).isInstanceOf(BundleFormatException.class)
                .hasMessage(file + ": manifest.json is damaged at line " + line + " column " + column + " (in entries[0]): it ends too early"
                        + " (cut short?): unexpected end-of-input within/between Object entries")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("StreamReadFeature", "Manifest[", "io.faultline"));
    }

    @Test
    void aManifestValueOfTheWrongKindNamesTheField() throws Exception {
        Path file = dir.resolve("wrongkind.flcap");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry(Manifest.FILE));
            zip.write("{\"format\":\"faultline-capture\",\"formatVersion\":2,\n\"entries\":[{\"path\":\"raw/a\",\"bytes\":\"many\"}]}"
                    .getBytes(StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> Bundle.open(file)).isInstanceOf(BundleFormatException.class)
                .hasMessage(file + ": manifest.json is damaged at line 2 column 36 (in entries[0].bytes): a value of the wrong kind, expected a number");
    }

    @Test
    void anEmptyManifestIsCalledEmpty() throws Exception {
        Path file = dir.resolve("emptymanifest.flcap");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry(Manifest.FILE));
        }
        assertThatThrownBy(() -> Bundle.open(file)).hasMessage(file + ": manifest.json is damaged: it is empty");
    }

    @Test
    void aBundleCutInHalfIsCalledACutBundleAndSaysWhereItBreaksOff() throws Exception {
        Path whole = dir.resolve("whole.flcap");
        Map<String, byte[]> raw = new LinkedHashMap<>();
        raw.put("raw/h/host-clock.txt", "epoch=1\n".getBytes(StandardCharsets.UTF_8));
        raw.put("raw/h/journal.txt", JOURNAL);
        byte[] noise = new byte[200_000];
        new java.util.Random(3).nextBytes(noise);
        raw.put("raw/h/docker-events.jsonl", noise);
        writeBundle(whole, raw, List.of());
        byte[] all = Files.readAllBytes(whole);
        Path cut = dir.resolve("cut.flcap");
        Files.write(cut, Arrays.copyOf(all, all.length / 2));
        assertThatThrownBy(() -> Bundle.open(cut)).isInstanceOf(BundleFormatException.class)
                .hasMessage(String.format(java.util.Locale.ROOT, "%s: a Faultline bundle that is cut short or damaged (zip END header not found):"
                        + " the file breaks off in or after entry raw/h/docker-events.jsonl, before manifest.json and the zip directory;"
                        + " its %,d bytes hold the start of 3 raw entries (raw/h/host-clock.txt, raw/h/journal.txt,"
                        + " raw/h/docker-events.jsonl). It cannot be opened; copy it again from where it was made", cut, all.length / 2));
        assertThat(Bundle.isBundle(cut)).isTrue();

        Path tail = dir.resolve("tail.flcap");
        Files.write(tail, Arrays.copyOf(all, all.length - 10));
        assertThatThrownBy(() -> Bundle.open(tail)).hasMessageContaining("a Faultline bundle that is cut short or damaged")
                .hasMessageContaining("the end of the file (the zip directory written after manifest.json) is missing or damaged");
    }

    @Test
    void junkADirectoryAndAnotherZipAreToldApart() throws Exception {
        Path junk = dir.resolve("junk.flcap");
        byte[] bytes = new byte[10_000];
        new java.util.Random(5).nextBytes(bytes);
        Files.write(junk, bytes);
        assertThatThrownBy(() -> Bundle.open(junk)).hasMessage(junk + ": not a Faultline bundle (not a zip file: zip END header not found)");
        assertThat(Bundle.isBundle(junk)).isFalse();
        assertThatThrownBy(() -> Bundle.open(dir)).hasMessage(dir + ": is a directory, not a bundle; name the .flcap file inside it");

        Path other = dir.resolve("photos.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(other))) {
            zip.putNextEntry(new ZipEntry("cat.jpg"));
            zip.write(bytes);
        }
        assertThat(Bundle.isBundle(other)).isFalse();
        Path cutOther = dir.resolve("photos-cut.zip");
        Files.write(cutOther, Arrays.copyOf(Files.readAllBytes(other), 5000));
        assertThatThrownBy(() -> Bundle.open(cutOther))
                .hasMessage(cutOther + ": a zip file, but damaged or cut short (zip END header not found); not readable as a Faultline bundle");
    }

    /** A bundle whose second entry is 200 MiB of zeros declared as 10 bytes; about 200 KB on disk. */
    private Path bomb(Path file) throws IOException {
        Manifest m = manifest(List.of(entry("raw/h/journal.txt", JOURNAL.length, sha256(JOURNAL)), entry("raw/h/journal.json", 10, sha256(new byte[10]))));
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("raw/h/journal.txt"));
            zip.write(JOURNAL);
            zip.putNextEntry(new ZipEntry("raw/h/journal.json"));
            byte[] zeros = new byte[1 << 20];
            for (long n = 0; n < BOMB_BYTES; n += zeros.length) {
                zip.write(zeros);
            }
            zip.putNextEntry(new ZipEntry(Manifest.FILE));
            zip.write(Json.mapper().writeValueAsBytes(m));
        }
        return file;
    }

    /** Sets the uncompressed size that the zip's central directory gives the named entry. */
    private static void patchCentralDirectorySize(byte[] zip, String name, int size) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer bb = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i + 46 + n.length <= zip.length; i++) {
            if (bb.getInt(i) == 0x02014b50 && (bb.getShort(i + 28) & 0xffff) == n.length
                    && Arrays.equals(zip, i + 46, i + 46 + n.length, n, 0, n.length)) {
                bb.putInt(i + 24, size);
                return;
            }
        }
        throw new AssertionError("no central directory header for " + name);
    }

    private static void writeBundle(Path file, Map<String, byte[]> raw, List<Manifest.Entry> entries) throws IOException {
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
            for (Map.Entry<String, byte[]> e : raw.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
            }
            zip.putNextEntry(new ZipEntry(Manifest.FILE));
            zip.write(Json.mapper().writeValueAsBytes(manifest(entries)));
        }
    }

    private static Manifest manifest(List<Manifest.Entry> entries) {
        return new Manifest(Manifest.FORMAT, Manifest.FORMAT_VERSION, "faultline-test", "2026-12-03T18:00:00Z", false,
                new Manifest.Window("2026-10-05T14:00:00Z", "2026-10-05T16:00:00Z"),
                List.of(new Manifest.Host("h", null, 0, "UTC", 0, 0, null)), entries, List.of());
    }

    private static Manifest.Entry entry(String path, long bytes, String sha) {
        return new Manifest.Entry(path, "h", path.endsWith(".json") ? "journal-json" : "journal-short", "file:/x", null, null, bytes, sha,
                "2026-12-03T18:00:00Z", "2026-12-03T18:00:00Z", null, true);
    }

    private static String sha256(byte[] b) {
        MessageDigest sha = BundleWriter.sha256();
        return HexFormat.of().formatHex(sha.digest(b));
    }
}
