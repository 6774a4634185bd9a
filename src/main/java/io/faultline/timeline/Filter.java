package io.faultline.timeline;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which events a view shows: those in [{@code fromNanos}, {@code toNanos}), whose value of every facet named in
 * {@code include} is one of the values listed there (a null value in a set stands for "has none"), whose values are
 * in none of the {@code exclude} sets, and whose message matches {@code query} (null: any message). Exclusion wins
 * over inclusion. Immutable; the {@code with...} methods return a changed copy.
 */
public record Filter(long fromNanos, long toNanos, Map<Facet, Set<String>> include, Map<Facet, Set<String>> exclude,
                     Query query) {
    private static final Filter ALL = new Filter(Long.MIN_VALUE, Long.MAX_VALUE, Map.of(), Map.of(), null);

    public Filter {
        include = copy(include);
        exclude = copy(exclude);
    }

    /** Every event. */
    public static Filter all() {
        return ALL;
    }

    public Filter between(long from, long to) {
        return new Filter(from, to, include, exclude, query);
    }

    /** Also keeps events whose {@code facet} is one of {@code values} (added to the values already included). */
    public Filter including(Facet facet, String... values) {
        return new Filter(fromNanos, toNanos, add(include, facet, values), exclude, query);
    }

    /** Drops events whose {@code facet} is one of {@code values}. */
    public Filter excluding(Facet facet, String... values) {
        return new Filter(fromNanos, toNanos, include, add(exclude, facet, values), query);
    }

    public Filter matching(Query q) {
        return new Filter(fromNanos, toNanos, include, exclude, q);
    }

    private static Map<Facet, Set<String>> add(Map<Facet, Set<String>> sets, Facet facet, String... values) {
        Map<Facet, Set<String>> out = new EnumMap<>(Facet.class);
        out.putAll(sets);
        Set<String> s = new LinkedHashSet<>(out.getOrDefault(facet, Set.of()));
        Collections.addAll(s, values);
        out.put(facet, s);
        return out;
    }

    private static Map<Facet, Set<String>> copy(Map<Facet, Set<String>> sets) {
        if (sets == null || sets.isEmpty()) {
            return Map.of();
        }
        Map<Facet, Set<String>> out = new EnumMap<>(Facet.class);
        sets.forEach((f, s) -> out.put(f, Collections.unmodifiableSet(new LinkedHashSet<>(s))));
        return Collections.unmodifiableMap(out);
    }
}
