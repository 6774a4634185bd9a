package io.faultline.model;

import java.util.Arrays;

/**
 * Metric samples of one host, device and metric (e.g. sda util), time-ordered.
 * Metric names: util, await, rkB_s, wkB_s, aqu_sz, tps, ...
 */
public record Series(String host, String device, String metric, String unit, long[] timesNanos, double[] values) {
    public Series {
        if (timesNanos.length != values.length) {
            throw new IllegalArgumentException("times and values differ in length");
        }
        timesNanos = timesNanos.clone();
        values = values.clone();
    }

    public String name() {
        return device + " " + metric;
    }

    public int size() {
        return timesNanos.length;
    }

    public long timeAt(int i) {
        return timesNanos[i];
    }

    public double valueAt(int i) {
        return values[i];
    }

    @Override
    public long[] timesNanos() {
        return timesNanos.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Series s && host.equals(s.host) && device.equals(s.device) && metric.equals(s.metric)
                && java.util.Objects.equals(unit, s.unit) && Arrays.equals(timesNanos, s.timesNanos)
                && Arrays.equals(values, s.values);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(host, device, metric, Arrays.hashCode(timesNanos));
    }

    @Override
    public String toString() {
        return "Series[" + host + " " + name() + ", " + size() + " points]";
    }
}
