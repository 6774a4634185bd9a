package io.faultline.ingest;

import io.faultline.ingest.bench.JournalGenerator;
import io.faultline.model.Diagnostic;
import io.faultline.model.Event;
import io.faultline.model.EventTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link JournalLine} against the JSON parser it stands in for: every input is read twice by
 * {@link JournalJsonParser#parse(EntryContext, byte[], int, Collector, JournalEntries, boolean)}, with the scanner and with
 * the JSON parser alone, and both must give the same events (every component, fields in the same order), the same
 * diagnostics in the same order, and, read as deferred rows, the same records, message places and messages. Inputs: every
 * journal JSON fixture, the benchmark's generator, hand-written hostile lines and thousands of fuzzed documents.
 */
class JournalLineDifferentialTest {
    private static final long USEC = 1_759_676_400_000_000L;

    @TempDir
    Path dir;

    @Test
    void everyJournalJsonFixtureReadsTheSame() throws IOException {
        List<String> fixtures;
        try (Stream<Path> files = Files.list(TestBundles.FIXTURES)) {
            fixtures = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("journal") && (n.endsWith(".json")
                    || n.endsWith(".jsonl"))).sorted().toList();
        }
        assertThat(fixtures).contains("journal.jsonl", "journal-pretty.json", "journal-boot-real.jsonl", "journal-mixed-offsets.jsonl");
        int scanned = 0;
        for (String f : fixtures) {
            scanned += same(f, TestBundles.fixture(f));
        }
        assertThat(scanned).isGreaterThanOrEqualTo(6);
    }

    @Test
    void generatedJournalReadsTheSameAndAlmostAllByTheScanner() throws IOException {
        for (long seed : new long[] {1, 7}) {
            Path file = dir.resolve("gen-" + seed + ".json");
            new JournalGenerator(seed).writeJsonLines(file, 4000);
            byte[] bytes = Files.readAllBytes(file);
            int scanned = same("generated " + seed, bytes);
            assertThat(scanned).as("records the scanner read, seed %d", seed).isGreaterThan(3960);
        }
    }

    @Test
    void hostileLinesReadTheSame() {
        List<String> lines = hostileLines();
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            same("hostile line " + i + ": " + line, line.getBytes(StandardCharsets.UTF_8));
            same("hostile line " + i + " between two good ones", TestBundles.concat(good(1), line.getBytes(StandardCharsets.UTF_8),
                    "\n".getBytes(StandardCharsets.UTF_8), good(2)));
            all.append(line).append('\n');
        }
        int scanned = same("all hostile lines", all.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(scanned).isGreaterThan(10);
        for (byte[] raw : hostileBytes()) {
            same("hostile bytes", raw);
            same("hostile bytes between two good ones", TestBundles.concat(good(1), raw, "\n".getBytes(StandardCharsets.UTF_8), good(2)));
        }
    }

    @Test
    void fuzzedDocumentsReadTheSame() throws IOException {
        Path file = dir.resolve("gen.json");
        new JournalGenerator(11).writeJsonLines(file, 300);
        List<byte[]> base = new ArrayList<>();
        for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            base.add(l.getBytes(StandardCharsets.UTF_8));
        }
        for (String l : hostileLines()) {
            base.add(l.getBytes(StandardCharsets.UTF_8));
        }
        base.addAll(hostileBytes());
        Random random = new Random(20261204);
        int scanned = 0;
        for (int doc = 0; doc < 4000; doc++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int lines = 1 + random.nextInt(6);
            for (int l = 0; l < lines; l++) {
                byte[] line = base.get(random.nextInt(base.size()));
                int mutations = random.nextInt(4);
                for (int m = 0; m < mutations; m++) {
                    line = mutate(line, random);
                }
                out.writeBytes(line);
                out.writeBytes(SEPARATORS[random.nextInt(SEPARATORS.length)].getBytes(StandardCharsets.ISO_8859_1));
            }
            byte[] bytes = out.toByteArray();
            if (random.nextInt(5) == 0) {
                bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
            }
            scanned += same("fuzzed document " + doc, bytes);
        }
        assertThat(scanned).isGreaterThan(1500);
    }

    private static final String[] SEPARATORS = {"\n", "\n", "\n", "\n", "\r\n", "\r", "", " ", "\n\n", "\n  ", "\t\n"};

    private static final String[] SNIPPETS = {"\\u00e9", "\\ud83d\\ude00", "\\ud800", "\\udc00x", "\\\"", "\\\\", "\\/", "\\b\\f\\n\\r\\t",
        "\\u0000", "\\x2d", "\\U0041", "\\u12", "\\", "\"", "null", "nul", "true", "[1,2,255]", "[256]", "[01]", "[0]", "[-1]", "[1.0]",
        "[1e2]", "[ 1]", "[]", "[\"a\",\"b\"]", "[\"a\",[104,105]]", "[[104],[105]]", "{\"x\":1}", "{}", "123", "-0", "1.5", "\r\n", "\r",
        "\n", " ", "\t", ",", ":", "}", "{", "]", "[", "\"MESSAGE\":\"dup\",", "\"MESSAGE\":null,", "\"MESSAGE\":[104,105],",
        "\"PRIORITY\":3,", "\"__REALTIME_TIMESTAMP\":\"1759676400000001\",", "\"__REALTIME_TIMESTAMP\":1759676400000001,",
        "\"_BOOT_ID\":\"b\",\"__MONOTONIC_TIMESTAMP\":\"x\",", "\"CONTAINER_ID\":\"0123456789ab\",", "\"a b\":\"c\",", "\"\":\"e\",",
        "\"_H\\u0041\":\"n\","};

    private static final byte[][] RAW_SNIPPETS = {{(byte) 0xff}, {(byte) 0xc3}, {(byte) 0xc3, (byte) 0xa9}, {(byte) 0xe2, (byte) 0x98},
        {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {(byte) 0xc0, (byte) 0xaf}, {(byte) 0xf0, (byte) 0x9f, (byte) 0x98, (byte) 0x80},
        {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, {0}, {0, 0, 0, 0, 0, 0}, {1}, {0x1f},
        {0x7f}, {(byte) 0xe0, (byte) 0x80, (byte) 0x80}};

    private static byte[] mutate(byte[] line, Random random) {
        int at = random.nextInt(line.length + 1);
        byte[] insert;
        int cut = 0;
        switch (random.nextInt(5)) {
            case 0 -> insert = SNIPPETS[random.nextInt(SNIPPETS.length)].getBytes(StandardCharsets.UTF_8);
            case 1 -> insert = RAW_SNIPPETS[random.nextInt(RAW_SNIPPETS.length)];
            case 2 -> {
                insert = SNIPPETS[random.nextInt(SNIPPETS.length)].getBytes(StandardCharsets.UTF_8);
                cut = Math.min(line.length - at, 1 + random.nextInt(4));
            }
            case 3 -> {
                // a field's value put where a quote is: strings become other kinds of values, or broken ones
                int quote = indexOf(line, (byte) '"', at);
                at = quote < 0 ? at : quote;
                insert = SNIPPETS[random.nextInt(SNIPPETS.length)].getBytes(StandardCharsets.UTF_8);
            }
            default -> {
                insert = new byte[0];
                cut = Math.min(line.length - at, 1 + random.nextInt(3));
            }
        }
        byte[] out = new byte[line.length - cut + insert.length];
        System.arraycopy(line, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(line, at + cut, out, at + insert.length, line.length - at - cut);
        return out;
    }

    private static int indexOf(byte[] b, byte c, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] good(int i) {
        return ("{\"__REALTIME_TIMESTAMP\":\"" + (USEC + i) + "\",\"_BOOT_ID\":\"b1\",\"__MONOTONIC_TIMESTAMP\":\"" + (1000 + i)
                + "\",\"MESSAGE\":\"good " + i + "\"}\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String line(String fields) {
        return "{\"__REALTIME_TIMESTAMP\":\"" + USEC + "\"," + fields + "}";
    }

    private static List<String> hostileLines() {
        return List.of(
                line("\"MESSAGE\":\"plain\",\"PRIORITY\":\"3\",\"_HOSTNAME\":\"h\""),
                line("\"MESSAGE\":\"quoted \\\"x\\\" tab\\t \\u00e9 \\ud83d\\ude00 \\\\x2d \\/ \\b\\f\\r\\n\""),
                line("\"MESSAGE\":\"lone \\ud800 and \\udfff and \\u0000 NUL\""),
                line("\"MESSAGE\":\"üñí ☃ 日本 😀\",\"_CMDLINE\":\"/usr/bin/x --flag=ü\""),
                line("\"MESSAGE\":[104,105,255],\"SYSLOG_IDENTIFIER\":\"bin\""),
                line("\"MESSAGE\":[],\"SYSLOG_IDENTIFIER\":\"empty\""),
                line("\"MESSAGE\":[0,0,0]"),
                line("\"MESSAGE\":[256]"),
                line("\"MESSAGE\":[01]"),
                line("\"MESSAGE\":[-0]"),
                line("\"MESSAGE\":[1.0]"),
                line("\"MESSAGE\":[\"a\",\"b\"]"),
                line("\"MESSAGE\":[\"a\",[104,105]]"),
                line("\"MESSAGE\":\"first\",\"MESSAGE\":\"second\""),
                line("\"MESSAGE\":\"first\",\"MESSAGE\":null"),
                line("\"MESSAGE\":\"first\",\"MESSAGE\":[104]"),
                line("\"MESSAGE\":null,\"MESSAGE\":\"last\""),
                line("\"MESSAGE\":\"x\",\"_HOSTNAME\":\"a\",\"_HOSTNAME\":\"b\""),
                line("\"MESSAGE\":null"),
                line("\"MESSAGE\":\"n\",\"PRIORITY\":3"),
                line("\"MESSAGE\":\"n\",\"PRIORITY\":\"3\",\"__MONOTONIC_TIMESTAMP\":12,\"_BOOT_ID\":\"b\""),
                line("\"MESSAGE\":\"n\",\"PRIORITY\":true"),
                line("\"MESSAGE\":\"n\",\"nested\":{\"a\":\"b\"}"),
                line("\"MESSAGE\":\"n\",\"_H\\u0041\":\"escaped name\""),
                line("\"MESSAGE\":\"n\",\"a b\":\"space in name\""),
                line("\"MESSAGE\":\"n\",\"\":\"empty name\""),
                line("\"MESSAGE\":\"bad escape \\x41\""),
                line("\"MESSAGE\":\"short unicode \\u12\""),
                line("\"MESSAGE\" : \"spaces\" , \"PRIORITY\":\"4\""),
                line("\"MESSAGE\":\"trailing\"") + " ",
                line("\"MESSAGE\":\"trailing cr\"") + "\r",
                line("\"MESSAGE\":\"two\"") + line("\"MESSAGE\":\"on one line\""),
                line("\"MESSAGE\":\"two\"") + " " + line("\"MESSAGE\":\"with a space\""),
                line("\"MESSAGE\":\"trailing comma\","),
                "{\"__REALTIME_TIMESTAMP\":\"" + USEC + "\",\"MESSAGE\":\"cut sh",
                "{\"__REALTIME_TIMESTAMP\":\"" + USEC + "\",\"MESSAGE\":\"cut after\"",
                "{\"__REALTIME_TIMESTAMP\":\"" + USEC + "\",\"MESSAGE\":[104,10",
                "{}",
                "{\"MESSAGE\":\"no time\"}",
                "{\"__REALTIME_TIMESTAMP\":\"soon\",\"MESSAGE\":\"bad time\"}",
                "{\"__REALTIME_TIMESTAMP\":\" " + USEC + " \",\"MESSAGE\":\"padded time\",\"PRIORITY\":\" 3 \"}",
                "{\"__REALTIME_TIMESTAMP\":\"" + USEC + "\",\"_BOOT_ID\":\"b1\",\"__MONOTONIC_TIMESTAMP\":\"1000\",\"MESSAGE\":\"clock a\"}",
                "{\"__REALTIME_TIMESTAMP\":\"" + (USEC + 60_000_000L) + "\",\"_BOOT_ID\":\"b1\",\"__MONOTONIC_TIMESTAMP\":\"2000\",\"MESSAGE\":\"jumped\"}",
                "{\"__REALTIME_TIMESTAMP\":\"" + USEC + "\",\"_BOOT_ID\":\"b1\",\"__MONOTONIC_TIMESTAMP\":\"x\",\"MESSAGE\":\"bad mono\"}",
                line("\"MESSAGE\":\"time=\\\"2025-10-05T15:00:07.5Z\\\" level=error msg=boom\",\"SYSLOG_IDENTIFIER\":\"dockerd\""),
                line("\"MESSAGE\":\"run-docker-runtime\\\\x2drunc-moby-a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90-runc.X.mount:"
                        + " Deactivated successfully.\",\"UNIT\":\"run-docker-runtime\\\\x2drunc-moby-a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90-runc.X.mount\""),
                line("\"MESSAGE\":\"hi\",\"CONTAINER_ID\":\"a1b2c3d4e5f6\",\"CONTAINER_NAME\":\"web\",\"SYSLOG_IDENTIFIER\":\"a1b2c3d4e5f6\""),
                line("\"MESSAGE\":\"context deadline exceeded\",\"CONTAINER_ID_FULL\":\"a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90\""),
                line("\"MESSAGE\":\"units\",\"UNIT\":null,\"USER_UNIT\":\"u.service\",\"_SYSTEMD_UNIT\":\"s.service\""),
                "[" + line("\"MESSAGE\":\"in an array\"") + "]",
                "\"a string root\"",
                "42",
                "not json at all }{",
                "{\"__REALTIME_TIMESTAMP\":\"" + USEC + "\",\"MESSAGE\":[\n104]}",
                "{\n\"__REALTIME_TIMESTAMP\":\"" + USEC + "\",\n\"MESSAGE\":\"pretty\"\n}",
                "{\"__REALTIME_TIMESTAMP\":\"" + USEC + "\",\"MESSAGE\":\"" + "long ".repeat(30_000) + "\"}",
                "{\"__REALTIME_TIMESTAMP\":\"" + USEC + "\",\"MESSAGE\":\"" + "x".repeat(JournalLine.MAX_STRING_BYTES + 10) + "\"}",
                "{\"__REALTIME_TIMESTAMP\":\"" + USEC + "\",\"" + "N".repeat(300) + "\":\"long name\"}");
    }

    private static List<byte[]> hostileBytes() {
        List<byte[]> out = new ArrayList<>();
        for (byte[] raw : RAW_SNIPPETS) {
            out.add(TestBundles.concat(line("\"MESSAGE\":\"before ").getBytes(StandardCharsets.UTF_8), raw,
                    " after\"}".getBytes(StandardCharsets.UTF_8)));
            byte[] quoted = line("\"MESSAGE\":\"x\",\"_HOSTNAME\":\"h").getBytes(StandardCharsets.UTF_8);
            out.add(TestBundles.concat(java.util.Arrays.copyOf(quoted, quoted.length - 1), raw, "\"}".getBytes(StandardCharsets.UTF_8)));
        }
        out.add(TestBundles.concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, good(3)));
        out.add(TestBundles.concat(good(4), new byte[40], good(5)));
        out.add(TestBundles.concat(good(6), "\r\n".getBytes(StandardCharsets.UTF_8), good(7)));
        return out;
    }

    /**
     * Reads {@code bytes} with the scanner and with the JSON parser alone and asserts they agree, held and deferred;
     * returns how many records the scanner read.
     */
    private static int same(String what, byte[] bytes) {
        EntryContext ctx = new EntryContext("imported/journal.json", "host", ZoneOffset.UTC, true, 0, null, null, null, null);
        Collector scanned = new Collector();
        Collector parsed = new Collector();
        int lines = JournalJsonParser.parse(ctx, bytes, bytes.length, scanned, new JournalEntries(ctx, JournalJsonParser.SOURCE, scanned), true);
        assertThat(JournalJsonParser.parse(ctx, bytes, bytes.length, parsed, new JournalEntries(ctx, JournalJsonParser.SOURCE, parsed), false)).isZero();
        List<Event> a = scanned.events();
        List<Event> b = parsed.events();
        assertThat(a).as(what).isEqualTo(b);
        for (int i = 0; i < a.size(); i++) {
            assertThat(List.copyOf(a.get(i).fields().entrySet())).as("%s: fields of event %d in order", what, i)
                    .isEqualTo(List.copyOf(b.get(i).fields().entrySet()));
        }
        List<Diagnostic> da = scanned.diagnostics();
        assertThat(da).as(what).isEqualTo(parsed.diagnostics());

        // the same bytes at the start of a longer buffer (a piece read into a reused one) read the same
        byte[] padded = TestBundles.concat(bytes, "\"}\n{\"__REALTIME_TIMESTAMP\":\"1\"}\n".getBytes(StandardCharsets.UTF_8));
        Collector inPlace = new Collector();
        JournalJsonParser.parse(ctx, padded, bytes.length, inPlace, new JournalEntries(ctx, JournalJsonParser.SOURCE, inPlace), true);
        assertThat(inPlace.events()).as("%s, in a longer buffer", what).isEqualTo(b);
        assertThat(inPlace.diagnostics()).as("%s, in a longer buffer", what).isEqualTo(da);

        EventTable deferredScanned = deferred(ctx, bytes, true);
        EventTable deferredParsed = deferred(ctx, bytes, false);
        assertThat(deferredScanned.size()).isEqualTo(deferredParsed.size()).isEqualTo(b.size());
        for (int i = 0; i < deferredParsed.size(); i++) {
            assertThat(deferredScanned.message(i)).as("%s: deferred message of row %d", what, i).isEqualTo(deferredParsed.message(i));
            assertThat(deferredScanned.get(i)).as("%s: deferred event of row %d", what, i).isEqualTo(deferredParsed.get(i));
            assertThat(deferredScanned.line(i)).isEqualTo(deferredParsed.line(i));
            assertThat(deferredScanned.healthCandidate(i)).isEqualTo(deferredParsed.healthCandidate(i));
            for (EventTable.Column c : EventTable.Column.values()) {
                assertThat(deferredScanned.value(c, i)).isEqualTo(deferredParsed.value(c, i));
            }
        }
        return lines;
    }

    /** {@code bytes} read into deferred rows, read back from the bytes themselves (with the JSON parser alone). */
    private static EventTable deferred(EntryContext ctx, byte[] bytes, boolean scan) {
        Collector out = new Collector();
        out.beginEntry();
        int source = out.source(new Bytes(ctx, bytes));
        out.deferTo(source, 0);
        JournalJsonParser.parse(ctx, bytes, bytes.length, out, new JournalEntries(ctx, JournalJsonParser.SOURCE, out, false), scan);
        return out.events();
    }

    /** Records read back from an array, as {@link RawJournal} reads them from a file; messages as it decodes them. */
    private record Bytes(EntryContext ctx, byte[] bytes) implements EventTable.Records {
        @Override
        public Event read(long offset, int length, long line) {
            byte[] record = java.util.Arrays.copyOfRange(bytes, (int) offset, (int) offset + length);
            Collector one = new Collector();
            EntryContext at = ctx.withTextMap(TextMap.IDENTITY.after(line - 1, offset));
            JournalJsonParser.parse(at, record, record.length, one, new JournalEntries(at, JournalJsonParser.SOURCE, one, false), false);
            assertThat(one.eventCount()).isEqualTo(1);
            return one.onlyEvent();
        }

        @Override
        public String text(long offset, int length, boolean escaped) {
            return escaped ? JsonRecords.unescape(bytes, (int) offset, (int) offset + length)
                    : new String(bytes, (int) offset, length, StandardCharsets.UTF_8);
        }
    }
}
