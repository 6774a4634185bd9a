package io.faultline.timeline;

import io.faultline.model.Severity;

/**
 * Events per value of a facet (one row per source: journal, docker events, dmesg ...), per bucket of a time range and
 * per severity: {@code counts[row][bucket][severity ordinal]}. Counts only the events a {@link Selection} keeps when
 * one is given, as the overview does under a filter. One pass over the events in range (or the kept ones in range).
 */
public final class SourceDensity {
    private final String[] values;
    private final long[][][] counts;
    private final long max;

    private SourceDensity(String[] values, long[][][] counts) {
        this.values = values;
        this.counts = counts;
        long m = 0;
        for (long[][] row : counts) {
            for (long[] bucket : row) {
                long sum = 0;
                for (long c : bucket) {
                    sum += c;
                }
                m = Math.max(m, sum);
            }
        }
        this.max = m;
    }

    /**
     * Counts over [from, to) in {@code buckets} equal buckets, bucketed like {@link TimelineIndex#histogramBySeverity};
     * {@code kept} null counts every event. Rows are the facet's values in order of first appearance, "no value" last.
     */
    public static SourceDensity of(TimelineIndex index, Facet facet, long fromNanos, long toNanos, int buckets, Selection kept) {
        FacetColumns f = index.facets();
        int card = f.cardinality(facet);
        long[][][] counts = new long[card][Math.max(0, buckets)][Severity.values().length];
        String[] values = new String[card];
        for (int id = 1; id < card; id++) {
            values[id - 1] = f.value(facet, id);
        }
        values[card - 1] = null;
        if (buckets > 0 && toNanos > fromNanos) {
            double width = (double) (toNanos - fromNanos) / buckets;
            int from = index.lowerBound(fromNanos);
            int to = index.lowerBound(toNanos);
            int[] column = f.column(facet);
            if (kept == null) {
                for (int i = from; i < to; i++) {
                    add(index, counts, column, i, fromNanos, width, buckets, card);
                }
            } else {
                int end = kept.position(to);
                for (int k = kept.position(from); k < end; k++) {
                    add(index, counts, column, kept.index(k), fromNanos, width, buckets, card);
                }
            }
        }
        long[][][] ordered = new long[card][][];
        for (int id = 1; id < card; id++) {
            ordered[id - 1] = counts[id];
        }
        ordered[card - 1] = counts[0];
        return new SourceDensity(values, ordered);
    }

    private static void add(TimelineIndex index, long[][][] counts, int[] column, int i, long fromNanos, double width,
                            int buckets, int card) {
        int b = (int) Math.min(buckets - 1, (index.time(i) - fromNanos) / width);
        counts[column[i]][b][index.events().severityOrdinal(i)]++;
    }

    /** Number of rows: the facet's values, "no value" included. */
    public int rows() {
        return values.length;
    }

    /** The value of row {@code row}; null for the row of events with no value. */
    public String value(int row) {
        return values[row];
    }

    /** Events of row {@code row} in bucket {@code bucket} per severity ordinal. */
    public long[] bucket(int row, int bucket) {
        return counts[row][bucket].clone();
    }

    /** Events of row {@code row} in bucket {@code bucket}, all severities. */
    public long total(int row, int bucket) {
        long sum = 0;
        for (long c : counts[row][bucket]) {
            sum += c;
        }
        return sum;
    }

    /** Events of row {@code row} over the whole range. */
    public long rowTotal(int row) {
        long sum = 0;
        for (int b = 0; b < counts[row].length; b++) {
            sum += total(row, b);
        }
        return sum;
    }

    /** The largest bucket total of any row: the common scale. */
    public long max() {
        return max;
    }

    public int buckets() {
        return counts.length == 0 ? 0 : counts[0].length;
    }
}
