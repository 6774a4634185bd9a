package io.faultline.ingest;

import io.faultline.model.Diagnostic;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The sar, iostat, /proc sample and dmesg parsers on damaged input: every cut of a real fixture, random byte
 * changes, random bytes, a huge line, NUL bytes, deep JSON nesting. None may throw or hang; every diagnostic
 * names the entry.
 */
class SysstatKernelFuzzTest {
    private static final List<SourceParser> PARSERS = List.of(new SarTextParser(), new IostatTextParser(), new IostatJsonParser(),
            new DiskstatsParser(), new PressureIoParser(), new DmesgParser());

    @ParameterizedTest
    @ValueSource(strings = {"sar-d-v10-12h.txt", "sar-bqur-real.txt", "sar-d-de.txt", "iostat-x-t-real.txt", "iostat-x-v10.txt",
            "iostat-x-t-real.json", "diskstats-old.txt", "diskstats-real.txt", "pressure-io-reboot.txt", "dmesg-traces.txt",
            "dmesg-x-real.txt"})
    void damagedCopiesOfAFixture(String fixture) throws Exception {
        byte[] good = TestBundles.fixture(fixture);
        List<byte[]> inputs = new ArrayList<>();
        int step = Math.max(1, good.length / 150);
        for (int cut = 0; cut <= good.length; cut += step) {
            inputs.add(Arrays.copyOf(good, cut));
        }
        Random rnd = new Random(fixture.hashCode());
        for (int i = 0; i < 60; i++) {
            byte[] b = good.clone();
            for (int k = 0; k < 1 + rnd.nextInt(8); k++) {
                b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
            }
            inputs.add(b);
        }
        byte[] nul = good.clone();
        nul[good.length / 2] = 0;
        inputs.add(nul);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (byte[] in : inputs) {
                parseWithAll(in);
            }
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void junkHugeLinesAndDeepNesting(int seed) {
        Random rnd = new Random(seed);
        byte[] random = new byte[64 * 1024];
        rnd.nextBytes(random);
        byte[] huge = ("Linux 6.1.0 (h) \t12/03/2026 \t_x86_64_\t(2 CPU)\n\n12:00:01 DEV tps %util\n12:00:02 sda "
                + "9".repeat(2_000_000) + " 1\n[ 1.0] " + "x".repeat(1_000_000) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] deep = ("{\"sysstat\":{\"hosts\":[{\"disk_device\":" + "[".repeat(100_000)).getBytes(StandardCharsets.UTF_8);
        byte[] stamps = ("1700000000\n" + "   8 0 sda 1 2 3 4 5 6 7 8 9 10 18446744073709551615\n".repeat(10)
                + "99999999999.9999999999\n<99999999999>[ 99999999999999999999999.1] x\n").getBytes(StandardCharsets.UTF_8);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            parseWithAll(random);
            parseWithAll(huge);
            parseWithAll(deep);
            parseWithAll(stamps);
        });
    }

    private static void parseWithAll(byte[] data) {
        for (SourceParser p : PARSERS) {
            Collector out = new Collector();
            out.beginEntry();
            EntryContext ctx = new EntryContext("fuzz/" + p.kind().id(), "h", ZoneId.of("Europe/Berlin"), true, 0, null, null, null, null);
            p.probe("x", Arrays.copyOf(data, Math.min(data.length, FormatDetector.HEAD_BYTES)));
            p.parse(ctx, data, out);
            out.endEntry();
            assertThat(out.diagnostics()).allSatisfy(d -> {
                assertThat(d.where().entry()).isEqualTo(ctx.entry());
                assertThat(d.where().line()).isNotNegative();
                assertThat(d.level()).isIn((Object[]) Diagnostic.Level.values());
            });
        }
    }
}
