package io.faultline.ingest;

import io.faultline.capture.SourceKind;
import io.faultline.model.Diagnostic;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Samples of {@code /proc/diskstats} in the {@link StampedSamples} format. Each line is
 * {@code major minor name} and 11 counters (kernels before 4.18: 14 fields), 15 (4.18+, discards: 18 fields)
 * or 17 (5.5+, flushes: 20 fields); partitions of 2.6 kernels have 4 (7 fields: reads, sectors read, writes,
 * sectors written). Between two samples of a device it yields, at the later stamp: r_s, w_s, tps (reads +
 * writes + discards per second), rkB_s, wkB_s, dkB_s (sectors of 512 bytes halved), util (% of the interval
 * the device was busy, from io_ticks, at most 100), await, r_await, w_await (ms per request; 0 when none),
 * aqu_sz (time in queue over the interval). A device seen for the first time starts its rates at its second
 * sample. A counter that goes back by what fits a 32-bit wrap is read across the wrap; one that goes back
 * otherwise (a reboot, a device removed and added) restarts that device's rates, and both are reported.
 */
final class DiskstatsParser implements SourceParser {
    private static final Pattern LINE = Pattern.compile("^\\s*\\d+\\s+\\d+\\s+\\S+((\\s+\\d+){4}|(\\s+\\d+){11}|(\\s+\\d+){15}|(\\s+\\d+){17})\\s*$");
    private static final long WRAP = 1L << 32;
    private static final int IN_FLIGHT = 8;

    // Counter indexes, after major, minor and name.
    private static final int RD_IOS = 0;
    private static final int RD_SEC = 2;
    private static final int RD_TICKS = 3;
    private static final int WR_IOS = 4;
    private static final int WR_SEC = 6;
    private static final int WR_TICKS = 7;
    private static final int IO_TICKS = 9;
    private static final int TIME_IN_QUEUE = 10;
    private static final int DC_IOS = 11;
    private static final int DC_SEC = 13;
    private static final int DC_TICKS = 14;

    @Override
    public SourceKind kind() {
        return SourceKind.DISKSTATS;
    }

    @Override
    public boolean probe(String fileName, byte[] head) {
        return StampedSamples.probe(head, LINE);
    }

    @Override
    public void parse(EntryContext ctx, byte[] data, Collector out) {
        SeriesAccumulator acc = new SeriesAccumulator(ctx.host());
        Map<String, Previous> previous = new HashMap<>();
        long lastTime = Long.MIN_VALUE;
        int wraps = 0;
        for (StampedSamples.Sample s : StampedSamples.read(ctx, data, out)) {
            if (s.time() <= lastTime) {
                out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, s.no(), s.offset(), "stamp not after the one before it:"
                        + " sample skipped"));
                continue;
            }
            lastTime = s.time();
            for (StampedSamples.Line line : s.lines()) {
                String[] f = line.text().split("\\s+");
                if (!LINE.matcher(line.text()).matches()) {
                    out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, line.no(), line.offset(), "not a /proc/diskstats line ("
                            + f.length + " fields; 7, 14, 18 or 20 expected): '" + JournalShortParser.abbreviate(line.text()) + "'"));
                    continue;
                }
                long[] c = new long[f.length - 3];
                try {
                    for (int i = 0; i < c.length; i++) {
                        c[i] = Long.parseUnsignedLong(f[i + 3]);
                    }
                } catch (NumberFormatException e) {
                    out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, line.no(), line.offset(), "a counter beyond 64 bits in '"
                            + JournalShortParser.abbreviate(line.text()) + "': line skipped"));
                    continue;
                }
                String device = f[2];
                Previous p = previous.put(device, new Previous(s.time(), c));
                if (p == null) {
                    continue;
                }
                if (p.counters.length != c.length) {
                    out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, line.no(), line.offset(), device + " now has " + c.length
                            + " counters, before " + p.counters.length + ": its rates restart here"));
                    continue;
                }
                double[] d = new double[c.length];
                boolean reset = false;
                for (int i = 0; i < c.length; i++) {
                    // Unsigned 64-bit subtraction reads a 64-bit wrap right; a negative delta is a 32-bit wrap or a reset.
                    long delta = c[i] - p.counters[i];
                    if (delta < 0 && i != IN_FLIGHT) {
                        if (p.counters[i] >= 0 && p.counters[i] < WRAP && delta + WRAP < WRAP / 2) {
                            delta += WRAP;
                            wraps++;
                        } else {
                            reset = true;
                        }
                    }
                    d[i] = delta;
                }
                if (reset) {
                    out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, line.no(), line.offset(), device + ": counters went back"
                            + " (a reboot, or the device removed and added): no rates for this interval, they restart here"));
                    continue;
                }
                rates(acc, device, ctx.toLocal(s.time()), (s.time() - p.time) / 1e9, d);
            }
        }
        if (wraps > 0) {
            out.diagnostic(ctx.diagnostic(Diagnostic.Level.INFO, 0, -1, wraps + " counters wrapped at 2^32 and were read across"
                    + " the wrap"));
        }
        acc.emit(out);
    }

    private static void rates(SeriesAccumulator acc, String device, long t, double dt, double[] d) {
        if (d.length == 4) {
            acc.add(device, "r_s", "1/s", t, d[0] / dt);
            acc.add(device, "w_s", "1/s", t, d[2] / dt);
            acc.add(device, "tps", "1/s", t, (d[0] + d[2]) / dt);
            acc.add(device, "rkB_s", "kB/s", t, d[1] / 2 / dt);
            acc.add(device, "wkB_s", "kB/s", t, d[3] / 2 / dt);
            return;
        }
        boolean discards = d.length > 11;
        double dcIos = discards ? d[DC_IOS] : 0;
        double ios = d[RD_IOS] + d[WR_IOS] + dcIos;
        double ticks = d[RD_TICKS] + d[WR_TICKS] + (discards ? d[DC_TICKS] : 0);
        acc.add(device, "r_s", "1/s", t, d[RD_IOS] / dt);
        acc.add(device, "w_s", "1/s", t, d[WR_IOS] / dt);
        acc.add(device, "tps", "1/s", t, ios / dt);
        acc.add(device, "rkB_s", "kB/s", t, d[RD_SEC] / 2 / dt);
        acc.add(device, "wkB_s", "kB/s", t, d[WR_SEC] / 2 / dt);
        if (discards) {
            acc.add(device, "dkB_s", "kB/s", t, d[DC_SEC] / 2 / dt);
        }
        acc.add(device, "util", "%", t, Math.min(100, d[IO_TICKS] / dt / 10));
        acc.add(device, "await", "ms", t, ios == 0 ? 0 : ticks / ios);
        acc.add(device, "r_await", "ms", t, d[RD_IOS] == 0 ? 0 : d[RD_TICKS] / d[RD_IOS]);
        acc.add(device, "w_await", "ms", t, d[WR_IOS] == 0 ? 0 : d[WR_TICKS] / d[WR_IOS]);
        acc.add(device, "aqu_sz", "requests", t, d[TIME_IN_QUEUE] / dt / 1000);
    }

    private record Previous(long time, long[] counters) {
    }
}
