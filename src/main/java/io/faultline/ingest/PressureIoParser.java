package io.faultline.ingest;

import io.faultline.capture.SourceKind;
import io.faultline.model.Diagnostic;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Samples of {@code /proc/pressure/io} in the {@link StampedSamples} format:
 * {@code some avg10=1.12 avg60=0.57 avg300=0.36 total=29852286} and the same for {@code full}. Device io;
 * psi_some and psi_full are the % of the interval between two samples that tasks stalled on IO, from the
 * {@code total} microseconds (exact, unlike the kernel's decaying averages); psi_some_avg10 (and avg60,
 * avg300, and the full ones) are the kernel's averages as printed, from the first sample on. A total that
 * goes back (a reboot) restarts the rates and is reported.
 */
final class PressureIoParser implements SourceParser {
    private static final Pattern LINE = Pattern.compile(
            "^(some|full)\\s+avg10=(\\d+(?:\\.\\d+)?)\\s+avg60=(\\d+(?:\\.\\d+)?)\\s+avg300=(\\d+(?:\\.\\d+)?)\\s+total=(\\d+)\\s*$");
    private static final String DEVICE = "io";

    @Override
    public SourceKind kind() {
        return SourceKind.PRESSURE_IO;
    }

    @Override
    public boolean probe(String fileName, byte[] head) {
        return StampedSamples.probe(head, LINE);
    }

    @Override
    public void parse(EntryContext ctx, byte[] data, Collector out) {
        SeriesAccumulator acc = new SeriesAccumulator(ctx.host());
        Map<String, long[]> previous = new HashMap<>();
        long lastTime = Long.MIN_VALUE;
        for (StampedSamples.Sample s : StampedSamples.read(ctx, data, out)) {
            if (s.time() <= lastTime) {
                out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, s.no(), s.offset(), "stamp not after the one before it:"
                        + " sample skipped"));
                continue;
            }
            lastTime = s.time();
            long t = ctx.toLocal(s.time());
            for (StampedSamples.Line line : s.lines()) {
                Matcher m = LINE.matcher(line.text());
                if (!m.matches()) {
                    out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, line.no(), line.offset(), "not a /proc/pressure line"
                            + " ('some|full avg10=.. avg60=.. avg300=.. total=..'): '" + JournalShortParser.abbreviate(line.text()) + "'"));
                    continue;
                }
                String kind = m.group(1);
                String prefix = "psi_" + kind;
                acc.add(DEVICE, prefix + "_avg10", "%", t, Double.parseDouble(m.group(2)));
                acc.add(DEVICE, prefix + "_avg60", "%", t, Double.parseDouble(m.group(3)));
                acc.add(DEVICE, prefix + "_avg300", "%", t, Double.parseDouble(m.group(4)));
                long total;
                try {
                    total = Long.parseLong(m.group(5));
                } catch (NumberFormatException e) {
                    out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, line.no(), line.offset(), "total beyond 64 bits: '"
                            + m.group(5) + "'"));
                    continue;
                }
                long[] p = previous.put(kind, new long[] {s.time(), total});
                if (p == null) {
                    continue;
                }
                if (total < p[1]) {
                    out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, line.no(), line.offset(), kind + " total went back (a reboot):"
                            + " no " + prefix + " for this interval"));
                    continue;
                }
                double intervalUs = (s.time() - p[0]) / 1e3;
                acc.add(DEVICE, prefix, "%", t, Math.min(100, (total - p[1]) / intervalUs * 100));
            }
        }
        acc.emit(out);
    }
}
