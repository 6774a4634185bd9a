package io.faultline.ingest;

import io.faultline.capture.SourceKind;
import io.faultline.model.Diagnostic;
import io.faultline.model.EpochNanos;
import io.faultline.model.Evidence;
import io.faultline.model.Series;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.faultline.ingest.TestBundles.entry;
import static io.faultline.ingest.TestBundles.host;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Stamped samples of /proc/diskstats and /proc/pressure/io: rates worked out by hand, and expected outputs. */
class ProcSamplesTest {
    @TempDir
    Path dir;

    private Evidence ingest(String fixture, SourceKind kind) throws Exception {
        return TestBundles.ingest(dir, null, null, List.of(host("h", "UTC", 0)), List.of(entry(fixture, "h", kind)));
    }

    private static double[] values(Evidence ev, String device, String metric) {
        return ev.series().stream().filter(s -> s.device().equals(device) && s.metric().equals(metric)).findFirst()
                .map(Series::values).orElseThrow(() -> new AssertionError("no series " + device + " " + metric));
    }

    private static List<String> problems(Evidence ev) {
        return ev.diagnostics().stream().filter(d -> d.level() != Diagnostic.Level.INFO).map(Diagnostic::describe).toList();
    }

    /** 14 fields, 7-field partitions, an io_ticks wrap at 2^32, sdb appearing mid-way, a reboot, a stamp going back. */
    @Test
    void oldKernelCountersWrapsAndResets() throws Exception {
        Evidence ev = ingest("diskstats-old.txt", SourceKind.UNKNOWN);
        assertThat(ev.sources().getFirst().kind()).isEqualTo("diskstats");
        // sda: 2 s intervals ending at +2, +4 (io_ticks wrapped), then the reboot at +6, then +8.
        assertThat(values(ev, "sda", "util")).containsExactly(50, 50, 10);
        assertThat(values(ev, "sda", "r_s")).containsExactly(100, 0, 50);
        assertThat(values(ev, "sda", "w_s")).containsExactly(100, 100, 0);
        assertThat(values(ev, "sda", "tps")).containsExactly(200, 100, 50);
        assertThat(values(ev, "sda", "rkB_s")).containsExactly(1000, 0, 200);
        assertThat(values(ev, "sda", "wkB_s")).containsExactly(1000, 1000, 0);
        assertThat(values(ev, "sda", "await")).containsExactly(5, 3, 2);
        assertThat(values(ev, "sda", "w_await")).containsExactly(5, 3, 0);
        assertThat(values(ev, "sda", "aqu_sz")).containsExactly(1.0, 0.5, 0.1);
        Series util = ev.series().stream().filter(s -> s.device().equals("sda") && s.metric().equals("util")).findFirst().orElseThrow();
        assertThat(EpochNanos.iso(util.timeAt(0))).isEqualTo("2023-11-14T22:13:22.000000000Z");
        assertThat(EpochNanos.iso(util.timeAt(2))).isEqualTo("2023-11-14T22:13:28.000000000Z");
        assertThat(values(ev, "sda1", "rkB_s")).containsExactly(1000);
        assertThat(values(ev, "sda1", "tps")).containsExactly(200);
        assertThat(values(ev, "sdb", "util")).containsExactly(2);
        assertThat(values(ev, "sdb", "rkB_s")).containsExactly(40);
        assertThat(problems(ev)).hasSize(4)
                .anySatisfy(p -> assertThat(p).contains("line 1 byte 0", "before the first time stamp"))
                .anySatisfy(p -> assertThat(p).contains("line 11 ", "not a /proc/diskstats line (5 fields"))
                .anySatisfy(p -> assertThat(p).contains("line 14 ", "sda: counters went back"))
                .anySatisfy(p -> assertThat(p).contains("line 17 ", "stamp not after the one before it"));
        assertThat(ev.diagnostics()).anySatisfy(d -> assertThat(d.reason()).contains("1 counters wrapped at 2^32"));
    }

    /** 18 fields (discards), ISO stamps from date -Ins half a second apart. */
    @Test
    void discardsAndIsoStamps() throws Exception {
        Evidence ev = ingest("diskstats-18.txt", SourceKind.UNKNOWN);
        assertThat(values(ev, "nvme0n1", "tps")).containsExactly(420);
        assertThat(values(ev, "nvme0n1", "r_s")).containsExactly(200);
        assertThat(values(ev, "nvme0n1", "rkB_s")).containsExactly(800);
        assertThat(values(ev, "nvme0n1", "dkB_s")).containsExactly(2048);
        assertThat(values(ev, "nvme0n1", "util")).containsExactly(50);
        assertThat(values(ev, "nvme0n1", "await")[0]).isCloseTo(70.0 / 210, within(1e-12));
        assertThat(values(ev, "nvme0n1", "r_await")[0]).isCloseTo(0.1, within(1e-12));
        assertThat(values(ev, "nvme0n1", "aqu_sz")[0]).isCloseTo(0.2, within(1e-12));
        assertThat(problems(ev)).isEmpty();
    }

    /** PSI: the stalled share of each interval from the totals, the kernel's averages as printed, a reboot. */
    @Test
    void pressureTotalsAndReboot() throws Exception {
        Evidence ev = ingest("pressure-io-reboot.txt", SourceKind.UNKNOWN);
        assertThat(values(ev, "io", "psi_some")).containsExactly(75);
        assertThat(values(ev, "io", "psi_full")).containsExactly(50);
        assertThat(values(ev, "io", "psi_some_avg10")).containsExactly(12.5, 40, 0);
        assertThat(values(ev, "io", "psi_full_avg10")).containsExactly(10, 30);
        assertThat(problems(ev)).hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("line 8 ", "some total went back"))
                .anySatisfy(p -> assertThat(p).contains("line 9 ", "not a /proc/pressure line"));
    }

    /** Real samples taken on this machine (20 fields; /proc/pressure/io), compared with expected output. */
    @Test
    void realSamples() throws Exception {
        Evidence ev = TestBundles.ingest(dir, null, null, List.of(host("vm", "UTC", 500)), List.of(
                entry("diskstats-real.txt", "vm", SourceKind.UNKNOWN),
                entry("pressure-io-real.txt", "vm", SourceKind.UNKNOWN)));
        EvidenceJson.assertMatches(ev, "proc-samples-real");
    }
}
