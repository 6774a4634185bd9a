package io.faultline.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * The beats a healthcheck should have had against the runs seen. Docker starts the next probe one interval after the
 * previous one ended, so after each observed run the next is expected at its end plus the interval. A run that comes
 * within the tolerance of that is on time, later is {@link Beat.Kind#LATE}, earlier is {@link Beat.Kind#EXTRA} (too
 * frequent); where whole intervals pass with no run, each is a {@link Beat.Kind#MISSING} beat (missing from the host,
 * or from the evidence). Only the span from the first to the last observed run is judged. A container (re)start between
 * two runs restarts the count (the first probe comes one interval after the start); the beats due before it are
 * judged as usual. No beat is called missing where {@code covered} says the evidence does not reach or the container
 * was down (an inspect taken days later leaves no days of missing beats).
 */
public final class HealthCadence {
    /** One expected or observed beat. */
    public record Beat(Kind kind, long expectedNanos, long observedNanos) {
        public enum Kind { ON_TIME, LATE, EXTRA, MISSING }

        /** How far the run came after its expected time (negative: before); 0 for a missing beat. */
        public long offsetNanos() {
            return kind == Kind.MISSING ? 0 : observedNanos - expectedNanos;
        }
    }

    private HealthCadence() {
    }

    /** The tolerance for a run to count as on time: a tenth of the interval, at least one second (journal times are whole seconds). */
    public static long tolerance(long intervalNanos) {
        return Math.max(1_000_000_000L, intervalNanos / 10);
    }

    /**
     * Judges runs given as parallel arrays of start and end instants, sorted by start. The first run has no expectation
     * and is not judged; every later run gives one beat (ON_TIME, LATE or EXTRA), preceded by the MISSING beats of the
     * whole intervals with no run.
     */
    public static List<Beat> judge(long intervalNanos, long[] starts, long[] ends) {
        return judge(intervalNanos, starts, ends, new long[0], t -> true);
    }

    /**
     * Like {@link #judge(long, long[], long[])}, with the container's (re)starts and what the evidence covers while the
     * container was up: a MISSING beat is only given at an instant {@code covered} accepts.
     */
    public static List<Beat> judge(long intervalNanos, long[] starts, long[] ends, long[] restarts, LongPredicate covered) {
        if (starts.length != ends.length) {
            throw new IllegalArgumentException("starts and ends differ in length");
        }
        List<Beat> out = new ArrayList<>();
        if (intervalNanos <= 0) {
            return out;
        }
        long tol = tolerance(intervalNanos);
        for (int i = 1; i < starts.length; i++) {
            long from = Math.max(ends[i - 1], starts[i - 1]);
            long restart = lastRestartBefore(restarts, from, starts[i]);
            if (restart != Long.MIN_VALUE) {
                for (long expected = from + intervalNanos; expected < restart; expected += intervalNanos) {
                    if (covered.test(expected)) {
                        out.add(new Beat(Beat.Kind.MISSING, expected, expected));
                    }
                }
                from = restart;
            }
            long gap = starts[i] - from;
            if (gap < intervalNanos - tol) {
                out.add(new Beat(Beat.Kind.EXTRA, from + intervalNanos, starts[i]));
                continue;
            }
            long missed = Math.max(0, (gap + tol) / intervalNanos - 1);
            for (long k = 1; k <= missed; k++) {
                long expected = from + k * intervalNanos;
                if (covered.test(expected)) {
                    out.add(new Beat(Beat.Kind.MISSING, expected, expected));
                }
            }
            long expected = from + (missed + 1) * intervalNanos;
            out.add(new Beat(starts[i] - expected > tol ? Beat.Kind.LATE : Beat.Kind.ON_TIME, expected, starts[i]));
        }
        return out;
    }

    /** The last restart in (after, before], or Long.MIN_VALUE. */
    private static long lastRestartBefore(long[] restarts, long after, long before) {
        long found = Long.MIN_VALUE;
        for (long r : restarts) {
            if (r > after && r <= before) {
                found = r;
            }
        }
        return found;
    }
}
