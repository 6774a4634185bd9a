package io.faultline.ingest;

import io.faultline.model.EpochNanos;
import io.faultline.model.TimeWindow;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Gives a year to timestamps that carry none (journal short: {@code Oct 05 15:00:25}).
 * With a capture window, the year among (window end's year - 1, same, + 1) that puts the time nearest the
 * window wins, so a December line in a window ending in January lands in the previous year. Without a
 * window, the year that puts the time nearest to what the bundle's fully dated sources hold wins (an
 * inspect taken days after the incident dates it); with none of those, the latest year that is not after
 * the bundle's creation (plus a day of slack) wins.
 */
final class YearGuess {
    private static final long DAY_NANOS = 86_400_000_000_000L;

    /** Where the year came from, for the diagnostic. */
    enum Basis { WINDOW, DATA_CONTEXT, CREATED_AT, NONE }

    private final ZoneId zone;
    private final TimeWindow window;
    private final Instant dataContext;
    private final Instant createdAt;

    YearGuess(ZoneId zone, TimeWindow window, Instant dataContext, Instant createdAt) {
        this.zone = zone;
        this.window = window;
        this.dataContext = dataContext;
        this.createdAt = createdAt;
    }

    Basis basis() {
        if (window != null) {
            return Basis.WINDOW;
        }
        if (dataContext != null) {
            return Basis.DATA_CONTEXT;
        }
        return createdAt != null ? Basis.CREATED_AT : Basis.NONE;
    }

    /**
     * The instant of month/day/time in the best year, in epoch nanos of the host zone; null when the day
     * exists in no candidate year (Feb 30) or there is no basis.
     */
    Long resolve(int month, int day, int hour, int minute, int second, int nano) {
        long anchor;
        if (window != null) {
            anchor = window.toNanos();
        } else if (dataContext != null) {
            anchor = EpochNanos.of(dataContext);
        } else if (createdAt != null) {
            anchor = EpochNanos.of(createdAt);
        } else {
            return null;
        }
        int year = EpochNanos.toInstant(anchor).atZone(zone).getYear();
        Long best = null;
        long bestScore = Long.MAX_VALUE;
        for (int y = year + 1; y >= year - 1; y--) {
            long t;
            try {
                t = EpochNanos.of(ZonedDateTime.of(LocalDateTime.of(y, month, day, hour, minute, second, nano), zone).toInstant());
            } catch (DateTimeException e) {
                continue;
            }
            long score = score(t);
            if (score < bestScore) {
                best = t;
                bestScore = score;
            }
        }
        return best;
    }

    private long score(long t) {
        if (window != null) {
            if (window.contains(t)) {
                return 0;
            }
            return t < window.fromNanos() ? window.fromNanos() - t : t - window.toNanos();
        }
        if (dataContext != null) {
            return Math.abs(t - EpochNanos.of(dataContext));
        }
        long created = EpochNanos.of(createdAt);
        // Logs are older than the bundle made from them: a time after creation (+1 day slack) is the wrong year.
        return t <= created + DAY_NANOS ? created - t + DAY_NANOS : Long.MAX_VALUE / 2 + (t - created);
    }
}
