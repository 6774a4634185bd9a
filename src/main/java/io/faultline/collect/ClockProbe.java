package io.faultline.collect;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures a host's clock against ours and reads its time zone, with one remote command whose first
 * line is the remote time. Offset = remote time − midpoint of (sent, first line back); uncertainty = half
 * that round trip. The best (smallest uncertainty) of several samples wins. The same command reads the boot time
 * ({@code btime} of /proc/stat) and boot id, which turn raw dmesg stamps (seconds since boot) into wall time.
 */
public final class ClockProbe {
    /** Fixed text: nothing in it comes from input. */
    public static final String COMMAND = "date '+epoch=%s.%N'; echo \"offset=$(date +%z)\"; "
            + "echo \"etc_timezone=$(cat /etc/timezone 2>/dev/null)\"; "
            + "echo \"timedatectl=$(timedatectl show -p Timezone --value 2>/dev/null)\"; "
            + "echo \"localtime=$(readlink /etc/localtime 2>/dev/null)\"; "
            + "sed -n 's/^btime /btime=/p' /proc/stat 2>/dev/null; "
            + "echo \"boot_id=$(cat /proc/sys/kernel/random/boot_id 2>/dev/null)\"";
    private static final Pattern EPOCH = Pattern.compile("(\\d{1,12})(?:\\.(\\d{1,9}))?.*");
    private static final Pattern OFFSET = Pattern.compile("([+-])(\\d{2}):?(\\d{2})");
    private static final Pattern BTIME = Pattern.compile("\\d{1,12}");
    private static final Pattern BOOT_ID = Pattern.compile("[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}");

    private ClockProbe() {
    }

    /**
     * One measurement.
     *
     * @param offsetMs      remote clock minus local clock
     * @param uncertaintyMs half the round trip (plus a second when the remote date has no sub-second part)
     * @param zone          IANA zone id when the host names one that agrees with its offset, else {@code ±HH:MM}, or null
     * @param bootTime      the host's boot time, epoch seconds on its clock ({@code btime} of /proc/stat), or null
     * @param bootId        the running boot's id in the journal's form (32 lower-case hex digits), or null
     * @param output        the probe's stdout exactly as received
     */
    public record Sample(long offsetMs, long uncertaintyMs, String zone, Long bootTime, String bootId, byte[] output, Integer exitCode,
                         String stderr) {
    }

    /**
     * The outcome of {@link #measure}.
     *
     * @param best the probe with the smallest uncertainty among those that ended normally, or null
     * @param cut  the probe the connection was lost in, or null; no probe runs after it
     */
    public record Measurement(Sample best, Cut cut) {
    }

    /**
     * A probe cut off by a lost connection: its output is not parsed, since what is missing cannot be told from
     * what the server does not have.
     *
     * @param output what arrived before the cut
     * @param sample which probe it was, from 1
     * @param reason why it was cut (names the probe)
     */
    public record Cut(byte[] output, int sample, ConnectionLostException reason) {
    }

    /** Says what the probe is in messages. */
    public static final String LABEL = "the clock probe (date '+epoch=%s.%N'; … /proc/stat …)";

    /**
     * Runs up to {@code count} probes and keeps the one with the smallest uncertainty; stops at the first one the
     * connection is lost in. Best and cut are both null when cancelled before a probe ended.
     *
     * @throws CollectException when every probe ended normally but none gave a remote time
     */
    public static Measurement measure(SshSession ssh, int count, CancelToken cancel) throws IOException, CollectException {
        Sample best = null;
        for (int i = 0; i < count && !cancel.isCancelled(); i++) {
            FirstLineClock out = new FirstLineClock();
            Sample s;
            try {
                s = once(ssh, out, cancel);
            } catch (ConnectionLostException e) {
                return new Measurement(best, new Cut(out.toByteArray(), i + 1, e));
            }
            if (s != null && (best == null || s.uncertaintyMs() < best.uncertaintyMs())) {
                best = s;
            }
        }
        if (best == null && !cancel.isCancelled()) {
            throw new CollectException("could not read the clock of " + ssh.target() + " (date +%s.%N gave no usable answer)");
        }
        return new Measurement(best, null);
    }

