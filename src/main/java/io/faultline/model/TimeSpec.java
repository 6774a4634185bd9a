package io.faultline.model;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the time arguments of the command line ({@code --since}, {@code --until}): an ISO-8601
 * date-time with an offset, epoch seconds, or a time relative to now.
 */
public final class TimeSpec {
    /** Shown to the user whenever a time cannot be read. */
    public static final String ACCEPTED_FORMS = "accepted forms: ISO-8601 with an offset (2026-12-03T18:00:00+01:00, "
            + "2026-12-03T17:00:00Z), epoch seconds (1796317200 or 1796317200.250), "
            + "relative to now (-90s, -30m, -2h, -1d) or 'now'";

    private static final Pattern EPOCH = Pattern.compile("\\d{1,12}(\\.\\d{1,9})?");
    private static final Pattern RELATIVE = Pattern.compile("-(\\d{1,9})([smhd])");

    private TimeSpec() {
    }

    /**
     * @param text the argument as typed
     * @param now  the instant that relative forms count back from
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    public static Instant parse(String text, Instant now) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty time; " + ACCEPTED_FORMS);
        }
        String t = text.strip();
        if (t.equalsIgnoreCase("now")) {
            return now;
        }
        Matcher rel = RELATIVE.matcher(t);
        if (rel.matches()) {
            long n = Long.parseLong(rel.group(1));
            long seconds = switch (rel.group(2)) {
                case "s" -> n;
                case "m" -> n * 60;
                case "h" -> n * 3600;
                default -> n * 86_400;
            };
            return now.minusSeconds(seconds);
        }
        if (EPOCH.matcher(t).matches()) {
            BigDecimal seconds = new BigDecimal(t);
            long whole = seconds.longValue();
            long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
            return Instant.ofEpochSecond(whole, nanos);
        }
        if (t.length() >= 10 && Character.isDigit(t.charAt(0)) && t.indexOf('-') == 4) {
            try {
                return OffsetDateTime.parse(t).toInstant();
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("'" + t + "' is not a time (" + e.getMessage()
                        + "; an ISO-8601 time needs a zone offset such as +01:00 or Z); " + ACCEPTED_FORMS, e);
            }
        }
        throw new IllegalArgumentException("'" + t + "' is not a time; " + ACCEPTED_FORMS);
    }
}
