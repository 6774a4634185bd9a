package io.faultline.ui;

import io.faultline.model.EpochNanos;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Tick marks for a time axis: a round step (1 ms … 1 day) chosen so labels stay {@code minSpacingPx}
 * apart, aligned to the wall clock of the display zone, with labels as precise as the step needs.
 * Pure: no JavaFX.
 */
public final class TimeTicks {
    private static final long MS = 1_000_000L;
    private static final long S = 1_000 * MS;
    private static final long MIN = 60 * S;
    private static final long H = 60 * MIN;
    private static final long DAY = 24 * H;
    private static final long[] STEPS = {
            MS, 2 * MS, 5 * MS, 10 * MS, 20 * MS, 50 * MS, 100 * MS, 200 * MS, 500 * MS,
            S, 2 * S, 5 * S, 10 * S, 15 * S, 30 * S,
            MIN, 2 * MIN, 5 * MIN, 10 * MIN, 15 * MIN, 30 * MIN,
            H, 2 * H, 3 * H, 6 * H, 12 * H, DAY, 2 * DAY, 7 * DAY, 14 * DAY, 30 * DAY};

    /** One tick: its instant and its label. {@code major} ticks start a new day (or hour below a minute step). */
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
        List<Tick> out = new ArrayList<>();
        if (toNanos <= fromNanos || widthPx <= 0) {
            return out;
        }
        long step = step(toNanos - fromNanos, widthPx, minSpacingPx);
        long offset = zone.getRules().getOffset(EpochNanos.toInstant(fromNanos)).getTotalSeconds() * S;
        long local = fromNanos + offset;
        long first = Math.floorDiv(local, step) * step;
        if (first < local) {
            first += step;
        }
        DateTimeFormatter fmt = DateTimeFormatter.ofPattern(pattern(step)).withZone(zone);
        for (long t = first - offset; t <= toNanos; t += step) {
            ZonedDateTime z = EpochNanos.toInstant(t).atZone(zone);
            boolean major = step >= DAY || (z.getHour() == 0 && z.getMinute() == 0 && z.getSecond() == 0 && z.getNano() == 0);
            String label = major && step < DAY ? DateTimeFormatter.ofPattern("MMM d").withZone(zone).format(z) : fmt.format(z);
            out.add(new Tick(t, label, major));
        }
        return out;
    }

    private static String pattern(long step) {
        if (step >= DAY) {
            return "MMM d";
        }
        if (step >= MIN) {
            return "HH:mm";
        }
        if (step >= S) {
            return "HH:mm:ss";
        }
        return "HH:mm:ss.SSS";
    }
}
