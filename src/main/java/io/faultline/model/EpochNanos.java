package io.faultline.model;

import java.time.Instant;

/** Conversions between {@link Instant} and UTC epoch nanoseconds, the one time type of the model. */
public final class EpochNanos {
    private EpochNanos() {
    }

    public static long of(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }

    public static Instant toInstant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    public static long ofMillis(long millis) {
        return Math.multiplyExact(millis, 1_000_000L);
    }

    /** ISO-8601 UTC with all nine fractional digits, e.g. 2025-10-05T15:00:25.000000000Z. */
    public static String iso(long nanos) {
        Instant i = toInstant(nanos);
        return java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME.withZone(java.time.ZoneOffset.UTC)
                .format(i.truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                + String.format(".%09dZ", i.getNano());
    }
}
