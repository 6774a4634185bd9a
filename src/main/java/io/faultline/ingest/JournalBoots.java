package io.faultline.ingest;

import io.faultline.model.Event;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The wall time of each boot, learnt from the journal JSON and export entries of a bundle: for a boot id, every
 * entry's (monotonic time, wall time minus monotonic time) on the laptop's axis. It turns
 * {@code journalctl -o short-monotonic} stamps ({@code [ 1234.567890]}, seconds since boot) into instants.
 * A monotonic stamp takes the anchor of the latest entry of its boot at or before it (the first one when it
 * lies before all), so a wall-clock jump inside the boot moves the stamps after it as it moved the entries.
 * For each bundle host it also keeps the boot time of its latest boot (the boot of its latest entry, as that entry's
 * wall time minus monotonic time), for raw dmesg without a boot time of its own. Immutable.
 */
public final class JournalBoots {
    /** No boot known: monotonic stamps stay relative to an unknown boot. */
    public static final JournalBoots NONE = new JournalBoots(Map.of(), Map.of(), Map.of());
    private static final String AMBIGUOUS = "";

    private final Map<String, TreeMap<Long, Long>> anchors;
    private final Map<String, String> byStamp;
    private final Map<String, HostBoot> latest;

    private JournalBoots(Map<String, TreeMap<Long, Long>> anchors, Map<String, String> byStamp, Map<String, HostBoot> latest) {
        this.anchors = anchors;
        this.byStamp = byStamp;
        this.latest = latest;
    }

    /**
     * From events of the JSON and export parsers (fields {@code _BOOT_ID}, {@code __MONOTONIC_TIMESTAMP}, {@code _HOSTNAME}).
     *
     * @param hostOfEntry the bundle host of each entry the events came from (by {@code origin().entry()})
     */
    static JournalBoots of(List<Event> events, Map<String, String> hostOfEntry) {
        Map<String, TreeMap<Long, Long>> anchors = new HashMap<>();
        Map<String, String> byStamp = new HashMap<>();
        Map<String, Event> lastOfHost = new HashMap<>();
        for (Event e : events) {
            String boot = e.fields().get("_BOOT_ID");
            String mono = e.fields().get("__MONOTONIC_TIMESTAMP");
            if (boot == null || mono == null || !mono.trim().matches("\\d{1,18}")) {
                continue;
            }
            long micros = Long.parseLong(mono.trim());
            long monoNanos = micros * 1000L;
            anchors.computeIfAbsent(boot, b -> new TreeMap<>()).put(monoNanos, e.timeNanos() - monoNanos);
            byStamp.merge(e.fields().get("_HOSTNAME") + " " + micros, boot, (a, b) -> a.equals(b) ? a : AMBIGUOUS);
            String host = e.origin() == null ? null : hostOfEntry.get(e.origin().entry());
            if (host != null) {
                lastOfHost.merge(host, e, (a, b) -> b.timeNanos() >= a.timeNanos() ? b : a);
            }
        }
        Map<String, HostBoot> latest = new HashMap<>();
        lastOfHost.forEach((host, e) -> latest.put(host, new HostBoot(
                e.timeNanos() - Long.parseLong(e.fields().get("__MONOTONIC_TIMESTAMP").trim()) * 1000L, e.fields().get("_BOOT_ID"),
                "the journal of " + host + " in this bundle (realtime - monotonic of its latest entry, " + e.origin().entry() + " line "
                        + e.origin().line() + ")")));
        return new JournalBoots(Map.copyOf(anchors), Map.copyOf(byStamp), Map.copyOf(latest));
    }

    /** The boot time of the latest boot a bundle host's journal entries show, or null when they show none. */
    HostBoot latestBoot(String host) {
        return latest.get(host);
    }

    boolean isEmpty() {
        return anchors.isEmpty();
    }

    /** Wall time (laptop axis, epoch ns) of a monotonic stamp in a boot, or null when the boot is not known. */
    Long wallTime(String boot, long monoNanos) {
        TreeMap<Long, Long> a = boot == null ? null : anchors.get(boot);
        if (a == null) {
            return null;
        }
        Map.Entry<Long, Long> at = a.floorEntry(monoNanos);
        return monoNanos + (at != null ? at : a.firstEntry()).getValue();
    }

    /** The one boot whose entry on this host has exactly this monotonic stamp, or null (none, or several). */
    String bootOf(String hostname, long monoMicros) {
        String b = byStamp.get(hostname + " " + monoMicros);
        return b == null || b.equals(AMBIGUOUS) ? null : b;
    }
}
