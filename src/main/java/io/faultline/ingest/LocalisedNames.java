package io.faultline.ingest;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** What month and weekday names share: one regular expression of all names, and the key a name is looked up by. */
final class LocalisedNames {
    private LocalisedNames() {
    }

    /**
     * A regular expression (no groups of its own) matching any of {@code names}, with an optional trailing dot: the
     * English abbreviations ({@code english}, an alternation) first, as most lines carry them, then every name
     * case-insensitively, longest first.
     */
    static String regex(String english, Collection<String> names) {
        return "(?:(?:" + english + ")|(?iu:" + names.stream()
                .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
                .map(Pattern::quote).collect(Collectors.joining("|")) + "))\\.?";
    }

    /** The name as the tables hold it: stripped, lower case, without a trailing dot. */
    static String key(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
