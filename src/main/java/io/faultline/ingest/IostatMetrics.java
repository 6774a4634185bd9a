package io.faultline.ingest;

import java.util.Map;

/**
 * One iostat device or CPU record into samples, for text ({@code %util}, {@code rkB/s}) and JSON ({@code util},
 * {@code rkB/s}) alike. Names as {@link SysstatColumns}; sysstat 12 prints no total tps or await, so tps is
 * r/s + w/s + d/s and await the mean of r_await, w_await and d_await weighted by r/s, w/s and d/s (what sar
 * prints, up to the rounding of the printed parts).
 */
final class IostatMetrics {
    private IostatMetrics() {
    }

    /** A JSON key as the text column of the same meaning. */
    static String columnOfJsonKey(String key) {
        return switch (key) {
            case "util", "rrqm", "wrqm", "drqm" -> "%" + key;
            default -> key;
        };
    }

    /** Adds a device's values (column name → value, in the order printed) at {@code time}. */
    static void device(SeriesAccumulator acc, String device, long time, Map<String, Double> values) {
        for (Map.Entry<String, Double> e : values.entrySet()) {
            SysstatColumns.Metric m = SysstatColumns.of(e.getKey(), false);
            acc.add(device, m.name(), m.unit(), time, e.getValue() * m.factor());
        }
        Double r = values.get("r/s");
        Double w = values.get("w/s");
        Double d = values.getOrDefault("d/s", 0.0);
        if (!values.containsKey("tps") && r != null && w != null) {
            acc.add(device, "tps", "1/s", time, r + w + d);
        }
        Double ra = values.get("r_await");
        Double wa = values.get("w_await");
        if (!values.containsKey("await") && r != null && w != null && ra != null && wa != null) {
            double ios = r + w + d;
            double weighted = r * ra + w * wa + d * values.getOrDefault("d_await", 0.0);
            acc.add(device, "await", "ms", time, ios == 0 ? 0 : weighted / ios);
        }
    }

    /** Adds the avg-cpu values ({@code %user} or {@code user} → cpu_user) at {@code time}, device cpu. */
    static void cpu(SeriesAccumulator acc, long time, Map<String, Double> values) {
        for (Map.Entry<String, Double> e : values.entrySet()) {
            String col = e.getKey().startsWith("%") ? e.getKey() : "%" + e.getKey();
            SysstatColumns.Metric m = SysstatColumns.of(col, true);
            acc.add("cpu", m.name(), m.unit(), time, e.getValue());
        }
    }
}
