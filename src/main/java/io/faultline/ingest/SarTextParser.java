package io.faultline.ingest;

import io.faultline.capture.SourceKind;
import io.faultline.model.Diagnostic;
import io.faultline.model.EpochNanos;
import io.faultline.model.Event;
import io.faultline.model.Severity;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code sar} text ({@code -d}, {@code -d -p}, {@code -b}, {@code -q}, {@code -u}, {@code -r} and other
 * sections): the header line {@code Linux 6.1.0 (host) 	12/03/2026 	_x86_64_	(2 CPU)} gives the day (see
 * {@link SysstatDates}) and host; each section's column line names the columns (old and new names, see
 * {@link SysstatColumns}); data lines start with the time, 24 h ({@code 15:00:01}) or 12 h
 * ({@code 03:00:01 PM}). The device column ({@code DEV}, {@code CPU}, {@code IFACE}...) may stand anywhere
 * ({@code -p} puts it last). {@code Average:} and {@code Summary} rows are summaries, not samples, and are
 * skipped; {@code LINUX RESTART} lines become events. Times are in the host's zone; a time earlier than the
 * one before it by more than an hour starts the next day. Numbers with a decimal comma are read.
 */
final class SarTextParser implements SourceParser {
    static final String SOURCE = SourceKind.SAR_TEXT.id();
    static final Pattern HEADER = Pattern.compile("^Linux\\s+\\S+\\s+\\(([^)]*)\\)\\s+(\\S+)");
    private static final Pattern TIME = Pattern.compile("^(\\d{1,2}):(\\d{2}):(\\d{2})(?:\\s+(AM|PM|am|pm))?(?=\\s|$)");
    /** {@code Average:}, {@code Summary:} and their translations ({@code Durchschn.:}, {@code Moyenne :}). */
    private static final Pattern SUMMARY = Pattern.compile("^(Summary|\\p{L}[\\p{L}.]*\\s?:)(\\s|$)");
    private static final java.util.Set<String> DEVICE_LABELS = java.util.Set.of("DEV", "CPU", "IFACE", "TTY", "FILESYSTEM",
            "INTR", "BUS", "TEMP", "FAN", "MHz");
    private static final java.util.Set<String> COLUMN_NAMES = java.util.Set.of("tps", "rtps", "wtps", "runq-sz", "plist-sz",
            "ldavg-1", "blocked", "kbmemfree", "kbavail", "kbmemused", "kbswpfree", "await", "svctm", "areq-sz", "aqu-sz",
            "avgrq-sz", "avgqu-sz");
    private static final long HOUR_NANOS = 3_600_000_000_000L;

    @Override
    public SourceKind kind() {
        return SourceKind.SAR_TEXT;
    }

    @Override
    public boolean probe(String fileName, byte[] head) {
        LineReader r = new LineReader(head);
        int timed = 0;
        boolean columns = false;
        int seen = 0;
        while (r.next() && seen < 40) {
            if (r.blank()) {
                continue;
            }
            seen++;
            if (r.end() == head.length && seen > 1) {
                break; // the head may cut the last line anywhere
            }
            String line = r.text();
            if (seen == 1 && HEADER.matcher(line).find()) {
                continue;
            }
            Matcher t = TIME.matcher(line);
            if (t.find()) {
                timed++;
                String rest = line.substring(t.end());
                columns |= rest.contains("LINUX RESTART") || rest.matches(".*\\s(DEV|CPU|tps|runq-sz|kbmemfree|IFACE|proc/s|cswch/s)(\\s.*|$)");
            } else if (!SUMMARY.matcher(line).find()) {
                return false;
            }
        }
        return timed > 0 && columns;
    }

    @Override
    public void parse(EntryContext ctx, byte[] data, Collector out) {
        new Run(ctx, data, out).read();
    }

    /** The state of reading one entry. */
    private static final class Run {
        private final EntryContext ctx;
        private final byte[] data;
        private final Collector out;
        private SeriesAccumulator acc;
        private String host;
        private LocalDate day;
        private List<String> columns;
        private int deviceColumn = -1;
        private boolean cpu;
        private long lastTime = Long.MIN_VALUE;
        private boolean zoneNoted;
        private int averages;

        Run(EntryContext ctx, byte[] data, Collector out) {
            this.ctx = ctx;
            this.data = data;
            this.out = out;
            this.host = ctx.host();
            this.acc = new SeriesAccumulator(host);
        }

        void read() {
            LineReader r = new LineReader(data);
            while (r.next()) {
                if (!r.blank()) {
                    line(r.lineNo(), r.start(), r.text().strip());
                }
            }
            acc.emit(out);
            if (averages > 0) {
                out.diagnostic(ctx.diagnostic(Diagnostic.Level.INFO, 0, -1, averages
                        + " Average:/Summary rows skipped: they summarise the samples above them"));
            }
        }

