package io.faultline.ui;

import io.faultline.timeline.Facet;
import io.faultline.timeline.Filter;

import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The edits the facet sidebar makes to a {@link Filter}: a value is included, excluded or neither, never both; a facet
 * whose last value goes is dropped from the filter (an empty set would keep nothing). Time range and query stay.
 */
final class FacetFilters {
    private FacetFilters() {
    }

    static boolean included(Filter f, Facet facet, String value) {
        Set<String> in = f.include().get(facet);
        return in != null && in.contains(value);
    }

    static boolean excluded(Filter f, Facet facet, String value) {
        Set<String> out = f.exclude().get(facet);
        return out != null && out.contains(value);
    }

    /** True when the filter keeps or drops events by some facet. */
    static boolean constrains(Filter f) {
        return !f.include().isEmpty() || !f.exclude().isEmpty();
    }

    /** True when {@code facet} has included or excluded values. */
    static boolean constrains(Filter f, Facet facet) {
        return f.include().containsKey(facet) || f.exclude().containsKey(facet);
    }

    /** Also keeps {@code value} (no longer excluded). */
    static Filter include(Filter f, Facet facet, String value) {
        return of(f, edit(f.include(), facet, value, true), edit(f.exclude(), facet, value, false));
    }

    /** Drops {@code value} (no longer included). */
    static Filter exclude(Filter f, Facet facet, String value) {
        return of(f, edit(f.include(), facet, value, false), edit(f.exclude(), facet, value, true));
    }

    /** Keeps only {@code value} of {@code facet}. */
    static Filter only(Filter f, Facet facet, String value) {
        Map<Facet, Set<String>> in = new EnumMap<>(Facet.class);
        in.putAll(f.include());
        Set<String> one = new LinkedHashSet<>();
        one.add(value);
        in.put(facet, one);
        return of(f, in, edit(f.exclude(), facet, value, false));
    }

    /** Neither includes nor excludes {@code value}. */
    static Filter remove(Filter f, Facet facet, String value) {
        return of(f, edit(f.include(), facet, value, false), edit(f.exclude(), facet, value, false));
    }

    /** Leaves {@code facet} unconstrained. */
    static Filter clear(Filter f, Facet facet) {
        Map<Facet, Set<String>> in = new EnumMap<>(Facet.class);
        Map<Facet, Set<String>> out = new EnumMap<>(Facet.class);
        in.putAll(f.include());
        out.putAll(f.exclude());
        in.remove(facet);
        out.remove(facet);
        return of(f, in, out);
    }

    /** No facet constrained. */
    static Filter clearAll(Filter f) {
        return of(f, Map.of(), Map.of());
    }

    /** {@code f} without the included values of {@code facet}. */
    static Filter withoutIncluded(Filter f, Facet facet) {
        Map<Facet, Set<String>> in = new EnumMap<>(Facet.class);
        in.putAll(f.include());
        in.remove(facet);
        return of(f, in, f.exclude());
    }

    /** A copy of {@code sets} where {@code value} is added to or removed from {@code facet}'s set. */
    private static Map<Facet, Set<String>> edit(Map<Facet, Set<String>> sets, Facet facet, String value, boolean add) {
        Map<Facet, Set<String>> out = new EnumMap<>(Facet.class);
        out.putAll(sets);
        Set<String> s = new LinkedHashSet<>(out.getOrDefault(facet, Set.of()));
        if (add) {
            s.add(value);
        } else {
            s.remove(value);
        }
        if (s.isEmpty()) {
            out.remove(facet);
        } else {
            out.put(facet, s);
        }
        return out;
    }

    private static Filter of(Filter f, Map<Facet, Set<String>> include, Map<Facet, Set<String>> exclude) {
        return new Filter(f.fromNanos(), f.toNanos(), include, exclude, f.query());
    }
}
