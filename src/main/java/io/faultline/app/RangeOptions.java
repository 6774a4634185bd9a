package io.faultline.app;

import io.faultline.model.EpochNanos;
import io.faultline.model.TimeWindow;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Instant;

/** {@code --from T --to T} of the verbs that print part of a bundle: checked, before any reading, into a half-open range. */
final class RangeOptions {
    /** A half-open range of epoch nanoseconds; an option not given is open on that side. */
    record Range(long fromNanos, long toNanos) {
        boolean contains(long t) {
            return t >= fromNanos && t < toNanos;
        }

        void warnIfOutside(PrintWriter err, TimeWindow window) {
            RangeOptions.warnIfOutside(err, fromNanos, toNanos, window);
        }
    }

    @Option(names = "--from", paramLabel = "T", description = "only what lies at or after T (ISO-8601 with offset, epoch seconds, -30m)")
    String from;

    @Option(names = "--to", paramLabel = "T", description = "only what lies before T")
    String to;

    /** The range; a time that is not one, or a --to not after --from, is a usage error naming the option. */
    Range range() {
        Instant now = Instant.now();
        long f = from == null ? Long.MIN_VALUE : nanos("--from", from, now);
        long t = to == null ? Long.MAX_VALUE : nanos("--to", to, now);
        if (t <= f) {
            throw new CliException("--to must lie after --from", 2);
        }
        return new Range(f, t);
    }

    /**
     * Says on {@code err} when the range shares no instant with the bundle's window: the output will be empty, and a
     * typo in a date (a year, a zone) should not look like a quiet incident.
     */
    static void warnIfOutside(PrintWriter err, long fromNanos, long toNanos, TimeWindow window) {
        if (window.lengthNanos() > 0 && (toNanos <= window.fromNanos() || fromNanos >= window.toNanos())) {
            err.println("warning: the range " + iso(fromNanos) + " .. " + iso(toNanos) + " lies outside the bundle's window "
                    + EpochNanos.iso(window.fromNanos()) + " .. " + EpochNanos.iso(window.toNanos()) + ": nothing in it");
            err.flush();
        }
    }

    private static String iso(long nanos) {
        return nanos == Long.MIN_VALUE || nanos == Long.MAX_VALUE ? "(open)" : EpochNanos.iso(nanos);
    }

    /** {@code option}'s value as epoch nanoseconds; an unreadable time is a usage error naming the option. */
    static long nanos(String option, String text, Instant now) {
        return EpochNanos.of(TimeArgs.parse(option, text, now));
    }
}
