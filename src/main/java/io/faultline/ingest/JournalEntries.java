package io.faultline.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.faultline.model.Diagnostic;
import io.faultline.model.EpochNanos;
import io.faultline.model.Event;
import io.faultline.model.FieldMap;
import io.faultline.model.Severity;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one mapping from a journal entry's fields to an {@link Event}, shared by {@code -o json} and
 * {@code -o export}, so the same entry gives the same event whichever way it was dumped.
 * {@code __REALTIME_TIMESTAMP} (microseconds, host clock) is the time; {@code PRIORITY} the severity; the unit is
 * {@code UNIT} (what systemd reports about) else {@code USER_UNIT} else {@code _SYSTEMD_UNIT};
 * {@code CONTAINER_ID_FULL}/{@code CONTAINER_ID} (journald log driver) or a runc mount unit link the container.
 * Every other field is kept in {@link Event#fields()}; a field the journal holds several values of is kept as a
 * JSON array of its values (as {@code journalctl -o json} writes it).
 *
 * <p>One instance reads one bundle entry: it also watches each boot's clock. Within a boot
 * {@code __REALTIME_TIMESTAMP - __MONOTONIC_TIMESTAMP} is the boot's wall time; when it moves by more than
 * {@value #JUMP_SECONDS} s between consecutive entries of the boot, the wall clock was set and a diagnostic says so.
 */
final class JournalEntries {
    static final int JUMP_SECONDS = 5;
    private static final int SHARED_MAX_CHARS = 128;
    private static final int SHARED_MAX_VALUES = 1 << 16;
    private static final int NAME_SETS = 64;
    private static final long JUMP_MICROS = JUMP_SECONDS * 1_000_000L;

    private EntryContext ctx;
    private final String source;
    private final boolean shareValues;
    private final Collector out;
    /** Per boot id: realtime minus monotonic (µs) of its last entry, and that entry's line. */
    private final Map<String, long[]> bootClock = new HashMap<>();
    /** Per boot id, in order of first sight: the clock of its first entry read here, that entry's line and offset. */
    private final Map<String, long[]> firstClock = new java.util.LinkedHashMap<>();
    /** Short field values already held by an event of this entry; see {@link #shared(String)}. */
    private final Map<String, String> sharedValues = new HashMap<>();
    /** Names arrays handed to events, by a hash of the names; see {@link #sharedNames(int)}. */
    private final String[][] nameSets = new String[NAME_SETS][];
    /** Reused while reading one entry: its fields (map input), the event's field names, which fields are typed. */
    private final JournalFields scratch = new JournalFields();
    private String[] names = new String[32];
    private boolean[] typed = new boolean[32];

    JournalEntries(EntryContext ctx, String source, Collector out) {
        this(ctx, source, out, true);
    }

    /**
     * @param shareValues whether repeated short values are shared between the events ({@link #shared}): worth it when
     *                    the events are kept, wasted when they are read back from their bytes and dropped
     */
    JournalEntries(EntryContext ctx, String source, Collector out, boolean shareValues) {
        this.ctx = ctx;
        this.source = source;
        this.out = out;
        this.shareValues = shareValues;
    }

    /** Reads on in another piece of the same entry, whose places {@code next} maps; the clocks seen so far are kept. */
    void readFrom(EntryContext next) {
        this.ctx = next;
    }

    /** A field's stored value: its only value, or a JSON array of its values when it has several. */
    static String single(List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() == 1) {
            return values.getFirst();
        }
        try {
            return JsonRecords.MAPPER.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings always renders as JSON", e);
        }
    }

    /**
     * Emits the event of one entry, or a located diagnostic when it has no readable time.
     *
     * @param entry every field with its values (text, binary data decoded as UTF-8), in the order read
     */
    void accept(Map<String, List<String>> entry, long line, long offset) {
        scratch.clear();
        for (Map.Entry<String, List<String>> f : entry.entrySet()) {
            scratch.put(f.getKey(), single(f.getValue()));
        }
        Event e = event(scratch, line, offset);
        if (e != null) {
            out.event(e);
        }
    }

    /**
     * The event of one entry read into a {@link JournalFields}, or null (and a located diagnostic) when it has no
     * readable time. The caller hands it on.
     */
    Event event(JournalFields entry, long line, long offset) {
        int n = entry.size();
        if (typed.length < n) {
            typed = new boolean[n * 2];
        }
        String message = null;
        String usec = null;
        String prio = null;
        String identifier = null;
        String idFull = null;
        String idShort = null;
        String boot = null;
        String mono = null;
        String containerName = null;
        int unitAt = -1;
        int userUnitAt = -1;
        int systemdUnitAt = -1;
        for (int i = 0; i < n; i++) {
            String v = entry.value(i);
            boolean t = true;
            switch (entry.name(i)) {
                case "MESSAGE" -> message = v;
                case "__REALTIME_TIMESTAMP" -> usec = v;
                case "PRIORITY" -> prio = v;
                case "SYSLOG_IDENTIFIER" -> identifier = v;
                case "CONTAINER_ID" -> idShort = v;
                case "CONTAINER_ID_FULL" -> idFull = v;
                default -> {
                    t = false;
                    switch (entry.name(i)) {
                        case "_BOOT_ID" -> boot = v;
                        case "__MONOTONIC_TIMESTAMP" -> mono = v;
                        case "CONTAINER_NAME" -> containerName = v;
                        case "UNIT" -> unitAt = v == null ? -1 : i;
                        case "USER_UNIT" -> userUnitAt = v == null ? -1 : i;
                        case "_SYSTEMD_UNIT" -> systemdUnitAt = v == null ? -1 : i;
                        default -> {
                        }
                    }
                }
            }
            typed[i] = t;
        }
        long micros;
        long remote;
        try {
            micros = Long.parseLong(usec == null ? "" : usec.trim());
            remote = Math.multiplyExact(micros, 1000L);
        } catch (NumberFormatException | ArithmeticException e) {
            out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, line, offset,
                    (usec == null ? "journal entry has no __REALTIME_TIMESTAMP" : "unreadable __REALTIME_TIMESTAMP '" + usec + "'")
                            + ", so it cannot be placed in time; its message was: '"
                            + JournalShortParser.abbreviate(message == null ? "" : message) + "'"));
            return null;
        }
        watchClock(boot, mono, micros, line, offset);
        Severity severity = Severity.UNKNOWN;
        String p = prio == null ? "" : prio.trim();
        if (p.length() == 1 && p.charAt(0) >= '0' && p.charAt(0) <= '9') {
            severity = Severity.ofPriority(p.charAt(0) - '0');
        }
        int unitAtChosen = unitAt >= 0 ? unitAt : userUnitAt >= 0 ? userUnitAt : systemdUnitAt;
        String unit = unitAtChosen < 0 ? null : entry.value(unitAtChosen);
        if (unitAtChosen >= 0) {
            typed[unitAtChosen] = true;
        }
        String containerId = firstNonNull(idFull, idShort);
        if (containerId == null) {
            containerId = firstNonNull(ContainerLinks.find(message), ContainerLinks.find(unit));
        }
        // the journald log driver tags lines with the short container id; the name is what a person reads
        boolean tagged = containerName != null && identifier != null && containerId != null && containerId.startsWith(identifier);
        int count = tagged ? 1 : 0;
        for (int i = 0; i < n; i++) {
            if (!typed[i]) {
                count++;
            }
        }
        if (names.length < count) {
            names = new String[count * 2];
        }
        String[] values = new String[count];
        int j = 0;
        for (int i = 0; i < n; i++) {
            if (!typed[i]) {
                names[j] = shared(entry.name(i));
                values[j++] = shared(entry.value(i));
            }
        }
        if (tagged) {
            names[j] = "SYSLOG_IDENTIFIER";
            values[j] = identifier;
            identifier = containerName;
        }
        return new Event(ctx.recordId(line), ctx.toLocal(remote), usec, ctx.host(), source, unit,
                identifier, severity, message, containerId, false, FieldMap.of(sharedNames(count), values), ctx.at(line, offset));
    }

    /**
     * The first {@code count} of {@link #names} as an array held by earlier events when one has the same names in the
     * same order (most entries of a journal have one of a few shapes), else a new one, remembered for the next.
     */
    private String[] sharedNames(int count) {
        int h = count;
        for (int i = 0; i < count; i++) {
            h = 31 * h + names[i].hashCode();
        }
        int slot = h & (nameSets.length - 1);
        String[] known = nameSets[slot];
        if (known != null && known.length == count && Arrays.equals(known, 0, count, names, 0, count)) {
            return known;
        }
        String[] copy = Arrays.copyOf(names, count);
        nameSets[slot] = copy;
        return copy;
    }

    /**
     * The one copy of a short value seen before in this entry ({@code _BOOT_ID}, {@code _HOSTNAME}, {@code _CMDLINE}
     * repeat on every line): an ingest keeps every event, so this saves most of the heap their fields take.
     */
    private String shared(String value) {
        if (!shareValues || value == null || value.length() > SHARED_MAX_CHARS) {
            return value;
        }
        String known = sharedValues.putIfAbsent(value, value);
        if (known != null) {
            return known;
        }
        if (sharedValues.size() > SHARED_MAX_VALUES) {
            sharedValues.clear();
        }
        return value;
    }

    private void watchClock(String boot, String monoText, long realtime, long line, long offset) {
        if (boot == null || monoText == null) {
            return;
        }
        long mono;
        try {
            mono = Long.parseLong(monoText.trim());
        } catch (NumberFormatException e) {
            out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, line, offset,
                    "unreadable __MONOTONIC_TIMESTAMP '" + monoText + "' (boot " + boot + "): the boot's clock is not checked here"));
            return;
        }
        long delta = realtime - mono;
        long entryLine = ctx.textMap().line(line);
        long[] last = bootClock.get(boot);
        if (last == null) {
            firstClock.put(boot, new long[] {delta, entryLine, ctx.textMap().offset(offset)});
        } else if (Math.abs(delta - last[0]) > JUMP_MICROS) {
            out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, line, offset, jumped(boot, last, delta)));
        }
        bootClock.put(boot, new long[] {delta, entryLine});
    }

    private static String jumped(String boot, long[] last, long delta) {
        return String.format(java.util.Locale.ROOT, "wall clock jumped %+.6f s inside boot %s between the entry at line %d and this one"
                        + " (realtime - monotonic went from %s to %s); times on either side are as the host's clock said",
                (delta - last[0]) / 1e6, boot, last[1], EpochNanos.iso(last[0] * 1000L), EpochNanos.iso(delta * 1000L));
    }

    /**
     * For a piece of an entry read on its own after the pieces before it: checks each boot's first entry here against
     * {@code before}, the last clock of each boot in those pieces (as this reader would have, reading them all), then
     * leaves in {@code before} the last clocks after this piece. Jumps go to {@code into}.
     */
    void joinAfter(Map<String, long[]> before, Collector into) {
        for (Map.Entry<String, long[]> first : firstClock.entrySet()) {
            long[] last = before.get(first.getKey());
            long[] f = first.getValue();
            if (last != null && Math.abs(f[0] - last[0]) > JUMP_MICROS) {
                into.diagnostic(new Diagnostic(Diagnostic.Level.WARNING, new io.faultline.model.SourceRef(ctx.entry(), f[1], f[2]),
                        jumped(first.getKey(), last, f[0])));
            }
        }
        before.putAll(bootClock);
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
