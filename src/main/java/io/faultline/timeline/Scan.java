package io.faultline.timeline;

import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;

/**
 * One filter compiled against one index: the facet constraints as a boolean per interned id, the time range as an
 * index range. {@link #chunk} scans a slice of it and may run on any thread; each call uses its own matcher.
 */
final class Scan {
    /** Events between two looks at the cancel flag (and two progress reports). */
    static final int CHECK_EVERY = 4096;

    private final TimelineIndex index;
    private final Query query;
    private final int from;
    private final int to;
    /** Per facet ordinal, the allowed ids; null when the facet is not constrained. */
    private final boolean[][] allowed;
    private final int[][] columns;
    private final boolean nothing;

    Scan(TimelineIndex index, Filter filter) {
        this.index = index;
        this.query = filter.query();
        this.from = index.lowerBound(filter.fromNanos());
        this.to = filter.toNanos() <= filter.fromNanos() ? from : Math.max(from, index.lowerBound(filter.toNanos()));
        FacetColumns facets = index.facets();
        Facet[] all = Facet.values();
        boolean[][] allow = new boolean[all.length][];
        for (Facet f : all) {
            Set<String> in = filter.include().get(f);
            Set<String> out = filter.exclude().get(f);
            if (in == null && (out == null || out.isEmpty())) {
                continue;
            }
            boolean[] a = new boolean[facets.cardinality(f)];
            if (in == null) {
                Arrays.fill(a, true);
            } else {
                for (String v : in) {
                    int id = facets.idOf(f, v);
                    if (id >= 0) {
                        a[id] = true;
                    }
                }
            }
            if (out != null) {
                for (String v : out) {
                    int id = facets.idOf(f, v);
                    if (id >= 0) {
                        a[id] = false;
                    }
                }
            }
            allow[f.ordinal()] = a;
        }
        int constrained = 0;
        boolean none = false;
        for (boolean[] a : allow) {
            if (a != null) {
                constrained++;
                none |= !anyTrue(a);
            }
        }
        this.nothing = none;
        this.allowed = new boolean[constrained][];
        this.columns = new int[constrained][];
        int k = 0;
        for (Facet f : all) {
            if (allow[f.ordinal()] != null) {
                allowed[k] = allow[f.ordinal()];
                columns[k++] = facets.column(f);
            }
        }
    }

    private static boolean anyTrue(boolean[] a) {
        for (boolean b : a) {
            if (b) {
                return true;
            }
        }
        return false;
    }

    /** First index in range. */
    int from() {
        return nothing ? to : from;
    }

    /** End of the range (exclusive). */
    int to() {
        return to;
    }

    /** The whole range on this thread. */
    Selection all(CancelFlag cancel, LongConsumer progress) {
        int[] hits = chunk(from(), to, cancel, progress);
        return hits.length == 0 ? Selection.empty() : new Selection(hits);
    }

    /**
     * Indices in [lo, hi) the filter keeps, ascending. Reports the events scanned to {@code progress} every
     * {@value #CHECK_EVERY} events (from the calling thread).
     *
     * @throws CancellationException when {@code cancel} is set at a check
     */
    int[] chunk(int lo, int hi, CancelFlag cancel, LongConsumer progress) {
        int[] hits = new int[Math.min(hi - lo, 1024)];
        int n = 0;
        Matcher m = query == null ? null : query.matcher();
        for (int block = lo; block < hi; block += CHECK_EVERY) {
            if (cancel.isCancelled()) {
                throw new CancellationException("search cancelled");
            }
            int end = Math.min(hi, block + CHECK_EVERY);
            for (int i = block; i < end; i++) {
                if (keeps(i) && (query == null || query.matches(m, index.message(i)))) {
                    if (n == hits.length) {
                        hits = Arrays.copyOf(hits, Math.min(hi - lo, n * 2));
                    }
                    hits[n++] = i;
                }
            }
            progress.accept(end - block);
        }
        return n == hits.length ? hits : Arrays.copyOf(hits, n);
    }

    private boolean keeps(int i) {
        for (int k = 0; k < allowed.length; k++) {
            if (!allowed[k][columns[k][i]]) {
                return false;
            }
        }
        return true;
    }
}
