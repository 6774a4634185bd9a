package io.faultline.ui;

import io.faultline.timeline.Facet;
import io.faultline.timeline.Filter;
import io.faultline.timeline.Query;
import io.faultline.timeline.Selection;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the window's filter and search keep, over the whole window, as computed by {@link ViewFilter}: the panes read
 * it from {@link InvestigationState#viewProperty()}. Immutable.
 *
 * @param filter  the facet filter it was computed for (its time range is the whole index)
 * @param query   the search, null when there is none
 * @param toHits  true when the search filters too ("only hits"): then {@code kept} is {@code hits}
 * @param kept    the events the panes show; null when every event is kept
 * @param hits    the events the search hits among those the facets keep; null when there is no search
 * @param without per facet with included values: what the rest of the filter keeps (null value: every event), so the
 *                sidebar can count that facet's other values too
 */
record FilteredView(Filter filter, Query query, boolean toHits, Selection kept, Selection hits,
                    Map<Facet, Selection> without) {
    static final FilteredView EVERYTHING = new FilteredView(Filter.all(), null, false, null, null, Map.of());

    FilteredView {
        Map<Facet, Selection> copy = new EnumMap<>(Facet.class);
        copy.putAll(without);
        without = Collections.unmodifiableMap(copy);
    }

    /** True when some events are left out. */
    boolean filtered() {
        return kept != null;
    }

    /** The events behind the counts of {@code facet}'s values: the kept ones, or for a facet with included values, those the rest of the filter keeps; null: every event. */
    Selection countBase(Facet facet) {
        return without.containsKey(facet) ? without.get(facet) : kept;
    }
}
