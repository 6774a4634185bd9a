package io.faultline.ingest;

import io.faultline.model.Diagnostic;
import io.faultline.model.EpochNanos;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The times of iostat reports, text and JSON alike. With {@code -t} each report has a stamp:
 * {@code 12/03/26 19:19:04} or {@code 12/03/2026 03:00:01 PM} (the locale's date, see {@link SysstatDates},
 * in the host's zone) or {@code 2026-12-03T19:22:36+0000} ({@code S_TIME_FORMAT=ISO}, its own offset).
 * Without {@code -t} reports carry no time: the last one is placed when the capture took the output (the
 * manifest's endedAt), or failing that at 00:00 of the header date; earlier untimed reports cannot be placed
 * and are counted in one diagnostic.
 */
final class IostatTime {
    private static final Pattern STAMP = Pattern.compile("^(\\S+)\\s+(\\d{1,2}):(\\d{2}):(\\d{2})(?:\\s+(AM|PM|am|pm))?$");
    private static final DateTimeFormatter ISO_OFFSET = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[XX][XXX]");

    private IostatTime() {
    }

    /** True when {@code line} is a report stamp. */
    static boolean isStamp(String line) {
        return STAMP.matcher(line).matches() || (line.length() >= 19 && line.charAt(10) == 'T' && line.matches("\\d{4}-\\d{2}-\\d{2}T[\\d:]{8}\\S*"));
    }

    /** The stamp on the host's clock in epoch nanos (not yet moved to the laptop's axis), or null with a diagnostic. */
    static Long parse(String stamp, EntryContext ctx, Collector out, long line, long offset) {
        try {
            if (stamp.length() >= 19 && stamp.charAt(10) == 'T') {
                return EpochNanos.of(OffsetDateTime.parse(stamp, ISO_OFFSET).toInstant());
            }
            Matcher m = STAMP.matcher(stamp);
            if (m.matches()) {
                SysstatDates.Day d = SysstatDates.parse(m.group(1), ctx);
                if (d != null) {
                    int hour = Integer.parseInt(m.group(2));
                    if (m.group(5) != null) {
                        hour = hour % 12 + (m.group(5).equalsIgnoreCase("PM") ? 12 : 0);
                    }
                    LocalTime t = LocalTime.of(hour, Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
                    return EpochNanos.of(LocalDateTime.of(d.date(), t).atZone(ctx.zone()).toInstant());
                }
            }
        } catch (DateTimeException | NumberFormatException e) {
            out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, line, offset, "unreadable report time '" + stamp + "': "
                    + e.getMessage() + "; report skipped"));
            return null;
        }
        out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, line, offset, "unreadable report time '" + stamp + "'; report skipped"));
        return null;
    }

    /**
     * Where the last untimed report goes on the laptop's axis: the time the capture took the output, else
     * 00:00 of the header day in the host's zone; null when neither is known. Says which in a diagnostic.
     */
    static Long untimedAnchor(EntryContext ctx, SysstatDates.Day headerDay, int untimed, Collector out) {
        String lost = untimed > 1 ? "; the " + (untimed - 1) + " earlier reports have no time and are not placed" : "";
        if (ctx.takenAt() != null) {
            out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, 0, -1, "iostat ran without -t: its last report is placed at "
                    + ctx.takenAt() + ", when the capture took it" + lost));
            return EpochNanos.of(ctx.takenAt());
        }
        if (headerDay != null) {
            Instant start = headerDay.date().atStartOfDay(ctx.zone()).toInstant();
            out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, 0, -1, "iostat ran without -t and the capture does not say when:"
                    + " its last report is placed at 00:00 of the header date " + headerDay.date() + " in " + ctx.zone().getId() + lost));
            return ctx.toLocal(EpochNanos.of(start));
        }
        out.diagnostic(ctx.diagnostic(Diagnostic.Level.ERROR, 0, -1, "iostat ran without -t and nothing dates its "
                + untimed + " reports: none placed"));
        return null;
    }
}
