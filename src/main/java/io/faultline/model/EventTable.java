package io.faultline.model;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.function.UnaryOperator;

/**
 * Events in time order (stable: equal times keep the order they were added in), held column by column: instants and
 * severities in primitive arrays, host, source, unit, identifier, container and origin entry as ids into a dictionary
 * of distinct values. A row is either <em>held</em> (the {@link Event} itself is kept: small entries, records that
 * cannot be found again by offset) or <em>deferred</em>: only its columns and where its record lies in the raw bytes
 * are kept, and the event is read again from those bytes when asked for ({@link Records}). A million deferred journal
 * entries cost their columns (about 60 bytes each) instead of their text.
 *
 * <p>It reads like an unmodifiable {@code List<Event>}: {@link #get} of a deferred row parses its record (a few
 * microseconds; the last rows asked for are cached), so code that walks every event works, but the timeline reads the
 * columns ({@link #time}, {@link #id}, {@link #message}) instead. Safe for reading from many threads once built.
 */
public final class EventTable extends AbstractList<Event> implements RandomAccess {
    /** The string columns. Id 0 of each stands for "none" (null). */
    public enum Column { HOST, SOURCE, UNIT, IDENTIFIER, CONTAINER, ENTRY }

    /** Where deferred rows are read back from; implemented where the raw bytes are (ingest). */
    public interface Records {
        /** The event whose record is the {@code length} bytes at {@code offset}, starting at line {@code line}. */
        Event read(long offset, int length, long line);

        /**
         * The text of the {@code length} bytes at {@code offset}: UTF-8, with the escapes of its format decoded when
         * {@code escaped}.
         */
        String text(long offset, int length, boolean escaped);
    }

    /** A row's message lies elsewhere than a plain run of its record's bytes: it is read with the whole event. */
    private static final int MESSAGE_IN_EVENT = -1;
    private static final int CACHE = 4096;
    private static final Severity[] SEVERITIES = Severity.values();
    private static final byte TIMED = 1;
    private static final byte HEALTH_CANDIDATE = 2;
    private static final byte MESSAGE_ESCAPED = 4;

    private final int size;
    private final long[] times;
    private final byte[] severities;
    private final byte[] flags;
    private final int[][] columns;
    private final String[][] dictionaries;
    private final long[] lines;
    private final Event[] held;
    private final Records[] sources;
    private final int[] sourceOf;
    private final long[] offsets;
    private final int[] lengths;
    private final int[] messageStarts;
    private final int[] messageLengths;
    /** The last rows read back, by row modulo its size; made on the first read (most tables never read one back). */
    private Cached[] cache;

    private record Cached(int row, Event event) {
    }

