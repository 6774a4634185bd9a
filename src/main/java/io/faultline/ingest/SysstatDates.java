package io.faultline.ingest;

import io.faultline.model.EpochNanos;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates and numbers as sysstat's text tools print them, which follow the locale: the header date is
 * {@code 12/03/2026} or {@code 12/03/26} (C, en_US: month first), {@code 2026-12-03} ({@code S_TIME_FORMAT=ISO}),
 * {@code 03/12/2026} (en_GB, fr, es: day first) or {@code 03.12.2026} (de, ru: day first); numbers may carry
 * a decimal comma ({@code 99,50}).
 *
 * <p>A slash date whose two first fields are both 12 or less is ambiguous: the reading nearer the entry's
 * context (capture window, time the entry was taken, the bundle's dated data, its creation) wins, and the
 * result says so; with no context month first (the C locale) is assumed.
 */
final class SysstatDates {
    private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
    private static final Pattern SLASH = Pattern.compile("(\\d{1,2})([/.])(\\d{1,2})\\2(\\d{4}|\\d{2})");

    /** A header date: the day, a note when the reading was a choice (null when not), and whether a guess without context. */
    record Day(LocalDate date, String note, boolean guessed) {
        Day(LocalDate date, String note) {
            this(date, note, false);
        }
    }

    private SysstatDates() {
    }

    /** Reads a header date, or returns null when {@code text} is no date (or no real day). */
    static Day parse(String text, EntryContext ctx) {
        try {
            Matcher iso = ISO.matcher(text);
            if (iso.matches()) {
                return new Day(LocalDate.of(Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)),
                        Integer.parseInt(iso.group(3))), null);
            }
            Matcher m = SLASH.matcher(text);
            if (!m.matches()) {
                return null;
            }
            int a = Integer.parseInt(m.group(1));
            int b = Integer.parseInt(m.group(3));
            int year = Integer.parseInt(m.group(4));
            if (m.group(4).length() == 2) {
                year += 2000;
            }
            if (m.group(2).equals(".") || a > 12) {
                return new Day(LocalDate.of(year, b, a), null);
            }
            if (b > 12 || a == b) {
                return new Day(LocalDate.of(year, a, b), null);
            }
            LocalDate monthFirst = LocalDate.of(year, a, b);
            LocalDate dayFirst = LocalDate.of(year, b, a);
            Instant anchor = anchor(ctx);
            if (anchor == null) {
                return new Day(monthFirst, "date '" + text + "' reads as month/day or day/month and nothing in the bundle tells which:"
                        + " read month first (" + monthFirst + ", the C locale), the other reading is " + dayFirst, true);
            }
            LocalDate near = anchor.atZone(ctx.zone()).toLocalDate();
            boolean month = Math.abs(monthFirst.toEpochDay() - near.toEpochDay()) <= Math.abs(dayFirst.toEpochDay() - near.toEpochDay());
            LocalDate chosen = month ? monthFirst : dayFirst;
            return new Day(chosen, "date '" + text + "' reads as month/day or day/month: read as " + chosen
                    + " (nearer the capture's " + near + " than " + (month ? dayFirst : monthFirst) + ")");
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    /** The instant a day file is expected near: window end, entry taken, dated data, bundle creation; or null. */
    static Instant anchor(EntryContext ctx) {
        if (ctx.window() != null) {
            return EpochNanos.toInstant(ctx.window().toNanos());
        }
        if (ctx.takenAt() != null) {
            return ctx.takenAt();
        }
        return ctx.dataContext() != null ? ctx.dataContext() : ctx.createdAt();
    }

    /** A number as sysstat prints it, decimal point or comma; null when it is none. */
    static Double number(String token) {
        int n = token.length();
        if (n == 0 || n > 40) {
            return null;
        }
        boolean digit = false;
        for (int i = 0; i < n; i++) {
            char c = token.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (!(c == '.' || c == ',' || (i == 0 && c == '-'))) {
                return null;
            }
        }
        if (!digit) {
            return null;
        }
        try {
            return Double.parseDouble(token.replace(',', '.'));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
