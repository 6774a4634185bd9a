package io.faultline.ui;

import io.faultline.model.EpochNanos;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tick marks for a time axis: a round step (1 µs … 1 year) chosen so labels stay {@code minSpacingPx}
 * apart, aligned to the wall clock of the display zone (steps of an hour or more are counted on the local clock, so a
 * daylight-saving change keeps them on round hours and midnights; a week starts on Monday, months on the 1st), with
 * labels as precise as the step needs. Pure: no JavaFX.
 */
public final class TimeTicks {
    private static final long US = 1_000L;
    private static final long MS = 1_000 * US;
    private static final long S = 1_000 * MS;
    private static final long MIN = 60 * S;
    private static final long H = 60 * MIN;
    private static final long DAY = 24 * H;
    private static final long MONTH = 30 * DAY;
    private static final long[] STEPS = {
            US, 2 * US, 5 * US, 10 * US, 20 * US, 50 * US, 100 * US, 200 * US, 500 * US,
            MS, 2 * MS, 5 * MS, 10 * MS, 20 * MS, 50 * MS, 100 * MS, 200 * MS, 500 * MS,
            S, 2 * S, 5 * S, 10 * S, 15 * S, 30 * S,
            MIN, 2 * MIN, 5 * MIN, 10 * MIN, 15 * MIN, 30 * MIN,
            H, 2 * H, 3 * H, 6 * H, 12 * H, DAY, 2 * DAY, 7 * DAY, 14 * DAY, MONTH, 3 * MONTH, 6 * MONTH, 12 * MONTH};
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMM d", Locale.ROOT);
    private static final DateTimeFormatter MONTH_LABEL = DateTimeFormatter.ofPattern("MMM yyyy", Locale.ROOT);
    private static final DateTimeFormatter YEAR = DateTimeFormatter.ofPattern("yyyy", Locale.ROOT);

    /** One tick: its instant and its label. {@code major} ticks start a new day (a new year at month steps). */
    public record Tick(long nanos, String label, boolean major) {
    }

    private TimeTicks() {
    }

    /** The step for {@code rangeNanos} over {@code widthPx} pixels with labels at least {@code minSpacingPx} apart. */
    public static long step(long rangeNanos, double widthPx, double minSpacingPx) {
        double perPx = rangeNanos / Math.max(1.0, widthPx);
        double min = perPx * minSpacingPx;
        for (long s : STEPS) {
            if (s >= min) {
                return s;
            }
        }
        return STEPS[STEPS.length - 1];
    }

    public static List<Tick> ticks(long fromNanos, long toNanos, double widthPx, double minSpacingPx, ZoneId zone) {
        if (toNanos <= fromNanos || widthPx <= 0) {
            return new ArrayList<>();
        }
        long step = step(toNanos - fromNanos, widthPx, minSpacingPx);
        if (step >= MONTH) {
            return months(fromNanos, toNanos, (int) (step / MONTH), zone);
        }
        if (step >= DAY) {
            return days(fromNanos, toNanos, (int) (step / DAY), zone);
        }
        if (step >= H) {
            return hours(fromNanos, toNanos, (int) (step / H), zone);
        }
        return fine(fromNanos, toNanos, step, zone);
    }

    /** Steps below an hour: round multiples of the step on the local clock, aligned again where the offset changes. */
    private static List<Tick> fine(long fromNanos, long toNanos, long step, ZoneId zone) {
        List<Tick> out = new ArrayList<>();
        DateTimeFormatter fmt = DateTimeFormatter.ofPattern(pattern(step), Locale.ROOT);
        long offset = offsetNanos(fromNanos, zone);
        long tick = ceil(fromNanos + offset, step) - offset;
        while (tick <= toNanos) {
            long o = offsetNanos(tick, zone);
            if (o != offset) {
                offset = o;
                long aligned = ceil(tick + offset, step) - offset;
                if (aligned != tick) {
                    tick = aligned;
                    continue;
                }
            }
            ZonedDateTime z = EpochNanos.toInstant(tick).atZone(zone);
            boolean midnight = z.toLocalTime().toNanoOfDay() == 0;
            out.add(new Tick(tick, midnight ? DATE.format(z) : fmt.format(z), midnight));
            tick += step;
        }
        return out;
    }

    private static long ceil(long value, long step) {
        return -Math.floorDiv(-value, step) * step;
    }

    private static long offsetNanos(long nanos, ZoneId zone) {
        return zone.getRules().getOffset(EpochNanos.toInstant(nanos)).getTotalSeconds() * S;
    }

    /** Hour steps: every {@code hours} hours of the local day from midnight; a midnight is major and labelled with its date. */
    private static List<Tick> hours(long fromNanos, long toNanos, int hours, ZoneId zone) {
        List<Tick> out = new ArrayList<>();
        LocalDate day = EpochNanos.toInstant(fromNanos).atZone(zone).toLocalDate();
        DateTimeFormatter fmt = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
        while (true) {
            for (int h = 0; h < 24; h += hours) {
                LocalDateTime local = day.atTime(h, 0);
                ZonedDateTime z = local.atZone(zone);
                if (!z.toLocalDateTime().equals(local)) {
                    continue;
                }
                long t = EpochNanos.of(z.toInstant());
                if (t > toNanos) {
                    return out;
                }
                if (t >= fromNanos) {
                    out.add(new Tick(t, h == 0 ? DATE.format(z) : fmt.format(z), h == 0));
                }
            }
            day = day.plusDays(1);
        }
    }

    /** Day steps: midnights, every {@code days} days (a 7- or 14-day step on Mondays). */
    private static List<Tick> days(long fromNanos, long toNanos, int days, ZoneId zone) {
        List<Tick> out = new ArrayList<>();
        LocalDate day = EpochNanos.toInstant(fromNanos).atZone(zone).toLocalDate();
        if (days % 7 == 0) {
            day = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            long weeks = ChronoUnit.WEEKS.between(LocalDate.of(1970, 1, 5), day);
            day = day.minusWeeks(Math.floorMod(weeks, days / 7));
        } else {
            day = day.minusDays(Math.floorMod(day.toEpochDay(), days));
        }
        for (; ; day = day.plusDays(days)) {
            ZonedDateTime z = day.atStartOfDay(zone);
            long t = EpochNanos.of(z.toInstant());
            if (t > toNanos) {
                return out;
            }
            if (t >= fromNanos) {
                out.add(new Tick(t, DATE.format(z), true));
            }
        }
    }

    /** Month steps (1, 3, 6, 12): the 1st of every such month; a new year is major and labelled with the year alone. */
    private static List<Tick> months(long fromNanos, long toNanos, int months, ZoneId zone) {
        List<Tick> out = new ArrayList<>();
        LocalDate first = EpochNanos.toInstant(fromNanos).atZone(zone).toLocalDate().withDayOfMonth(1);
        first = first.minusMonths(Math.floorMod(first.getMonthValue() - 1, months));
        for (LocalDate d = first; ; d = d.plusMonths(months)) {
            ZonedDateTime z = d.atStartOfDay(zone);
            long t = EpochNanos.of(z.toInstant());
            if (t > toNanos) {
                return out;
            }
            if (t >= fromNanos) {
                boolean year = d.getMonthValue() == 1;
                out.add(new Tick(t, year ? YEAR.format(z) : MONTH_LABEL.format(z), year));
            }
        }
    }

    private static String pattern(long step) {
        if (step >= MIN) {
            return "HH:mm";
        }
        if (step >= S) {
            return "HH:mm:ss";
        }
        if (step >= MS) {
            return "HH:mm:ss.SSS";
        }
        return "HH:mm:ss.SSSSSS";
    }
}
