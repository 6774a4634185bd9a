package io.faultline.ui;

import java.util.Locale;

/** Short human forms of durations in nanoseconds: 30s, 3s, 1m30s, 250ms, 1.2ms. */
public final class Durations {
    private Durations() {
    }

    public static String compact(long nanos) {
        if (nanos < 0) {
            return "-" + compact(-nanos);
        }
        if (nanos < 1_000_000L) {
            return String.format(Locale.ROOT, "%.0fµs", nanos / 1e3);
        }
        if (nanos < 1_000_000_000L) {
            double ms = nanos / 1e6;
            return ms < 10 ? String.format(Locale.ROOT, "%.1fms", ms) : String.format(Locale.ROOT, "%.0fms", ms);
        }
        long totalSeconds = nanos / 1_000_000_000L;
        long remainderMs = (nanos % 1_000_000_000L) / 1_000_000L;
        if (totalSeconds < 60) {
            return remainderMs == 0 ? totalSeconds + "s"
                    : String.format(Locale.ROOT, "%.2fs", nanos / 1e9).replaceAll("0+s$", "s");
        }
        long h = totalSeconds / 3600;
        long m = (totalSeconds % 3600) / 60;
        long s = totalSeconds % 60;
        StringBuilder b = new StringBuilder();
        if (h > 0) {
            b.append(h).append('h');
        }
        if (m > 0) {
            b.append(m).append('m');
        }
        if (s > 0 && h == 0) {
            b.append(s).append('s');
        }
        return b.toString();
    }
}
