package io.faultline.ingest;

import io.faultline.capture.SourceKind;
import io.faultline.model.Diagnostic;
import io.faultline.model.EpochNanos;
import io.faultline.model.Evidence;
import io.faultline.model.TimeWindow;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Every parser in {@link Parsers#ALL} (whatever is registered when the test runs) against hostile input: random
 * bytes, every fixture cut at every 97th byte and with random bytes flipped, 10 MB lines, 100k-deep JSON nesting,
 * NUL bytes, invalid UTF-8, CRLF. Each input must be parsed (and detected) within a time bound without throwing,
 * and every diagnostic must say where (entry, line &ge; 0, a byte offset inside the input or -1) and why.
 * Seeds are fixed, so a failure names an input that can be replayed.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ParserFuzzTest {
    private static final Duration BOUND = Duration.ofSeconds(2);
    /** 10 MB inputs are read as text once or twice over; under a loaded 2-core machine that takes longer. */
    private static final Duration HUGE_BOUND = Duration.ofSeconds(6);
    private static final int HUGE = 10 * 1024 * 1024;
    private static final EntryContext CTX = new EntryContext("fuzz", "h", ZoneId.of("Europe/Berlin"), true, 1_500_000_000L,
            new TimeWindow(EpochNanos.of(Instant.parse("2025-10-05T00:00:00Z")), EpochNanos.of(Instant.parse("2025-10-06T00:00:00Z"))),
            null, Instant.parse("2025-10-06T00:00:00Z"), null);

    record Input(String name, Supplier<byte[]> bytes, Duration bound) {
    }

    private static List<Path> fixtures() {
        try (Stream<Path> files = Files.list(TestBundles.FIXTURES)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void check(SourceParser parser, String name, byte[] data, Duration bound) {
        Collector out = assertTimeoutPreemptively(bound, () -> {
            FormatDetector.detect(name, Arrays.copyOf(data, Math.min(data.length, FormatDetector.HEAD_BYTES)));
            Collector c = new Collector();
            c.beginEntry();
            parser.parse(CTX, data, c);
            c.endEntry();
            return c;
        }, () -> parser.getClass().getSimpleName() + " on " + name + " took longer than " + bound);
        for (Diagnostic d : out.diagnostics()) {
            assertThat(d.where().entry()).as("%s on %s: entry of %s", parser.getClass().getSimpleName(), name, d).isEqualTo("fuzz");
            assertThat(d.where().line()).as("%s on %s: line of %s", parser.getClass().getSimpleName(), name, d).isGreaterThanOrEqualTo(0);
            assertThat(d.where().byteOffset()).as("%s on %s: byte offset of %s", parser.getClass().getSimpleName(), name, d)
                    .isBetween(-1L, (long) data.length);
            assertThat(d.reason()).as("%s on %s: reason of %s", parser.getClass().getSimpleName(), name, d).isNotBlank();
        }
    }

    private static Stream<DynamicTest> overAllParsers(List<Input> inputs) {
        return Parsers.ALL.stream().map(p -> DynamicTest.dynamicTest(p.getClass().getSimpleName(), () -> {
            for (Input in : inputs) {
                check(p, in.name(), in.bytes().get(), in.bound());
            }
        }));
    }

    private static Input small(String name, Supplier<byte[]> bytes) {
        return new Input(name, bytes, BOUND);
    }

    @TestFactory
    Stream<DynamicTest> randomBytes() {
        List<Input> inputs = new ArrayList<>();
        for (int seed = 1; seed <= 40; seed++) {
            int s = seed;
            inputs.add(small("random bytes seed " + s, () -> {
                Random r = new Random(s);
                byte[] b = new byte[r.nextInt(1 << (4 + s % 13))];
                r.nextBytes(b);
                return b;
            }));
            inputs.add(small("random printable lines seed " + s, () -> {
                Random r = new Random(s * 31L);
                byte[] b = new byte[r.nextInt(1 << (4 + s % 13))];
                String alphabet = "{}[]\":,0123456789 -.T:Z<>=()abcxyzJanOct\n\n\r\t\\";
                for (int i = 0; i < b.length; i++) {
                    b[i] = (byte) alphabet.charAt(r.nextInt(alphabet.length()));
                }
                return b;
            }));
        }
        return overAllParsers(inputs);
    }

    /** Each fixture cut after every 97th byte, given to every parser. */
    @TestFactory
    Stream<DynamicTest> truncatedFixtures() {
        List<Input> inputs = new ArrayList<>();
        for (Path f : fixtures()) {
            int len = read(f).length;
            for (int cut = 0; cut < len; cut += 97) {
                int at = cut;
                inputs.add(small(f.getFileName() + " cut at byte " + at, () -> Arrays.copyOf(read(f), at)));
            }
        }
        return overAllParsers(inputs);
    }

    /** Each fixture with bytes flipped, NULs and invalid UTF-8 put in, and with CRLF line ends. */
    @TestFactory
    Stream<DynamicTest> damagedFixtures() {
        List<Input> inputs = new ArrayList<>();
        for (Path f : fixtures()) {
            String name = f.getFileName().toString();
            for (int seed = 1; seed <= 5; seed++) {
                int s = seed;
                inputs.add(small(name + " with bytes flipped seed " + s, () -> {
                    byte[] b = read(f);
                    Random r = new Random(s + name.hashCode());
                    for (int i = 0; i < 1 + b.length / 200 && b.length > 0; i++) {
                        b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                    }
                    return b;
                }));
            }
            inputs.add(small(name + " with NULs", () -> insertEvery(read(f), 53, new byte[] {0})));
            inputs.add(small(name + " with invalid UTF-8", () -> insertEvery(read(f), 41, new byte[] {(byte) 0xc3, 0x28, (byte) 0xff})));
            inputs.add(small(name + " with CRLF", () -> new String(read(f), StandardCharsets.UTF_8).replace("\n", "\r\n")
                    .getBytes(StandardCharsets.UTF_8)));
            inputs.add(small(name + " with lone CR", () -> new String(read(f), StandardCharsets.UTF_8).replace("\n", "\r")
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return overAllParsers(inputs);
    }

    @TestFactory
    Stream<DynamicTest> pathologicalInputs() {
        List<Input> inputs = List.of(
                small("100k '['", () -> repeat("[", 100_000)),
                small("100k '{\"a\":'", () -> repeat("{\"a\":", 100_000)),
                small("100k '[' then 100k ']'", () -> (repeat("[", 100_000, "]", 100_000))),
                small("journal JSON with 100k-deep MESSAGE", () -> concat("{\"__REALTIME_TIMESTAMP\":\"1759676425000000\",\"MESSAGE\":",
                        repeat("[", 100_000))),
                small("only NUL bytes", () -> new byte[100_000]),
                small("NUL lines", () -> repeat("\0\n", 50_000)),
                small("invalid UTF-8 only", () -> insertEvery(filled(3000, (byte) 0x80), 7, new byte[] {(byte) 0xff, (byte) 0xc0, '\n'})),
                small("lone surrogate bytes", () -> new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80, '\n', (byte) 0xf4, (byte) 0x90}),
                small("100k empty lines", () -> repeat("\n", 100_000)),
                small("100k CRLF lines", () -> repeat("\r\n", 100_000)),
                small("100k short lines of spaces and tabs", () -> repeat(" \t\n", 100_000)),
                small("one line of 100k ' ('", () -> repeat(" (a=", 100_000)),
                small("docker event text with 50k ', k=' attributes",
                        () -> concat("2026-12-03T19:00:00Z container die x (", repeat("a, b=", 50_000))),
                new Input("10 MB line of 'a'", () -> filled(HUGE, (byte) 'a'), HUGE_BOUND),
                new Input("10 MB journal short line", () -> concat("Oct 05 15:00:00 host app[1]: ", filled(HUGE, (byte) 'x')), HUGE_BOUND),
                new Input("10 MB JSON string not closed", () -> concat("{\"MESSAGE\":\"", filled(HUGE, (byte) 'x')), HUGE_BOUND),
                new Input("10 MB of newlines", () -> filled(HUGE, (byte) '\n'), HUGE_BOUND));
        return overAllParsers(inputs);
    }

    /**
     * The whole ingest (detection, every parser, the docker cross-entry step) on a bundle of every fixture cut in half
     * and with bytes flipped, kinds left to detection, and with every fixture forced on every kind.
     */
    @Test
    void wholeIngestOfDamagedFixtures(@TempDir Path dir) {
        List<TestBundles.Entry> entries = new ArrayList<>();
        Random r = new Random(97);
        for (Path f : fixtures()) {
            byte[] b = read(f);
            entries.add(new TestBundles.Entry("half/" + f.getFileName(), "h", SourceKind.UNKNOWN, Arrays.copyOf(b, b.length / 2)));
            byte[] flipped = b.clone();
            for (int i = 0; i < 1 + b.length / 100 && b.length > 0; i++) {
                flipped[r.nextInt(b.length)] = (byte) r.nextInt(256);
            }
            entries.add(new TestBundles.Entry("flipped/" + f.getFileName(), "h", SourceKind.UNKNOWN, flipped));
            for (SourceParser p : Parsers.ALL) {
                entries.add(new TestBundles.Entry(p.kind().id() + "/" + f.getFileName(), "h", p.kind(), b));
            }
        }
        Evidence ev = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> TestBundles.ingest(dir, "2026-12-03T19:00:00Z",
                "2026-12-03T20:00:00Z", List.of(TestBundles.host("h", "Europe/Berlin", 250)), entries));
        assertThat(ev.sources()).hasSize(entries.size());
        Set<String> paths = new HashSet<>();
        entries.forEach(e -> paths.add(e.path()));
        assertThat(ev.diagnostics()).isNotEmpty().allSatisfy(d -> {
            assertThat(d.where().line()).isGreaterThanOrEqualTo(0);
            assertThat(d.reason()).isNotBlank();
            assertThat(paths).contains(d.where().entry());
        });
    }

    private static byte[] insertEvery(byte[] data, int every, byte[] insert) {
        byte[] out = new byte[data.length + (data.length / every + 1) * insert.length];
        int o = 0;
        for (int i = 0; i < data.length; i++) {
            if (i % every == 0) {
                System.arraycopy(insert, 0, out, o, insert.length);
                o += insert.length;
            }
            out[o++] = data[i];
        }
        return Arrays.copyOf(out, o);
    }

    private static byte[] repeat(String s, int n) {
        return s.repeat(n).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] repeat(String a, int n, String b, int m) {
        return (a.repeat(n) + b.repeat(m)).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] filled(int n, byte value) {
        byte[] b = new byte[n];
        Arrays.fill(b, value);
        return b;
    }

    private static byte[] concat(String head, byte[] tail) {
        byte[] h = head.getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(h, h.length + tail.length);
        System.arraycopy(tail, 0, out, h.length, tail.length);
        return out;
    }
}
