package io.faultline.model;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An event's fields held compactly: the names in one array, the values in another, in the order given. It reads like
 * any unmodifiable, insertion-ordered {@code Map} (null values allowed, {@code equals}/{@code hashCode} as every map),
 * but costs two arrays instead of a node per field, and events whose fields have the same names in the same order may
 * share one names array. {@link Event} keeps it as given, without the copy it makes of other maps.
 */
public final class FieldMap extends AbstractMap<String, String> {
    private static final FieldMap EMPTY = new FieldMap(new String[0], new String[0]);

    private final String[] names;
    private final String[] values;

    private FieldMap(String[] names, String[] values) {
        this.names = names;
        this.values = values;
    }

    /**
     * The fields {@code names[i] = values[i]}. The arrays are taken, not copied: the caller must not change them
     * afterwards (a names array may be handed to several maps). Names must be distinct and not null.
     */
    public static FieldMap of(String[] names, String[] values) {
        if (names.length != values.length) {
            throw new IllegalArgumentException(names.length + " names for " + values.length + " values");
        }
        for (int i = 0; i < names.length; i++) {
            java.util.Objects.requireNonNull(names[i], "name");
        }
        assert distinct(names) : "field names repeat";
        return names.length == 0 ? EMPTY : new FieldMap(names, values);
    }

    /**
     * The fields of {@code base} (any map, in its order) with {@code name = value} set: replaced in place when the name
     * is there, else added at the end. Costs two arrays, not a node per field.
     */
    public static FieldMap with(Map<String, String> base, String name, String value) {
        java.util.Objects.requireNonNull(name, "name");
        int n = base.size();
        String[] names = new String[n + 1];
        String[] values = new String[n + 1];
        int i = 0;
        int at = -1;
        for (Map.Entry<String, String> e : base.entrySet()) {
            names[i] = e.getKey();
            values[i] = e.getValue();
            if (at < 0 && name.equals(e.getKey())) {
                at = i;
            }
            i++;
        }
        if (at >= 0) {
            values[at] = value;
            return new FieldMap(java.util.Arrays.copyOf(names, n), java.util.Arrays.copyOf(values, n));
        }
        names[n] = name;
        values[n] = value;
        return new FieldMap(names, values);
    }

    private static boolean distinct(String[] names) {
        return new java.util.HashSet<>(java.util.Arrays.asList(names)).size() == names.length;
    }

    /** The names array itself, for building another map with the same names; see {@link #of}. */
    public String[] names() {
        return names;
    }

    @Override
    public int size() {
        return names.length;
    }

    @Override
    public boolean isEmpty() {
        return names.length == 0;
    }

    private int indexOf(Object name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String get(Object name) {
        int i = indexOf(name);
        return i < 0 ? null : values[i];
    }

    @Override
    public boolean containsKey(Object name) {
        return indexOf(name) >= 0;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super String> action) {
        for (int i = 0; i < names.length; i++) {
            action.accept(names[i], values[i]);
        }
    }

    @Override
    public Set<Map.Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < names.length;
                    }

                    @Override
                    public Map.Entry<String, String> next() {
                        if (next >= names.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new AbstractMap.SimpleImmutableEntry<>(names[i], values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return names.length;
            }
        };
    }
}
