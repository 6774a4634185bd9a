package io.faultline.app;

import io.faultline.model.TimeSpec;

import java.time.DateTimeException;
import java.time.Instant;

/**
 * Time options read and checked before any work: {@code --since}/{@code --until} of the commands that make bundles,
 * and the parse every time option shares.
 */
final class TimeArgs {
    private TimeArgs() {
    }

    /**
     * {@code text} as an instant; an unreadable time, or one before 1970-01-01 (no journal, docker or sysstat record
     * is older), is a usage error (exit 2) naming the option.
     */
    static Instant instant(String option, String text, Instant now) {
        Instant t = parse(option, text, now);
        if (t.isBefore(Instant.EPOCH)) {
            throw new CliException(option + " " + text + " is " + t + ", before 1970-01-01: no log on a server is older;"
                    + " check the number and unit (-30m, -2h, -1d)", 2);
        }
        return t;
    }

    /** {@code text} as an instant; an unreadable time is a usage error (exit 2) naming the option. */
    static Instant parse(String option, String text, Instant now) {
        try {
            return TimeSpec.parse(text, now);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new CliException(option + ": " + e.getMessage(), 2);
        }
    }

    /** A window must hold time: {@code --until} after {@code --since}. */
    static void ordered(String sinceText, Instant since, String untilText, Instant until) {
        if (!since.isBefore(until)) {
            throw new CliException("--until must lie after --since: --since " + sinceText + " is " + since + ", --until " + untilText
                    + " is " + until + (since.equals(until) ? " (the window is empty)" : " (the window is inverted)"), 2);
        }
    }
}
