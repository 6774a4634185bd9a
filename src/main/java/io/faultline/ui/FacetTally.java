package io.faultline.ui;

import io.faultline.timeline.Facet;
import io.faultline.timeline.FacetColumns;
import io.faultline.timeline.FacetCount;
import io.faultline.timeline.Selection;
import io.faultline.timeline.TimelineIndex;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The counts the facet sidebar shows: per facet, its values among the events of a time range that the
 * {@link FilteredView} keeps. A facet with included values is counted without its own inclusion (what the rest of the
 * filter keeps), so its other values stay visible and can be added. A pass over int columns; no event is read.
 */
final class FacetTally {
    private FacetTally() {
    }

    static Map<Facet, List<FacetCount>> count(TimelineIndex index, FilteredView view, long fromNanos, long toNanos) {
        Map<Facet, List<FacetCount>> out = new EnumMap<>(Facet.class);
        for (Facet f : Facet.values()) {
            Selection base = view.countBase(f);
            out.put(f, base == null ? index.facetCounts(f, fromNanos, toNanos) : count(index, f, base, fromNanos, toNanos));
        }
        return out;
    }

    private static List<FacetCount> count(TimelineIndex index, Facet facet, Selection base, long fromNanos, long toNanos) {
        FacetColumns columns = index.facets();
        int lo = index.lowerBound(fromNanos);
        int from = base.position(lo);
        int to = base.position(Math.max(lo, index.lowerBound(toNanos)));
        int[] counts = new int[columns.cardinality(facet)];
        for (int k = from; k < to; k++) {
            counts[columns.id(facet, base.index(k))]++;
        }
        List<FacetCount> out = new ArrayList<>();
        for (int id = 0; id < counts.length; id++) {
            if (counts[id] > 0) {
                out.add(new FacetCount(columns.value(facet, id), counts[id]));
            }
        }
        out.sort(Comparator.comparingInt(FacetCount::count).reversed());
        return out;
    }
}
