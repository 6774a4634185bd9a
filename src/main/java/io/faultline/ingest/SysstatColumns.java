package io.faultline.ingest;

import java.util.List;
import java.util.Map;

/**
 * Maps the column names of sar and iostat text (old and new sysstat) to the metric names of the model, the
 * same names {@link SadfJsonParser} uses: util, await, aqu_sz, rkB_s, wkB_s, tps, ... Sector columns of old
 * versions ({@code rd_sec/s}, {@code rsec/s}, {@code avgrq-sz}) are halved into kB. Columns with no
 * special name keep theirs made safe: {@code %memused} is memused_pct, {@code ldavg-1} is ldavg_1,
 * {@code bread/s} is bread_s, and CPU columns ({@code %user}) are cpu_user.
 */
final class SysstatColumns {
    /** A column's metric: name, unit, and the factor that turns the printed value into the unit. */
    record Metric(String name, String unit, double factor) {
    }

    private static final Map<String, Metric> DISK = Map.ofEntries(
            Map.entry("tps", new Metric("tps", "1/s", 1)),
            Map.entry("rkB/s", new Metric("rkB_s", "kB/s", 1)),
            Map.entry("wkB/s", new Metric("wkB_s", "kB/s", 1)),
            Map.entry("dkB/s", new Metric("dkB_s", "kB/s", 1)),
            Map.entry("rd_sec/s", new Metric("rkB_s", "kB/s", 0.5)),
            Map.entry("wr_sec/s", new Metric("wkB_s", "kB/s", 0.5)),
            Map.entry("rsec/s", new Metric("rkB_s", "kB/s", 0.5)),
            Map.entry("wsec/s", new Metric("wkB_s", "kB/s", 0.5)),
            Map.entry("areq-sz", new Metric("areq_sz", "kB", 1)),
            Map.entry("avgrq-sz", new Metric("areq_sz", "kB", 0.5)),
            Map.entry("aqu-sz", new Metric("aqu_sz", "requests", 1)),
            Map.entry("avgqu-sz", new Metric("aqu_sz", "requests", 1)),
            Map.entry("await", new Metric("await", "ms", 1)),
            Map.entry("svctm", new Metric("svctm", "ms", 1)),
            Map.entry("%util", new Metric("util", "%", 1)));

    private SysstatColumns() {
    }

    /** The metric of a column; {@code cpu} for the columns of a CPU section. */
    static Metric of(String column, boolean cpu) {
        Metric m = DISK.get(column);
        if (m != null) {
            return m;
        }
        String name = column;
        boolean pct = name.startsWith("%");
        if (pct) {
            name = name.substring(1);
        }
        String unit = pct ? "%" : name.endsWith("kB/s") ? "kB/s" : name.endsWith("/s") || name.endsWith("tps") ? "1/s" : name.endsWith("await") ? "ms"
                : name.startsWith("kb") ? "kB" : name.endsWith("req-sz") ? "kB" : "";
        name = name.replace('/', '_').replace('-', '_');
        if (cpu) {
            return new Metric("cpu_" + name, unit, 1);
        }
        return new Metric(pct ? name + "_pct" : name, unit, 1);
    }

    /** The device a section without a device column describes: load (-q), memory (-r), all (-b and others). */
    static String implicitDevice(List<String> columns) {
        if (columns.contains("runq-sz") || columns.contains("ldavg-1")) {
            return "load";
        }
        if (columns.contains("kbmemfree") || columns.contains("%memused")) {
            return "memory";
        }
        return "all";
    }
}
