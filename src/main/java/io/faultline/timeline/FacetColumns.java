package io.faultline.timeline;

import io.faultline.model.Event;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The facets of a {@link TimelineIndex}, column by column: for each {@link Facet} an int id per event (in the index's
 * time order) and the distinct values, in order of first appearance. Id 0 is always "no value" (null), so a facet whose
 * events all lack it still has one id. Counting is a pass over an int array, with no string touched.
 */
public final class FacetColumns {
    private static final int NONE = 0;

    private final int[][] ids;
    private final String[][] values;

    FacetColumns(List<Event> events) {
        Facet[] facets = Facet.values();
        ids = new int[facets.length][events.size()];
        values = new String[facets.length][];
        for (Facet f : facets) {
            Map<String, Integer> interned = new HashMap<>();
            List<String> distinct = new ArrayList<>();
            distinct.add(null);
            int[] column = ids[f.ordinal()];
            for (int i = 0; i < column.length; i++) {
                String v = f.of(events.get(i));
                if (v == null) {
                    column[i] = NONE;
                    continue;
                }
                Integer id = interned.get(v);
                if (id == null) {
                    id = distinct.size();
                    interned.put(v, id);
                    distinct.add(v);
                }
                column[i] = id;
            }
            values[f.ordinal()] = distinct.toArray(new String[0]);
        }
    }

    /** The id of event {@code index}'s value for {@code facet}; 0 when it has none. */
    public int id(Facet facet, int index) {
        return ids[facet.ordinal()][index];
    }

    /** The value an id stands for; null for id 0. */
    public String value(Facet facet, int id) {
        return values[facet.ordinal()][id];
    }

    /** Number of ids of {@code facet}, "no value" included. */
    public int cardinality(Facet facet) {
        return values[facet.ordinal()].length;
    }

    /** The id of {@code value} (null: "no value", id 0); -1 when no event carries it. */
    public int idOf(Facet facet, String value) {
        if (value == null) {
            return NONE;
        }
        String[] v = values[facet.ordinal()];
        for (int id = 1; id < v.length; id++) {
            if (v[id].equals(value)) {
                return id;
            }
        }
        return -1;
    }

    int[] column(Facet facet) {
        return ids[facet.ordinal()];
    }

    /** Events per id of {@code facet} among the events {@code from} (inclusive) to {@code to} (exclusive) of the index. */
    int[] countIds(Facet facet, int from, int to) {
        int[] counts = new int[cardinality(facet)];
        int[] column = column(facet);
        for (int i = from; i < to; i++) {
            counts[column[i]]++;
        }
        return counts;
    }

    /** Events per id of {@code facet} among the events of {@code selection}. */
    int[] countIds(Facet facet, Selection selection) {
        int[] counts = new int[cardinality(facet)];
        int[] column = column(facet);
        for (int k = 0; k < selection.size(); k++) {
            counts[column[selection.index(k)]]++;
        }
        return counts;
    }

    /** The values with at least one event, most frequent first (equal counts: "no value" first, then in order of first appearance). */
    List<FacetCount> toCounts(Facet facet, int[] counts) {
        List<FacetCount> out = new ArrayList<>();
        for (int id = 0; id < counts.length; id++) {
            if (counts[id] > 0) {
                out.add(new FacetCount(value(facet, id), counts[id]));
            }
        }
        out.sort(Comparator.comparingInt(FacetCount::count).reversed());
        return out;
    }
}
