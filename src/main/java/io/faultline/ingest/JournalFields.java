package io.faultline.ingest;

import java.util.Arrays;

/**
 * One journal entry's fields as read, before they become an event: each name with its value (a field held several
 * times already joined by {@link JournalEntries#single}), in the order first read. Reused from entry to entry, so
 * reading an entry allocates no map.
 */
final class JournalFields {
    private String[] names = new String[32];
    private String[] values = new String[32];
    private int[] hashes = new int[32];
    private int size;

    void clear() {
        Arrays.fill(names, 0, size, null);
        Arrays.fill(values, 0, size, null);
        size = 0;
    }

    /** Sets a field: a name read again keeps its first place and takes the last value, as a map would. */
    void put(String name, String value) {
        int h = name.hashCode();
        for (int i = 0; i < size; i++) {
            if (hashes[i] == h && names[i].equals(name)) {
                values[i] = value;
                return;
            }
        }
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            values = Arrays.copyOf(values, size * 2);
            hashes = Arrays.copyOf(hashes, size * 2);
        }
        names[size] = name;
        values[size] = value;
        hashes[size] = h;
        size++;
    }

    int size() {
        return size;
    }

    String name(int i) {
        return names[i];
    }

    String value(int i) {
        return values[i];
    }
}
