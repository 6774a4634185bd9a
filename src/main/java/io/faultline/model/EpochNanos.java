package io.faultline.model;

import java.time.Instant;

/** Conversions between {@link Instant} and UTC epoch nanoseconds, the one time type of the model. */
public final class EpochNanos {
    private EpochNanos() {
    }

    /**
     * @throws java.time.DateTimeException when the instant lies outside what a long of nanoseconds holds
     *         (about 1677-09-21 to 2262-04-11), as a parsed time from broken input can
     */
    public static long of(Instant instant) {
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
        } catch (ArithmeticException e) {
            throw new java.time.DateTimeException(instant + " lies outside the years 1677 to 2262 that the timeline holds", e);
        }
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
        String fraction = Integer.toString(i.getNano());
        return ISO_SECONDS.format(i.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)) + "." + "0".repeat(9 - fraction.length())
                + fraction + "Z";
    }

    private static final java.time.format.DateTimeFormatter ISO_SECONDS =
            java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME.withZone(java.time.ZoneOffset.UTC);
}
