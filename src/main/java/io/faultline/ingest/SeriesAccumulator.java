package io.faultline.ingest;

import io.faultline.model.Series;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Gathers samples per device and metric, in the order they are read, and yields one {@link Series} each. */
final class SeriesAccumulator {
    private final String host;
    private final Map<String, Builder> builders = new LinkedHashMap<>();

    SeriesAccumulator(String host) {
        this.host = host;
    }

    String host() {
        return host;
    }

    void add(String device, String metric, String unit, long timeNanos, double value) {
        builders.computeIfAbsent(device + "\u0000" + metric, k -> new Builder(device, metric, unit)).add(timeNanos, value);
    }

    /** Emits every series, each sorted by time (equal times keep their read order). */
    void emit(Collector out) {
        for (Builder b : builders.values()) {
            out.series(b.build(host));
        }
    }

    private static final class Builder {
        private final String device;
        private final String metric;
        private final String unit;
        private long[] times = new long[16];
        private double[] values = new double[16];
        private int size;

        Builder(String device, String metric, String unit) {
            this.device = device;
            this.metric = metric;
            this.unit = unit;
        }

        void add(long t, double v) {
            if (size == times.length) {
                times = Arrays.copyOf(times, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            times[size] = t;
            values[size] = v;
            size++;
        }

        Series build(String host) {
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (x, y) -> Long.compare(times[x], times[y]));
            long[] t = new long[size];
            double[] v = new double[size];
            for (int i = 0; i < size; i++) {
                t[i] = times[order[i]];
                v[i] = values[order[i]];
            }
            return new Series(host, device, metric, unit, t, v);
        }
    }
}
