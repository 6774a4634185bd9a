package io.faultline.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.faultline.model.Diagnostic;
import io.faultline.model.EpochNanos;
import io.faultline.model.Event;
import io.faultline.model.Severity;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    private static final long JUMP_MICROS = JUMP_SECONDS * 1_000_000L;
    private static final Set<String> TYPED = Set.of("MESSAGE", "__REALTIME_TIMESTAMP", "PRIORITY", "SYSLOG_IDENTIFIER",
            "CONTAINER_ID", "CONTAINER_ID_FULL");

    private final EntryContext ctx;
    private final String source;
    private final Collector out;
    /** Per boot id: realtime minus monotonic (µs) of its last entry, and that entry's line. */
    private final Map<String, long[]> bootClock = new HashMap<>();
    /** Short field values already held by an event of this entry; see {@link #shared(String)}. */
    private final Map<String, String> sharedValues = new HashMap<>();

    JournalEntries(EntryContext ctx, String source, Collector out) {
        this.ctx = ctx;
        this.source = source;
        this.out = out;
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
        String message = single(entry.get("MESSAGE"));
        String usec = single(entry.get("__REALTIME_TIMESTAMP"));
        long micros;
        try {
            micros = Long.parseLong(usec == null ? "" : usec.trim());
        } catch (NumberFormatException e) {
            out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, line, offset,
                    (usec == null ? "journal entry has no __REALTIME_TIMESTAMP" : "unreadable __REALTIME_TIMESTAMP '" + usec + "'")
                            + ", so it cannot be placed in time; its message was: '"
                            + JournalShortParser.abbreviate(message == null ? "" : message) + "'"));
            return;
        }
        watchClock(single(entry.get("_BOOT_ID")), single(entry.get("__MONOTONIC_TIMESTAMP")), micros, line, offset);
        Severity severity = Severity.UNKNOWN;
        String prio = single(entry.get("PRIORITY"));
        String p = prio == null ? "" : prio.trim();
        if (p.length() == 1 && p.charAt(0) >= '0' && p.charAt(0) <= '9') {
            severity = Severity.ofPriority(p.charAt(0) - '0');
        }
        String unitKey = present(entry, "UNIT") ? "UNIT" : present(entry, "USER_UNIT") ? "USER_UNIT"
                : present(entry, "_SYSTEMD_UNIT") ? "_SYSTEMD_UNIT" : null;
        String unit = unitKey == null ? null : single(entry.get(unitKey));
        String containerId = firstNonNull(single(entry.get("CONTAINER_ID_FULL")), single(entry.get("CONTAINER_ID")));
        if (containerId == null) {
            containerId = firstNonNull(ContainerLinks.find(message), ContainerLinks.find(unit));
        }
        Map<String, String> fields = LinkedHashMap.newLinkedHashMap(entry.size());
        for (Map.Entry<String, List<String>> f : entry.entrySet()) {
            if (!TYPED.contains(f.getKey()) && !f.getKey().equals(unitKey)) {
                fields.put(shared(f.getKey()), shared(single(f.getValue())));
            }
        }
        String identifier = single(entry.get("SYSLOG_IDENTIFIER"));
        String containerName = single(entry.get("CONTAINER_NAME"));
        if (containerName != null && identifier != null && containerId != null && containerId.startsWith(identifier)) {
            // the journald log driver tags lines with the short container id; the name is what a person reads
            fields.put("SYSLOG_IDENTIFIER", identifier);
            identifier = containerName;
        }
        long remote = Math.multiplyExact(micros, 1000L);
        out.event(new Event(ctx.entry() + ":" + line, ctx.toLocal(remote), usec, ctx.host(), source, unit,
                identifier, severity, message, containerId, false, fields, ctx.at(line, offset)));
    }

    /**
     * The one copy of a short value seen before in this entry ({@code _BOOT_ID}, {@code _HOSTNAME}, {@code _CMDLINE}
     * repeat on every line): an ingest keeps every event, so this saves most of the heap their fields take.
     */
    private String shared(String value) {
        if (value == null || value.length() > SHARED_MAX_CHARS) {
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
        long[] last = bootClock.get(boot);
        if (last != null && Math.abs(delta - last[0]) > JUMP_MICROS) {
            out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, line, offset, String.format(java.util.Locale.ROOT,
                    "wall clock jumped %+.6f s inside boot %s between the entry at line %d and this one"
                            + " (realtime - monotonic went from %s to %s); times on either side are as the host's clock said",
                    (delta - last[0]) / 1e6, boot, last[1], EpochNanos.iso(last[0] * 1000L), EpochNanos.iso(delta * 1000L))));
        }
        bootClock.put(boot, new long[] {delta, line});
    }

    private static boolean present(Map<String, List<String>> entry, String key) {
        return single(entry.get(key)) != null;
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
