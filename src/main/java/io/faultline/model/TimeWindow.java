package io.faultline.model;

/** A half-open time window [fromNanos, toNanos) in UTC epoch nanoseconds. */
public record TimeWindow(long fromNanos, long toNanos) {
    public TimeWindow {
        if (toNanos < fromNanos) {
            throw new IllegalArgumentException("window ends before it starts: " + fromNanos + " > " + toNanos);
        }
    }

    public long lengthNanos() {
        return toNanos - fromNanos;
    }

    public boolean contains(long nanos) {
        return nanos >= fromNanos && nanos < toNanos;
    }

    public boolean overlaps(long startNanos, long endNanos) {
        return startNanos < toNanos && endNanos >= fromNanos;
    }
}
