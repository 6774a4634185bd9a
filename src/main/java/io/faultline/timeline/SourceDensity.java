package io.faultline.timeline;

import io.faultline.model.Severity;

/**
 * Events per value of a facet (one row per source: journal, docker events, dmesg ...), per bucket of a time range and
 * per severity: {@code counts[row][bucket][severity ordinal]}. Counts only the events a {@link Selection} keeps when
 * one is given, as the overview does under a filter.
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
     * Counts over [from, to) in {@code buckets} equal buckets, bucketed like {@link TimelineIndex#histogram};
     * {@code kept} null counts every event. Rows are the facet's values in order of first appearance, "no value" last.
     * Prepares the index first: for repeated counts keep a {@link Prepared}.
     */
    public static SourceDensity of(TimelineIndex index, Facet facet, long fromNanos, long toNanos, int buckets, Selection kept) {
        return new Prepared(index, facet).count(fromNanos, toNanos, buckets, kept);
    }

    /**
     * An index made ready for counts per facet value and severity: for each pair, the ascending indices of its events.
     * Then a count over every event of a range costs two binary searches per bucket, value and severity, whatever the
     * number of events in it (a million in view took ~20 ms as a scan); under a filter, the kept events in range are
     * scanned. Immutable; one int per event.
     */
    public static final class Prepared {
        private final TimelineIndex index;
        private final int[] column;
        private final String[] values;
        private final int[][][] lists;

        public Prepared(TimelineIndex index, Facet facet) {
            this.index = index;
            FacetColumns f = index.facets();
            int card = f.cardinality(facet);
            int sevs = Severity.values().length;
            this.column = f.column(facet);
            this.values = new String[card];
            for (int id = 1; id < card; id++) {
                values[id - 1] = f.value(facet, id);
            }
            int[][] sizes = new int[card][sevs];
            for (int i = 0; i < column.length; i++) {
                sizes[column[i]][index.events().severityOrdinal(i)]++;
            }
            lists = new int[card][sevs][];
            for (int id = 0; id < card; id++) {
                for (int v = 0; v < sevs; v++) {
                    lists[id][v] = new int[sizes[id][v]];
                }
            }
            int[][] fill = new int[card][sevs];
            for (int i = 0; i < column.length; i++) {
                int id = column[i];
                int v = index.events().severityOrdinal(i);
                lists[id][v][fill[id][v]++] = i;
            }
        }

        public SourceDensity count(long fromNanos, long toNanos, int buckets, Selection kept) {
            int card = lists.length;
            int sevs = Severity.values().length;
            long[][][] counts = new long[card][Math.max(0, buckets)][sevs];
            if (buckets > 0 && toNanos > fromNanos) {
                double width = (double) (toNanos - fromNanos) / buckets;
                int[] bounds = new int[buckets + 1];
                bounds[0] = index.lowerBound(fromNanos);
                for (int b = 0; b < buckets; b++) {
                    long end = b == buckets - 1 ? toNanos : fromNanos + (long) Math.ceil(width * (b + 1));
                    bounds[b + 1] = index.lowerBound(end);
                }
                if (kept == null) {
                    for (int id = 0; id < card; id++) {
                        for (int v = 0; v < sevs; v++) {
                            int[] list = lists[id][v];
                            if (list.length == 0) {
                                continue;
                            }
                            int prev = position(list, bounds[0]);
                            for (int b = 0; b < buckets; b++) {
                                int next = position(list, bounds[b + 1]);
                                counts[id][b][v] = next - prev;
                                prev = next;
                            }
                        }
                    }
                } else {
                    int b = 0;
                    int end = kept.position(bounds[buckets]);
                    for (int k = kept.position(bounds[0]); k < end; k++) {
                        int i = kept.index(k);
                        while (i >= bounds[b + 1]) {
                            b++;
                        }
                        counts[column[i]][b][index.events().severityOrdinal(i)]++;
                    }
                }
            }
            long[][][] ordered = new long[card][][];
            for (int id = 1; id < card; id++) {
                ordered[id - 1] = counts[id];
            }
            ordered[card - 1] = counts[0];
            return new SourceDensity(values.clone(), ordered);
        }

        /** How many of the ascending {@code list} lie below {@code eventIndex}. */
        private static int position(int[] list, int eventIndex) {
            int lo = 0;
            int hi = list.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (list[mid] < eventIndex) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
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
