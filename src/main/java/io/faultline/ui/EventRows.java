package io.faultline.ui;

import io.faultline.model.Event;
import io.faultline.timeline.Selection;
import io.faultline.timeline.TimelineIndex;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The rows of the log table: the kept events of a time range as a list view over event indices. Nothing is copied;
 * {@link #get} asks the index for the event of a row when a cell shows it, so the cost does not grow with the range.
 */
final class EventRows extends AbstractList<Event> implements RandomAccess {
    private final TimelineIndex index;
    private final Selection kept;
    private final int from;
    private final int to;

    private EventRows(TimelineIndex index, Selection kept, int from, int to) {
        this.index = index;
        this.kept = kept;
        this.from = from;
        this.to = to;
    }

    /** The events of [from, to) that {@code kept} holds (null: every event); O(log n). */
    static EventRows of(TimelineIndex index, Selection kept, long fromNanos, long toNanos) {
        int lo = index.lowerBound(fromNanos);
        int hi = Math.max(lo, index.lowerBound(toNanos));
        if (kept == null) {
            return new EventRows(index, null, lo, hi);
        }
        return new EventRows(index, kept, kept.position(lo), kept.position(hi));
    }

    /** Every event with an index in [from, to), whatever a filter keeps: the context of a line. */
    static EventRows between(TimelineIndex index, int from, int to) {
        return new EventRows(index, null, from, Math.max(from, to));
    }

    @Override
    public Event get(int row) {
        return index.event(eventIndex(row));
    }

    @Override
    public int size() {
        return to - from;
    }

    /** The index in the timeline of the event on {@code row}. */
    int eventIndex(int row) {
        if (row < 0 || row >= size()) {
            throw new IndexOutOfBoundsException("row " + row + " of " + size());
        }
        return kept == null ? from + row : kept.index(from + row);
    }

    /** The row showing event {@code eventIndex}; -1 when it is not among the rows. */
    int rowOf(int eventIndex) {
        if (kept == null) {
            return eventIndex >= from && eventIndex < to ? eventIndex - from : -1;
        }
        int p = kept.position(eventIndex);
        return p >= from && p < to && kept.index(p) == eventIndex ? p - from : -1;
    }

    /** The row whose time is nearest to {@code nanos} (the earlier on a tie); -1 when there are no rows. */
    int nearestRow(long nanos) {
        int n = size();
        if (n == 0) {
            return -1;
        }
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (index.time(eventIndex(mid)) < nanos) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo == n) {
            return n - 1;
        }
        if (lo > 0 && nanos - index.time(eventIndex(lo - 1)) <= index.time(eventIndex(lo)) - nanos) {
            return lo - 1;
        }
        return lo;
    }
}
