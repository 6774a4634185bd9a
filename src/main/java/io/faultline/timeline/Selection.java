package io.faultline.timeline;

import java.util.Arrays;

/**
 * The events a {@link Filter} keeps (or a search hits), as their indices in a {@link TimelineIndex}, ascending, so in
 * time order. What every pane reads: the list, next/previous from any event, counts per bucket for the overview.
 */
public final class Selection {
    private static final Selection EMPTY = new Selection(new int[0]);

    private final int[] indices;

    Selection(int[] ascendingIndices) {
        this.indices = ascendingIndices;
    }

    static Selection empty() {
        return EMPTY;
    }

    public int size() {
        return indices.length;
    }

    /** The index in the timeline of the {@code k}-th selected event. */
    public int index(int k) {
        return indices[k];
    }

    /** A copy of the indices, ascending. */
    public int[] indices() {
        return indices.clone();
    }

    public boolean contains(int eventIndex) {
        return Arrays.binarySearch(indices, eventIndex) >= 0;
    }

    /** The first selected event after {@code eventIndex} (exclusive); -1 when there is none. Pass -1 for the first. */
    public int next(int eventIndex) {
        int k = upperBound(eventIndex);
        return k < indices.length ? indices[k] : -1;
    }

    /** The last selected event before {@code eventIndex} (exclusive); -1 when there is none. Pass the index size for the last. */
    public int previous(int eventIndex) {
        int k = position(eventIndex) - 1;
        return k >= 0 ? indices[k] : -1;
    }

    /**
     * Selected events in {@code buckets} equal buckets over [from, to) of {@code index}'s time axis, bucketed exactly as
     * {@link TimelineIndex#histogram}: O(buckets · log n).
     */
    public long[] density(TimelineIndex index, long fromNanos, long toNanos, int buckets) {
        return TimelineIndex.bucketCounts(fromNanos, toNanos, buckets, t -> position(index.lowerBound(t)));
    }

    /** Position of the first selected index at or above {@code eventIndex}; {@link #size()} when none is. */
    public int position(int eventIndex) {
        int lo = 0;
        int hi = indices.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (indices[mid] < eventIndex) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private int upperBound(int eventIndex) {
        return eventIndex == Integer.MAX_VALUE ? indices.length : position(eventIndex + 1);
    }
}
