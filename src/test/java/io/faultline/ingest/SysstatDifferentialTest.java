package io.faultline.ingest;

import io.faultline.capture.SourceKind;
import io.faultline.model.Evidence;
import io.faultline.model.Series;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.faultline.ingest.TestBundles.host;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The real sysstat tools on this machine: two renderings of the same data must give the same series. */
class SysstatDifferentialTest {
    private static final String ZONE = "Europe/Berlin";
    private static final List<String> DISK_METRICS = List.of("util", "await", "aqu_sz", "rkB_s", "wkB_s", "tps");

    @TempDir
    Path dir;

    /** sadc writes an sa file; sadf -j, sar -d and sar -d -p read it; all three give the same numbers. */
    @Test
    void sadfJsonAndSarTextOfOneSaFileAgree() throws Exception {
        Path sa = dir.resolve("sa-x");
        run(Map.of(), "/usr/lib/sysstat/sadc", "-S", "DISK", "1", "4", sa.toString());
        Map<String, Series> json = series(SourceKind.SADF_JSON, run(Map.of("TZ", ZONE), "sadf", "-j", sa.toString(), "--", "-d"));
        Map<String, Series> text = series(SourceKind.SAR_TEXT, run(Map.of("TZ", ZONE), "sar", "-d", "-f", sa.toString()));
        Map<String, Series> pretty = series(SourceKind.SAR_TEXT, run(Map.of("TZ", ZONE), "sar", "-d", "-p", "-f", sa.toString()));
        long compared = DISK_METRICS.stream().filter(m -> json.keySet().stream().anyMatch(k -> k.endsWith(" " + m))).count();
        assertThat(compared).as("every disk metric present in sadf -j").isEqualTo(DISK_METRICS.size());
        for (Map<String, Series> other : List.of(text, pretty)) {
            for (Series j : json.values()) {
                if (!DISK_METRICS.contains(j.metric())) {
                    continue;
                }
                Series t = other.get(j.name());
                assertThat(t).as("sar text has %s", j.name()).isNotNull();
                assertThat(t.timesNanos()).as("times of %s", j.name()).containsExactly(j.timesNanos());
                assertThat(j.size()).isEqualTo(3);
                for (int i = 0; i < j.size(); i++) {
                    assertThat(t.valueAt(i)).as("%s sample %d", j.name(), i).isCloseTo(j.valueAt(i), within(0.0051));
                }
            }
        }
    }

    private Map<String, Series> series(SourceKind kind, byte[] output) throws IOException {
        Evidence ev = TestBundles.ingest(dir, null, null, List.of(host("vm", ZONE, 0)),
                List.of(new TestBundles.Entry("raw/" + kind.id(), "vm", kind, output)));
        assertThat(ev.diagnostics()).as("diagnostics of %s", kind).allMatch(d -> d.level() != io.faultline.model.Diagnostic.Level.ERROR);
        return ev.series().stream().collect(Collectors.toMap(Series::name, Function.identity()));
    }

    private byte[] run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(dir.resolve("stderr.txt").toFile());
        pb.environment().putAll(env);
        pb.environment().put("LC_ALL", "C");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command[0]).isTrue();
        assertThat(p.exitValue()).as("%s exit status; stderr: %s", String.join(" ", command),
                Files.readString(dir.resolve("stderr.txt"))).isZero();
        return out;
    }

    /**
     * iostat -x text and -o JSON cannot come from one run: two runs of two reports each (with -t, so both are
     * placed), started together, compared on their first report (the averages since boot, computed at start).
     */
    @Test
    void iostatJsonAndTextAgreeOnTheSinceBootReport() throws Exception {
        Process jsonRun = start("iostat", "-x", "-t", "-o", "JSON", "1", "2");
        Process textRun = start("iostat", "-x", "-t", "1", "2");
        Map<String, Series> json = series(SourceKind.IOSTAT_JSON, finish(jsonRun));
        Map<String, Series> text = series(SourceKind.IOSTAT_TEXT, finish(textRun));
        assertThat(json.keySet()).as("same devices and metrics").isEqualTo(text.keySet());
        assertThat(json).containsKeys("vda util", "vda rkB_s", "vda wkB_s", "vda aqu_sz", "vda await", "vda tps", "cpu cpu_user");
        for (Series j : json.values()) {
            Series t = text.get(j.name());
            assertThat(j.size()).as("two reports of %s", j.name()).isEqualTo(2);
            assertThat(t.size()).as("two reports of %s", t.name()).isEqualTo(2);
            assertThat(Math.abs(t.timeAt(0) - j.timeAt(0))).as("started together").isLessThanOrEqualTo(1_000_000_000L);
            // Printed with two decimals: the two renderings differ by a rounding step at most (tps and await
            // are sums of rounded parts), plus what a few milliseconds between the starts move an average.
            double tolerance = Math.max(0.031, Math.abs(j.valueAt(0)) * 0.002);
            assertThat(t.valueAt(0)).as("%s", j.name()).isCloseTo(j.valueAt(0), within(tolerance));
        }
    }

    private Process start(String... command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("LC_ALL", "C");
        return pb.start();
    }

    private static byte[] finish(Process p) throws IOException, InterruptedException {
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("iostat finished").isTrue();
        assertThat(p.exitValue()).as("iostat exit status").isZero();
        return out;
    }
}