        private void line(long no, int offset, String line) {
            Matcher h = HEADER.matcher(line);
            if (h.find()) {
                header(no, offset, h.group(1), h.group(2));
                return;
            }
            Matcher t = TIME.matcher(line);
            boolean timed = t.find();
            if (!timed && SUMMARY.matcher(line).find()) {
                averages++;
                return;
            }
            if (!timed) {
                diag(Diagnostic.Level.WARNING, no, offset, "not a sar line (no time at its start): '" + JournalShortParser.abbreviate(line) + "'");
                return;
            }
            String rest = line.substring(t.end()).strip();
            if (rest.startsWith("LINUX RESTART")) {
                Long time = time(no, offset, t, line);
                if (time != null) {
                    out.event(new Event(ctx.recordId(no), time, timeText(t), host, SOURCE, null, "sar", Severity.NOTICE,
                            rest.replaceAll("\\s+", " "), null, false, Map.of(), ctx.at(no, offset)));
                }
                columns = null;
                return;
            }
            List<String> tokens = List.of(rest.split("\\s+"));
            if (isColumnLine(tokens)) {
                columns = tokens;
                deviceColumn = -1;
                cpu = tokens.contains("CPU");
                for (int i = 0; i < tokens.size(); i++) {
                    if (DEVICE_LABELS.contains(tokens.get(i))) {
                        deviceColumn = i;
                    }
                }
                return;
            }
            if (columns == null) {
                diag(Diagnostic.Level.WARNING, no, offset, "sample before any column line: skipped");
                return;
            }
            if (tokens.size() != columns.size()) {
                diag(Diagnostic.Level.WARNING, no, offset, tokens.size() + " values for " + columns.size() + " columns ("
                        + String.join(" ", columns) + "): line skipped");
                return;
            }
            Long time = time(no, offset, t, line);
            if (time == null) {
                return;
            }
            String device = deviceColumn >= 0 ? device(tokens.get(deviceColumn)) : SysstatColumns.implicitDevice(columns);
            for (int i = 0; i < tokens.size(); i++) {
                if (i == deviceColumn) {
                    continue;
                }
                Double v = SysstatDates.number(tokens.get(i));
                if (v == null) {
                    diag(Diagnostic.Level.WARNING, no, offset, "column " + columns.get(i) + ": '" + tokens.get(i) + "' is not a number");
                    continue;
                }
                SysstatColumns.Metric m = SysstatColumns.of(columns.get(i), cpu);
                acc.add(device, m.name(), m.unit(), time, v * m.factor());
            }
        }

        private String device(String token) {
            if (!cpu) {
                return token;
            }
            return token.equals("all") ? "cpu" : "cpu" + token;
        }

        /**
         * A column line has two or more names that are no numbers (a data line at most one, its device), and
         * one of them looks like a column name: a device label, a {@code %} or {@code /} name, or a known name.
         */
        private static boolean isColumnLine(List<String> tokens) {
            int names = 0;
            boolean columnLike = false;
            for (String t : tokens) {
                if (SysstatDates.number(t) == null) {
                    names++;
                    columnLike |= DEVICE_LABELS.contains(t) || t.startsWith("%") || t.contains("/") || COLUMN_NAMES.contains(t);
                }
            }
            return names >= 2 && columnLike;
        }

        private void header(long no, int offset, String node, String dateText) {
            if (!ctx.hostNamed(node).equals(host)) {
                acc.emit(out);
                host = ctx.hostNamed(node);
                acc = new SeriesAccumulator(host);
            }
            SysstatDates.Day d = SysstatDates.parse(dateText, ctx);
            if (d == null) {
                diag(Diagnostic.Level.WARNING, no, offset, "unreadable date '" + dateText + "' in the header");
                return;
            }
            if (d.note() != null) {
                diag(d.guessed() ? Diagnostic.Level.WARNING : Diagnostic.Level.INFO, no, offset, d.note());
            }
            if (day == null || !day.equals(d.date())) {
                lastTime = Long.MIN_VALUE;
            }
            day = d.date();
            columns = null;
        }

        private Long time(long no, int offset, Matcher t, String line) {
            if (day == null) {
                java.time.Instant anchor = SysstatDates.anchor(ctx);
                if (anchor == null) {
                    diag(Diagnostic.Level.ERROR, no, offset, "no 'Linux ... (host) DATE' header before the samples and nothing in the"
                            + " bundle dates them: line skipped");
                    return null;
                }
                day = anchor.atZone(ctx.zone()).toLocalDate();
                diag(Diagnostic.Level.WARNING, no, offset, "no 'Linux ... (host) DATE' header: samples dated " + day
                        + " from the capture");
            }
            if (!ctx.zoneKnown() && !zoneNoted) {
                zoneNoted = true;
                diag(Diagnostic.Level.INFO, 0, -1, "sar times are the host's local time and the manifest gives no zone: read as "
                        + ctx.zone().getId());
            }
            try {
                int hour = Integer.parseInt(t.group(1));
                String ampm = t.group(4);
                if (ampm != null) {
                    if (hour < 1 || hour > 12) {
                        diag(Diagnostic.Level.WARNING, no, offset, "hour " + hour + " on a 12 h clock: line skipped");
                        return null;
                    }
                    hour = hour % 12 + (ampm.equalsIgnoreCase("PM") ? 12 : 0);
                }
                LocalTime lt = LocalTime.of(hour, Integer.parseInt(t.group(2)), Integer.parseInt(t.group(3)));
                long nanos = EpochNanos.of(LocalDateTime.of(day, lt).atZone(ctx.zone()).toInstant());
                if (lastTime != Long.MIN_VALUE && nanos < lastTime - HOUR_NANOS) {
                    day = day.plusDays(1);
                    nanos = EpochNanos.of(LocalDateTime.of(day, lt).atZone(ctx.zone()).toInstant());
                }
                lastTime = nanos;
                return ctx.toLocal(nanos);
            } catch (DateTimeException e) {
                diag(Diagnostic.Level.WARNING, no, offset, "unreadable time in '" + JournalShortParser.abbreviate(line) + "': "
                        + e.getMessage());
                return null;
            }
        }

        private static String timeText(Matcher t) {
            return t.group().strip();
        }

        private void diag(Diagnostic.Level level, long no, long offset, String reason) {
            out.diagnostic(ctx.diagnostic(level, no, offset, reason));
        }
    }
}