    private static Sample once(SshSession ssh, FirstLineClock out, CancelToken cancel) throws IOException {
        Instant sentWall = Instant.now();
        long sentNano = System.nanoTime();
        ExecResult r = ssh.exec(COMMAND, LABEL, out, cancel);
        if (r.cancelled() || !out.seen) {
            return null;
        }
        long rttNanos = out.firstLineNano - sentNano;
        Instant midpoint = sentWall.plusNanos(rttNanos / 2);
        return fromOutput(out.toByteArray(), midpoint, rttNanos, r.exitCode(), r.stderr());
    }

    /** Interprets a probe's output taken around {@code localMidpoint}; null when it holds no remote time. */
    static Sample fromOutput(byte[] output, Instant localMidpoint, long roundTripNanos, Integer exitCode, String stderr) {
        Map<String, String> values = parse(new String(output, StandardCharsets.UTF_8));
        String epochText = values.getOrDefault("epoch", "");
        Matcher m = EPOCH.matcher(epochText);
        if (!m.matches()) {
            return null;
        }
        long seconds = Long.parseLong(m.group(1));
        long extraUncertaintyMs = 0;
        long nanos = 0;
        if (m.group(2) != null) {
            nanos = new BigDecimal("0." + m.group(2)).movePointRight(9).longValue();
        } else {
            extraUncertaintyMs = 1000;
        }
        Instant remote = Instant.ofEpochSecond(seconds, nanos);
        long offsetNanos = (remote.getEpochSecond() - localMidpoint.getEpochSecond()) * 1_000_000_000L
                + (remote.getNano() - localMidpoint.getNano());
        long offsetMs = Math.round(offsetNanos / 1e6);
        long uncertaintyMs = (roundTripNanos / 2 + 999_999) / 1_000_000 + extraUncertaintyMs;
        String zone = zone(values, remote);
        String btime = values.getOrDefault("btime", "");
        String bootId = values.getOrDefault("boot_id", "").toLowerCase(java.util.Locale.ROOT);
        return new Sample(offsetMs, uncertaintyMs, zone, BTIME.matcher(btime).matches() ? Long.valueOf(btime) : null,
                BOOT_ID.matcher(bootId).matches() ? bootId.replace("-", "") : null, output, exitCode, stderr);
    }

    private static Map<String, String> parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.putIfAbsent(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return values;
    }

    /** An IANA id from timedatectl, /etc/timezone or the /etc/localtime link, if it agrees with {@code date +%z}. */
    static String zone(Map<String, String> values, Instant at) {
        ZoneOffset offset = null;
        Matcher om = OFFSET.matcher(values.getOrDefault("offset", ""));
        if (om.matches()) {
            int total = Integer.parseInt(om.group(2)) * 3600 + Integer.parseInt(om.group(3)) * 60;
            offset = ZoneOffset.ofTotalSeconds(om.group(1).equals("-") ? -total : total);
        }
        String link = values.getOrDefault("localtime", "");
        int zi = link.indexOf("zoneinfo/");
        String fromLink = zi >= 0 ? link.substring(zi + "zoneinfo/".length()) : "";
        for (String candidate : List.of(values.getOrDefault("timedatectl", ""), values.getOrDefault("etc_timezone", ""), fromLink)) {
            ZoneId id = zoneId(candidate);
            if (id != null && (offset == null || id.getRules().getOffset(at).equals(offset))) {
                return id.getId();
            }
        }
        return offset == null ? null : offset.getId().equals("Z") ? "+00:00" : offset.getId();
    }

    private static ZoneId zoneId(String text) {
        if (text.isBlank() || !text.matches("[A-Za-z][A-Za-z0-9_+/-]{0,63}")) {
            return null;
        }
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** Remembers when the first line arrived. */
    private static final class FirstLineClock extends ByteArrayOutputStream {
        private long firstLineNano;
        private boolean seen;

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            if (!seen) {
                for (int i = off; i < off + len; i++) {
                    if (b[i] == '\n') {
                        firstLineNano = System.nanoTime();
                        seen = true;
                        break;
                    }
                }
            }
            super.write(b, off, len);
        }
    }
}
