package io.faultline.ingest;

import io.faultline.model.Diagnostic;
import io.faultline.model.EpochNanos;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The sample format for {@code /proc} files read repeatedly: each sample is a stamp line followed by the
 * file's lines, as written by
 * <pre>while :; do date +%s.%N; cat /proc/diskstats; sleep 1; done</pre>
 * The stamp is epoch seconds with an optional fraction ({@code date +%s.%N}) or ISO-8601 with an offset
 * ({@code date -Ins}, whose decimal comma is accepted); both are absolute, on the host's clock. Blank lines
 * are ignored; lines before the first stamp are reported and skipped.
 */
final class StampedSamples {
    private static final Pattern EPOCH = Pattern.compile("\\d{9,11}(\\.\\d{1,9})?");
    private static final Pattern ISO = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}([.,]\\d{1,9})?([+-]\\d{2}:?\\d{2}|Z)");

    /** One line of a sample, with where it is. */
    record Line(String text, long no, int offset) {
    }

    /** One sample: its stamp on the host's clock (epoch nanos), the stamp line, and the lines that follow it. */
    record Sample(long time, long no, int offset, List<Line> lines) {
    }

    private StampedSamples() {
    }

    static boolean isStamp(String line) {
        return EPOCH.matcher(line).matches() || ISO.matcher(line).matches();
    }

    /**
     * True when a stamp line comes among the first few lines (a little junk may precede it, as when the
     * loop's first output was cut) and the line after it is one {@code body} accepts.
     */
    static boolean probe(byte[] head, Pattern body) {
        LineReader r = new LineReader(head);
        boolean stamp = false;
        int before = 0;
        while (r.next()) {
            if (r.blank()) {
                continue;
            }
            String line = r.text().strip();
            if (stamp) {
                return body.matcher(line).find();
            }
            stamp = isStamp(line);
            if (!stamp && ++before > 3) {
                return false;
            }
        }
        return false;
    }

    /** The samples in file order; bad stamps and lines before any stamp are reported. */
    static List<Sample> read(EntryContext ctx, byte[] data, Collector out) {
        List<Sample> samples = new ArrayList<>();
        List<Line> current = null;
        int orphans = 0;
        LineReader r = new LineReader(data);
        while (r.next()) {
            if (r.blank()) {
                continue;
            }
            String line = r.text().strip();
            if (isStamp(line)) {
                Long t = parse(line);
                if (t == null) {
                    out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, r.lineNo(), r.start(), "unreadable stamp '" + line
                            + "': the sample after it is skipped"));
                    current = new ArrayList<>();
                    continue;
                }
                current = new ArrayList<>();
                samples.add(new Sample(t, r.lineNo(), r.start(), current));
            } else if (current == null) {
                if (orphans++ == 0) {
                    out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, r.lineNo(), r.start(), "lines before the first time stamp"
                            + " (expected 'date +%s.%N' output before each sample): skipped"));
                }
            } else {
                current.add(new Line(line, r.lineNo(), r.start()));
            }
        }
        return samples;
    }

    private static Long parse(String stamp) {
        try {
            if (EPOCH.matcher(stamp).matches()) {
                BigDecimal seconds = new BigDecimal(stamp);
                return seconds.movePointRight(9).longValueExact();
            }
            return EpochNanos.of(OffsetDateTime.parse(stamp.replace(',', '.')).toInstant());
        } catch (ArithmeticException | DateTimeException e) {
            return null;
        }
    }
}
