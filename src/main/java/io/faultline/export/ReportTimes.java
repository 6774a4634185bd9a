package io.faultline.export;

import io.faultline.model.EpochNanos;
import io.faultline.model.Evidence;
import io.faultline.model.HostInfo;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Times as the reports print them: in the zone of the host the item is on, with its UTC offset, to the millisecond
 * ({@code 2026-12-03 19:03:52.654 +00:00}). An item with no host (a range) takes the zone of the first host; a zone Java
 * does not know is UTC.
 */
final class ReportTimes {
    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS xxx", Locale.ROOT);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT);
    private static final DateTimeFormatter DAY_CLOCK = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss.SSS", Locale.ROOT);
    private final Map<String, ZoneId> zones = new HashMap<>();
    private final ZoneId first;
    private final boolean severalDays;

    ReportTimes(Evidence ev) {
        for (HostInfo h : ev.hosts()) {
            zones.put(h.name(), zone(h.zone()));
        }
        first = ev.hosts().isEmpty() ? ZoneOffset.UTC : zone(ev.hosts().getFirst().zone());
        severalDays = ev.window() != null && !EpochNanos.toInstant(ev.window().fromNanos()).atZone(first).toLocalDate()
                .equals(EpochNanos.toInstant(ev.window().toNanos()).atZone(first).toLocalDate());
    }

    ZoneId zoneOf(String host) {
        return host == null ? first : zones.getOrDefault(host, first);
    }

    /** {@code 2026-12-03 19:03:52.654 +00:00} in the host's zone. */
    String full(long nanos, String host) {
        return FULL.format(EpochNanos.toInstant(nanos).atZone(zoneOf(host)));
    }

    /** {@code 19:03:52.654} in the host's zone; {@code 10-18 15:07:37.034} when the capture spans several days. */
    String clock(long nanos, String host) {
        return (severalDays ? DAY_CLOCK : CLOCK).format(EpochNanos.toInstant(nanos).atZone(zoneOf(host)));
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException | NullPointerException e) {
            return ZoneOffset.UTC;
        }
    }

    /** "6 min 59 s", "1.000 s", "250 ms", "2 h 5 min", "13 d 0 h 7 min". */
    static String duration(long nanos) {
        long ms = Math.round(nanos / 1e6);
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.3f s", ms / 1000.0);
        }
        long s = ms / 1000;
        if (s < 3600) {
            return s / 60 + " min " + s % 60 + " s";
        }
        if (s < 86400) {
            return s / 3600 + " h " + s % 3600 / 60 + " min";
        }
        return s / 86400 + " d " + s % 86400 / 3600 + " h " + s % 3600 / 60 + " min";
    }
}