    /** @param order the rows of {@code b} in time order, null when they were added in it */
    private EventTable(Builder b, int[] order) {
        size = b.size;
        times = permute(b.times, order, size);
        severities = permute(b.severities, order, size);
        flags = permute(b.flags, order, size);
        columns = new int[Column.values().length][];
        dictionaries = new String[columns.length][];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = permute(b.columns[c], order, size);
            dictionaries[c] = b.dictionaries[c].values();
        }
        lines = permute(b.lines, order, size);
        held = order == null ? Arrays.copyOf(b.held, size) : new Event[size];
        for (int i = 0; order != null && i < size; i++) {
            held[i] = b.held[order[i]];
        }
        sources = b.sources.toArray(new Records[0]);
        sourceOf = permute(b.sourceOf, order, size);
        offsets = permute(b.offsets, order, size);
        lengths = permute(b.lengths, order, size);
        messageStarts = permute(b.messageStarts, order, size);
        messageLengths = permute(b.messageLengths, order, size);
    }

    private EventTable(EventTable t, String[][] dictionaries, Event[] held) {
        this(t, dictionaries, held, t.sources);
    }

    private EventTable(EventTable t, String[][] dictionaries, Event[] held, Records[] sources) {
        size = t.size;
        times = t.times;
        severities = t.severities;
        flags = t.flags;
        columns = t.columns;
        this.dictionaries = dictionaries;
        lines = t.lines;
        this.held = held;
        this.sources = sources;
        sourceOf = t.sourceOf;
        offsets = t.offsets;
        lengths = t.lengths;
        messageStarts = t.messageStarts;
        messageLengths = t.messageLengths;
    }

    /** The events held as rows, sorted by time (stable). */
    public static EventTable of(List<Event> events) {
        if (events instanceof EventTable t) {
            return t;
        }
        Builder b = new Builder();
        for (Event e : events) {
            b.add(e);
        }
        return b.build();
    }

    @Override
    public int size() {
        return size;
    }

    /** The event of row {@code row}: held, or read again from its record. */
    @Override
    public Event get(int row) {
        java.util.Objects.checkIndex(row, size);
        Event e = held[row];
        if (e != null) {
            return e;
        }
        Cached[] recent = cache;
        if (recent == null) {
            recent = new Cached[CACHE];
            cache = recent;
        }
        int slot = row & (CACHE - 1);
        Cached c = recent[slot];
        if (c != null && c.row() == row) {
            return c.event();
        }
        e = sources[sourceOf[row]].read(offsets[row], lengths[row], lines[row]);
        String container = value(Column.CONTAINER, row);
        if (!java.util.Objects.equals(container, e.containerId())) {
            e = new Event(e.id(), e.timeNanos(), e.timeText(), e.host(), e.source(), e.unit(), e.identifier(), e.severity(),
                    e.message(), container, e.truncated(), e.fields(), e.origin());
        }
        recent[slot] = new Cached(row, e);
        return e;
    }

    /** Whether row {@code row} is read back from its record when asked for (not held). */
    public boolean deferred(int row) {
        return held[row] == null;
    }

    public long time(int row) {
        return times[row];
    }

    /** See {@link Event#timed()}. */
    public boolean timed(int row) {
        return (flags[row] & TIMED) != 0;
    }

    public Severity severity(int row) {
        return SEVERITIES[severities[row]];
    }

    /** {@code severity(row).ordinal()}, for counting. */
    public int severityOrdinal(int row) {
        return severities[row];
    }

    /**
     * Whether the row may say something about a container's healthcheck: its message holds {@code context deadline
     * exceeded} (dockerd's timed-out probe), or it names a container and its message or unit a runc mount
     * ({@code runc-moby-}: a probe's exec). Other rows need not be read to find runs.
     */
    public boolean healthCandidate(int row) {
        return (flags[row] & HEALTH_CANDIDATE) != 0;
    }

    /** The message of row {@code row}, read alone from the raw bytes when it can be, without building the event. */
    public String message(int row) {
        Event e = held[row];
        if (e != null) {
            return e.message();
        }
        int length = messageLengths[row];
        if (length == MESSAGE_IN_EVENT) {
            return get(row).message();
        }
        return sources[sourceOf[row]].text(offsets[row] + messageStarts[row], length, (flags[row] & MESSAGE_ESCAPED) != 0);
    }

    /** The 1-based line of the row's record in its entry; 0 when it has no origin. */
    public long line(int row) {
        return lines[row];
    }

    /** The id of the row's value in {@code column}; 0 when it has none. */
    public int id(Column column, int row) {
        return columns[column.ordinal()][row];
    }

    /** The value of row {@code row} in {@code column}; null when it has none. */
    public String value(Column column, int row) {
        return dictionaries[column.ordinal()][columns[column.ordinal()][row]];
    }

    /** The distinct values of {@code column}, by id; index 0 is null. */
    public String[] dictionary(Column column) {
        return dictionaries[column.ordinal()].clone();
    }

    /** Whether some row has {@code value} in {@code column}. */
    public boolean contains(Column column, String value) {
        String[] dict = dictionaries[column.ordinal()];
        boolean[] match = new boolean[dict.length];
        boolean any = false;
        for (int i = 1; i < dict.length; i++) {
            match[i] = dict[i].equals(value);
            any |= match[i];
        }
        if (!any) {
            return false;
        }
        for (int id : columns[column.ordinal()]) {
            if (match[id]) {
                return true;
            }
        }
        return false;
    }

    /**
     * The same rows with every container id replaced by what {@code resolve} gives for it (null keeps it): a short id
     * becomes the full id of the container it names. Held events are rebuilt with theirs.
     */
    public EventTable withContainers(UnaryOperator<String> resolve) {
        int c = Column.CONTAINER.ordinal();
        String[][] dicts = dictionaries.clone();
        String[] dict = dicts[c].clone();
        for (int i = 1; i < dict.length; i++) {
            String v = resolve.apply(dict[i]);
            dict[i] = v == null ? dict[i] : v;
        }
        dicts[c] = dict;
        Event[] events = held.clone();
        for (int i = 0; i < size; i++) {
            Event e = events[i];
            String v = dict[columns[c][i]];
            if (e != null && !java.util.Objects.equals(v, e.containerId())) {
                events[i] = new Event(e.id(), e.timeNanos(), e.timeText(), e.host(), e.source(), e.unit(), e.identifier(), e.severity(),
                        e.message(), v, e.truncated(), e.fields(), e.origin());
            }
        }
        return new EventTable(this, dicts, events);
    }

    /**
     * The same rows with their texts passed through {@code text} and their events through {@code event}: the host,
     * unit, identifier and entry dictionaries and the held events at once, a deferred row when it is read (its event,
     * and its message read alone). Times, severities, sources and container ids are kept. Nothing is read from the raw
     * bytes here, so a million deferred rows cost their dictionaries. {@code event} must change texts the way
     * {@code text} does, or a row's columns and its event disagree.
     */
    public EventTable mapped(UnaryOperator<String> text, UnaryOperator<Event> event) {
        String[][] dicts = dictionaries.clone();
        for (Column c : new Column[] {Column.HOST, Column.UNIT, Column.IDENTIFIER, Column.ENTRY}) {
            String[] dict = dicts[c.ordinal()].clone();
            for (int i = 1; i < dict.length; i++) {
                dict[i] = text.apply(dict[i]);
            }
            dicts[c.ordinal()] = dict;
        }
        Event[] events = held.clone();
        for (int i = 0; i < size; i++) {
            if (events[i] != null) {
                events[i] = event.apply(events[i]);
            }
        }
        Records[] mappedSources = new Records[sources.length];
        for (int i = 0; i < sources.length; i++) {
            Records inner = sources[i];
            mappedSources[i] = new Records() {
                @Override
                public Event read(long offset, int length, long line) {
                    return event.apply(inner.read(offset, length, line));
                }

                @Override
                public String text(long offset, int length, boolean escaped) {
                    return text.apply(inner.text(offset, length, escaped));
                }
            };
        }
        return new EventTable(this, dicts, events, mappedSources);
    }

    /**
     * The row of the event with id {@code id}, or -1. A deferred row's id is its entry and line
     * ({@code entry:line}); a held row's is its event's.
     */
    public int indexOf(String id) {
        if (id == null) {
            return -1;
        }
        int colon = id.lastIndexOf(':');
        int entryId = -1;
        long line = -1;
        if (colon > 0) {
            entryId = dictionaryId(Column.ENTRY, id.substring(0, colon));
            try {
                line = Long.parseLong(id.substring(colon + 1));
            } catch (NumberFormatException e) {
                line = -1;
            }
        }
        int[] entries = columns[Column.ENTRY.ordinal()];
        for (int i = 0; i < size; i++) {
            Event e = held[i];
            if (e != null ? e.id().equals(id) : entries[i] == entryId && lines[i] == line) {
                return i;
            }
        }
        return -1;
    }

    /** The last row from {@code entry} at or before {@code line}; else the entry's first row after it; else -1. */
    public int nearest(String entry, long line) {
        int entryId = dictionaryId(Column.ENTRY, entry);
        if (entryId <= 0) {
            return -1;
        }
        int[] entries = columns[Column.ENTRY.ordinal()];
        int before = -1;
        int after = -1;
        for (int i = 0; i < size; i++) {
            if (entries[i] != entryId) {
                continue;
            }
            long l = lines[i];
            if (l <= line) {
                if (before < 0 || l > lines[before]) {
                    before = i;
                }
            } else if (after < 0 || l < lines[after]) {
                after = i;
            }
        }
        return before >= 0 ? before : after;
    }

    private int dictionaryId(Column column, String value) {
        String[] dict = dictionaries[column.ordinal()];
        for (int i = 1; i < dict.length; i++) {
            if (dict[i].equals(value)) {
                return i;
            }
        }
        return -1;
    }

    /** The rows whose instant lies in {@code window} (from inclusive, to exclusive): a view, no event built. */
    public List<Event> within(TimeWindow window) {
        return subList(lowerBound(window.fromNanos()), Math.max(lowerBound(window.fromNanos()), lowerBound(window.toNanos())));
    }

    /** The first row at or after {@code nanos}; {@link #size()} when none. */
    public int lowerBound(long nanos) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] < nanos) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The first {@code size} values of {@code a} in the order {@code order} gives; as they are when it is null. */
    private static long[] permute(long[] a, int[] order, int size) {
        if (order == null) {
            return Arrays.copyOf(a, size);
        }
        long[] out = new long[size];
        for (int i = 0; i < order.length; i++) {
            out[i] = a[order[i]];
        }
        return out;
    }

    /** The first {@code size} values of {@code a} in the order {@code order} gives; as they are when it is null. */
    private static int[] permute(int[] a, int[] order, int size) {
        if (order == null) {
            return Arrays.copyOf(a, size);
        }
        int[] out = new int[size];
        for (int i = 0; i < order.length; i++) {
            out[i] = a[order[i]];
        }
        return out;
    }

    /** The first {@code size} values of {@code a} in the order {@code order} gives; as they are when it is null. */
    private static byte[] permute(byte[] a, int[] order, int size) {
        if (order == null) {
            return Arrays.copyOf(a, size);
        }
        byte[] out = new byte[size];
        for (int i = 0; i < order.length; i++) {
            out[i] = a[order[i]];
        }
        return out;
    }

    /** Distinct strings of one column, in order of first appearance; id 0 is null. */
    private static final class Dictionary {
        private final Map<String, Integer> ids = new HashMap<>();
        private String[] values = new String[16];
        private int n = 1;

        int id(String value) {
            if (value == null) {
                return 0;
            }
            Integer id = ids.get(value);
            if (id == null) {
                if (n == values.length) {
                    values = Arrays.copyOf(values, n * 2);
                }
                id = n;
                values[n++] = value;
                ids.put(value, id);
            }
            return id;
        }

        String[] values() {
            return Arrays.copyOf(values, n);
        }
    }

    /** Rows in the order they are added; {@link #build()} sorts them by time. Not thread-safe. */
    public static final class Builder {
        private int size;
        private long[] times = new long[0];
        private byte[] severities = new byte[0];
        private byte[] flags = new byte[0];
        private final int[][] columns = new int[Column.values().length][0];
        private final Dictionary[] dictionaries = new Dictionary[Column.values().length];
        private long[] lines = new long[0];
        private Event[] held = new Event[0];
        private final List<Records> sources = new java.util.ArrayList<>();
        private int[] sourceOf = new int[0];
        private long[] offsets = new long[0];
        private int[] lengths = new int[0];
        private int[] messageStarts = new int[0];
        private int[] messageLengths = new int[0];

        public Builder() {
            for (int c = 0; c < dictionaries.length; c++) {
                dictionaries[c] = new Dictionary();
            }
        }

        public int size() {
            return size;
        }

        /** The event of row {@code row} in the order added, when it is held; null when deferred. */
        public Event held(int row) {
            java.util.Objects.checkIndex(row, size);
            return held[row];
        }

        /** Adds {@code e} as a held row. */
        public Builder add(Event e) {
            int row = row(e);
            held[row] = e;
            return this;
        }

        /** Registers where deferred rows are read back from; returns the number to give {@link #addDeferred}. */
        public int source(Records records) {
            sources.add(records);
            return sources.size() - 1;
        }

        /**
         * Adds {@code e} as a deferred row: its columns are kept, and the event itself is read back from source
         * {@code source} ({@link #source}) when asked for. {@code e} must be what that source reads from the record.
         *
         * @param offset         the record's first byte in the source
         * @param length         the record's length in bytes
         * @param messageStart   where the message's bytes start, from the record's first byte; negative when the
         *                       message is not one run of the record's bytes (absent, or put together from several)
         * @param messageLength  the message's length in bytes
         * @param escaped        whether those bytes hold escapes of the record's format ({@link Records#text})
         */
        public Builder addDeferred(Event e, int source, long offset, int length, int messageStart, int messageLength, boolean escaped) {
            java.util.Objects.checkIndex(source, sources.size());
            int row = row(e);
            if (escaped) {
                flags[row] |= MESSAGE_ESCAPED;
            }
            sourceOf[row] = source;
            offsets[row] = offset;
            lengths[row] = length;
            boolean plain = messageStart >= 0 && messageLength >= 0;
            messageStarts[row] = plain ? messageStart : 0;
            messageLengths[row] = plain ? messageLength : MESSAGE_IN_EVENT;
            return this;
        }

        /**
         * Appends the rows of {@code other} after these, in their order; a deferred row of {@code other}'s source {@code k}
         * becomes one of this builder's source {@code sources[k]}.
         */
        public Builder addAll(Builder other, int[] sources) {
            int[][] remap = new int[columns.length][];
            for (int c = 0; c < columns.length; c++) {
                String[] values = other.dictionaries[c].values();
                remap[c] = new int[values.length];
                for (int id = 1; id < values.length; id++) {
                    remap[c][id] = dictionaries[c].id(values[id]);
                }
            }
            if (size + other.size > times.length) {
                grow(Math.max(16, Math.max(size * 2, size + other.size)));
            }
            for (int r = 0; r < other.size; r++) {
                int row = size++;
                times[row] = other.times[r];
                severities[row] = other.severities[r];
                flags[row] = other.flags[r];
                for (int c = 0; c < columns.length; c++) {
                    columns[c][row] = remap[c][other.columns[c][r]];
                }
                lines[row] = other.lines[r];
                held[row] = other.held[r];
                sourceOf[row] = other.held[r] == null ? sources[other.sourceOf[r]] : 0;
                offsets[row] = other.offsets[r];
                lengths[row] = other.lengths[r];
                messageStarts[row] = other.messageStarts[r];
                messageLengths[row] = other.messageLengths[r];
            }
            return this;
        }

        private int row(Event e) {
            if (size == times.length) {
                grow(Math.max(16, size * 2));
            }
            int row = size++;
            times[row] = e.timeNanos();
            severities[row] = (byte) e.severity().ordinal();
            byte f = e.timed() ? TIMED : 0;
            if (e.message().contains("context deadline exceeded") || e.containerId() != null && (e.message().contains("runc-moby-")
                    || e.unit() != null && e.unit().contains("runc-moby-"))) {
                f |= HEALTH_CANDIDATE;
            }
            flags[row] = f;
            set(Column.HOST, row, e.host());
            set(Column.SOURCE, row, e.source());
            set(Column.UNIT, row, e.unit());
            set(Column.IDENTIFIER, row, e.identifier());
            set(Column.CONTAINER, row, e.containerId());
            set(Column.ENTRY, row, e.origin() == null ? null : e.origin().entry());
            lines[row] = e.origin() == null ? 0 : e.origin().line();
            return row;
        }

        private void set(Column c, int row, String value) {
            columns[c.ordinal()][row] = dictionaries[c.ordinal()].id(value);
        }

        private void grow(int capacity) {
            times = Arrays.copyOf(times, capacity);
            severities = Arrays.copyOf(severities, capacity);
            flags = Arrays.copyOf(flags, capacity);
            for (int c = 0; c < columns.length; c++) {
                columns[c] = Arrays.copyOf(columns[c], capacity);
            }
            lines = Arrays.copyOf(lines, capacity);
            held = Arrays.copyOf(held, capacity);
            sourceOf = Arrays.copyOf(sourceOf, capacity);
            offsets = Arrays.copyOf(offsets, capacity);
            lengths = Arrays.copyOf(lengths, capacity);
            messageStarts = Arrays.copyOf(messageStarts, capacity);
            messageLengths = Arrays.copyOf(messageLengths, capacity);
        }

        /** The rows sorted by time; equal times keep the order they were added in. */
        public EventTable build() {
            return new EventTable(this, StableOrder.byKey(times, size));
        }
    }
}
