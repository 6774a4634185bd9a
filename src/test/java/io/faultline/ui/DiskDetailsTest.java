package io.faultline.ui;

import io.faultline.model.Evidence;
import io.faultline.model.HostInfo;
import io.faultline.model.Series;
import io.faultline.model.TimeWindow;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The small multiples under the disk charts, from the series a case holds (no JavaFX). */
class DiskDetailsTest {
    private static final long S = 1_000_000_000L;

    private static Series series(String device, String metric, String unit, double... values) {
        long[] t = new long[values.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = (i + 1) * 10 * S;
        }
        return new Series("db1", device, metric, unit, t, values);
    }

    @Test
    void queueAndThroughputPerDiskThenIoPressurePerHostOnlyForSeriesThatExist() {
        List<Series> all = List.of(
                series("sda", "util", "%", 40, 100, 100),
                series("sda", "await", "ms", 3, 800, 1200),
                series("sda", "aqu_sz", "requests", 0.4, 31.5, 40.2),
                series("sda", "rkB_s", "kB/s", 12, 0, 4),
                series("sda", "wkB_s", "kB/s", 880, 16_384, 15_900),
                series("io", "psi_some", "%", 2.5, 91.0, 97.3),
                series("io", "psi_full", "%", 1.0, 88.2, 95.0),
                series("io", "psi_some_avg10", "%", 1.12, 60, 90),
                series("sdb", "util", "%", 1, 2, 1),
                series("sdb", "wkB_s", "kB/s", 4, 4, 8));
        Evidence ev = new Evidence(new TimeWindow(0, 40 * S), List.of(new HostInfo("db1", "UTC", 0, 0)), List.of(), List.of(),
                all, List.of(), List.of(), List.of());
        List<WorkbenchData.MetricPanel> panels = WorkbenchData.prepare(new LoadedCase(null, ev, null)).diskDetails();

        assertThat(panels).extracting(p -> p.device() + " " + p.title()).containsExactly(
                "sda queue", "sda throughput", "sdb throughput", "io IO pressure");
        assertThat(panels.get(0).names()).containsExactly("aqu-sz");
        assertThat(panels.get(0).unit()).isEqualTo("requests");
        assertThat(panels.get(1).series()).extracting(Series::metric).containsExactly("rkB_s", "wkB_s");
        assertThat(panels.get(1).names()).containsExactly("read", "write");
        assertThat(panels.get(2).names()).containsExactly("write");
        assertThat(panels.get(3).series()).extracting(Series::metric).containsExactly("psi_some", "psi_full");
        assertThat(panels.get(3).series().get(1).valueAt(2)).isEqualTo(95.0);
        assertThat(panels.get(3).unit()).isEqualTo("%");
    }
}
