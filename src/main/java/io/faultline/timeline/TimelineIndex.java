package io.faultline.timeline;

import io.faultline.model.Event;
import io.faultline.model.EventTable;
import io.faultline.model.Severity;

import java.util.List;
import java.util.function.LongToIntFunction;

/**
 * Events sorted by time (stable: equal times keep their source order) with their instants in a
 * primitive array. Range lookups are binary searches, so a histogram of B buckets costs O(B log n)
 * whatever the zoom: one bucket may cover a day or a microsecond. The facets (host, unit, identifier, container,
 * severity, source) are interned into int columns ({@link FacetColumns}); {@link #select} and {@link TimelineSearch}
 * turn a {@link Filter} into the {@link Selection} of events it keeps.
 */
public final class TimelineIndex {
    private final EventTable events;
    private final FacetColumns facets;

    /** The index of {@code events}, read from its columns when it is an {@link EventTable} (no event is built). */
    public TimelineIndex(List<Event> events) {
        this.events = EventTable.of(events);
        this.facets = new FacetColumns(this.events);
    }

    public int size() {
        return events.size();
    }

    public Event event(int index) {
        return events.get(index);
    }

    /** The index of the event with id {@code id}, or -1. */
    public int indexOf(String id) {
        return events.indexOf(id);
    }

    public long time(int index) {
        return events.time(index);
    }

    /** The message of event {@code index}, what a {@link Query} is matched against. */
    public String message(int index) {
        return events.message(index);
    }

    /** The interned facet columns, for lookups by id. */
    public FacetColumns facets() {
        return facets;
    }

    /** Events per value of {@code facet} in [from, to), most frequent first; {@link FacetCount#value()} null: has none. */
    public List<FacetCount> facetCounts(Facet facet, long fromNanos, long toNanos) {
        int from = lowerBound(fromNanos);
        int to = Math.max(from, lowerBound(toNanos));
        return facets.toCounts(facet, facets.countIds(facet, from, to));
    }

    /** Events per value of {@code facet} among the selected events, most frequent first. */
    public List<FacetCount> facetCounts(Facet facet, Selection selection) {
        return facets.toCounts(facet, facets.countIds(facet, selection));
    }

    /**
     * The events {@code filter} keeps, scanned on the calling thread. For a filter with a query over many events use
     * {@link TimelineSearch}, which spreads the scan over all cores and can be cancelled.
     */
    public Selection select(Filter filter) {
        return new Scan(this, filter).all(new CancelFlag(), n -> { });
    }

    /** Events in time order; a deferred one is built when asked for (see {@link EventTable}). */
    public EventTable events() {
        return events;
    }

    public long firstTime() {
        return events.isEmpty() ? 0 : events.time(0);
    }

    public long lastTime() {
        return events.isEmpty() ? 0 : events.time(events.size() - 1);
    }

    /** Index of the first event at or after {@code nanos}; {@link #size()} when none. */
    public int lowerBound(long nanos) {
        return events.lowerBound(nanos);
    }

    /** Index of the event nearest to {@code nanos} (the earlier one on a tie); -1 when empty. */
    public int nearest(long nanos) {
        int n = events.size();
        if (n == 0) {
            return -1;
        }
        int i = lowerBound(nanos);
        if (i == n) {
            return i - 1;
        }
        if (i > 0 && nanos - events.time(i - 1) <= events.time(i) - nanos) {
            return i - 1;
        }
        return i;
    }

    /** Number of events in [from, to). */
    public int count(long fromNanos, long toNanos) {
        return Math.max(0, lowerBound(toNanos) - lowerBound(fromNanos));
    }

    /** Event counts in {@code buckets} equal buckets over [from, to). */
    public long[] histogram(long fromNanos, long toNanos, int buckets) {
        return bucketCounts(fromNanos, toNanos, buckets, this::lowerBound);
    }

    /**
     * Counts in {@code buckets} equal buckets over [from, to): {@code before(t)} is how many items lie before instant
     * t (a lower bound on a sorted axis), so each bucket costs two look-ups. The one bucketing of the histogram and of
     * {@link Selection#density}.
     */
    static long[] bucketCounts(long fromNanos, long toNanos, int buckets, LongToIntFunction before) {
        long[] out = new long[buckets];
        if (buckets == 0 || toNanos <= fromNanos) {
            return out;
        }
        double width = (double) (toNanos - fromNanos) / buckets;
        int prev = before.applyAsInt(fromNanos);
        for (int b = 0; b < buckets; b++) {
            long end = b == buckets - 1 ? toNanos : fromNanos + (long) Math.ceil(width * (b + 1));
            int next = before.applyAsInt(end);
            out[b] = next - prev;
            prev = next;
        }
        return out;
    }

    /**
     * Event counts per bucket split by severity: {@code [bucket][severity ordinal]}. Scans the events in
     * range once; for the visible range of a pane.
     */
    public long[][] histogramBySeverity(long fromNanos, long toNanos, int buckets) {
        long[][] out = new long[buckets][Severity.values().length];
        if (buckets == 0 || toNanos <= fromNanos) {
            return out;
        }
        double width = (double) (toNanos - fromNanos) / buckets;
        int end = lowerBound(toNanos);
        for (int i = lowerBound(fromNanos); i < end; i++) {
            int b = (int) Math.min(buckets - 1, (events.time(i) - fromNanos) / width);
            out[b][events.severityOrdinal(i)]++;
        }
        return out;
    }
}
