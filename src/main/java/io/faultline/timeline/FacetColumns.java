package io.faultline.timeline;

import io.faultline.model.EventTable;
import io.faultline.model.Severity;

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

    FacetColumns(EventTable events) {
        Facet[] facets = Facet.values();
        ids = new int[facets.length][];
        values = new String[facets.length][];
        for (Facet f : facets) {
            Map<String, Integer> interned = new HashMap<>();
            List<String> distinct = new ArrayList<>();
            distinct.add(null);
            String[] source = f == Facet.SEVERITY ? severityNames() : events.dictionary(tableColumn(f));
            int[] remap = new int[source.length];
            java.util.Arrays.fill(remap, -1);
            int[] column = new int[events.size()];
            for (int i = 0; i < column.length; i++) {
                int from = f == Facet.SEVERITY ? events.severityOrdinal(i) : events.id(tableColumn(f), i);
                int id = remap[from];
                if (id < 0) {
                    String v = source[from] == null || source[from].isEmpty() ? null : source[from];
                    id = v == null ? NONE : interned.computeIfAbsent(v, k -> {
                        distinct.add(k);
                        return distinct.size() - 1;
                    });
                    remap[from] = id;
                }
                column[i] = id;
            }
            ids[f.ordinal()] = column;
            values[f.ordinal()] = distinct.toArray(new String[0]);
        }
    }

    private static String[] severityNames() {
        Severity[] all = Severity.values();
        String[] names = new String[all.length];
        for (int i = 0; i < all.length; i++) {
            names[i] = all[i].name();
        }
        return names;
    }

    private static EventTable.Column tableColumn(Facet f) {
        return switch (f) {
            case HOST -> EventTable.Column.HOST;
            case UNIT -> EventTable.Column.UNIT;
            case IDENTIFIER -> EventTable.Column.IDENTIFIER;
            case CONTAINER -> EventTable.Column.CONTAINER;
            case SOURCE -> EventTable.Column.SOURCE;
            case SEVERITY -> throw new IllegalArgumentException("severity is not a string column");
        };
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
