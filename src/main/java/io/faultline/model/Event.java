package io.faultline.model;

import java.util.Map;

/**
 * One log record (journal entry, docker event, ...) at an instant.
 *
 * @param id         stable id derived from its origin, so a bundle replayed later yields the same ids
 * @param timeNanos  UTC epoch nanoseconds
 * @param timeText   the timestamp as written in the source, kept for display and export
 * @param source     the format it was parsed from, e.g. {@code journal-json}, {@code docker-events}
 * @param unit       systemd unit, or null
 * @param identifier syslog identifier / process name, or null
 * @param containerId full or short container id this record names, or null
 * @param truncated  true when the source cut the line (pager {@code >} at the end)
 * @param fields     every other field of the record, kept and searchable; copied unless it is a {@link FieldMap}
 */
public record Event(String id, long timeNanos, String timeText, String host, String source, String unit,
                    String identifier, Severity severity, String message, String containerId, boolean truncated,
                    Map<String, String> fields, SourceRef origin) {
    public Event {
        java.util.Objects.requireNonNull(id, "id");
        java.util.Objects.requireNonNull(severity, "severity");
        message = message == null ? "" : message;
        fields = fields == null ? Map.of() : fields instanceof FieldMap ? fields
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    }

    /**
     * False for a record its source gave no time ({@code journalctl -o cat}): it sits at 0 with no time text,
     * keeps its place in file order, and does not stretch a window or an overview back to 1970.
     */
    public boolean timed() {
        return timeNanos != 0 || !timeText.isEmpty();
    }

    /** Unit if present, otherwise the identifier, otherwise the source: what a log table shows as "who". */
    public String who() {
        if (unit != null && !unit.isEmpty()) {
            return unit;
        }
        return identifier != null && !identifier.isEmpty() ? identifier : source;
    }
}
