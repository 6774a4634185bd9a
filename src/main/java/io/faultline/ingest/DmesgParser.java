package io.faultline.ingest;

import io.faultline.capture.SourceKind;
import io.faultline.model.Diagnostic;
import io.faultline.model.EpochNanos;
import io.faultline.model.Event;
import io.faultline.model.Severity;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code dmesg} in its three time forms: raw ({@code [ 1234.567890] msg}, seconds since boot), {@code -T}
 * ({@code [Thu Dec  3 18:00:00 2026] msg}, the host's local time; month and weekday names of other locales too,
 * {@link MonthNames}, {@link WeekdayNames}: a weekday that does not fit the date is reported and the date wins) and {@code --time-format iso}
 * ({@code 2026-12-03T18:00:00,123456+01:00 msg}). A {@code <6>} prefix ({@code -r}) or a
 * {@code kern  :info  : } prefix ({@code -x}) gives the severity.
 *
 * <p>Raw times become wall time with the boot time: a {@code btime 1764780000} line in the entry (as
 * {@code grep btime /proc/stat; dmesg} prints it), else the host's boot time the ingest hands over
 * ({@link EntryContext#hostBoot()}: the manifest's, read at capture, else the latest boot of the host's journal
 * entries in the bundle); an INFO says which and from where. Without any, events keep their time since boot, laid
 * out from 1970-01-01T00:00:00Z, with a field {@code monotonic} and a warning that says so.
 *
 * <p>Kernel reports form one multi-line event: from {@code ------------[ cut here ]------------},
 * {@code BUG:}, {@code Oops}, {@code INFO: task ... blocked}, {@code Kernel panic} or a lone
 * {@code Call Trace:} to the {@code ---[ end trace ...]---} (or {@code end Kernel panic}) marker, or, with no
 * marker, to the first line after the call trace that is no frame, register dump or indented line.
 */
final class DmesgParser implements SourceParser {
    static final String SOURCE = SourceKind.DMESG.id();
    private static final Pattern RAW = Pattern.compile("^(?:<(\\d{1,3})>)?\\[\\s*(\\d+\\.\\d+)\\]\\s?(.*)$", Pattern.DOTALL);
    private static final Pattern CTIME = Pattern.compile(
            "^(?:<(\\d{1,3})>)?\\[(\\S{1,12}\\s+\\S{1,12}\\s+\\d{1,2}\\s+\\d{2}:\\d{2}:\\d{2}\\s+\\d{4})\\]\\s?(.*)$", Pattern.DOTALL);
    private static final Pattern CTIME_PARTS = Pattern.compile("^(\\S+)\\s+(\\S+)\\s+(\\d{1,2})\\s+(\\d{2}):(\\d{2}):(\\d{2})\\s+(\\d{4})$");
    private static final Pattern ISO = Pattern.compile("^(?:<(\\d{1,3})>)?(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:[,.]\\d+)?(?:[+-]\\d{2}:?\\d{2}|Z))\\s(.*)$", Pattern.DOTALL);
    private static final Pattern DECODED = Pattern.compile("^([a-z0-9]+)\\s*:([a-z]+)\\s*:\\s(.*)$", Pattern.DOTALL);
    private static final Pattern BTIME = Pattern.compile("^btime\\s+(\\d+)\\s*$");
    private static final Pattern REPORT_START = Pattern.compile(
            "^(-+\\[ cut here \\]-+|BUG: .*|Oops.*|INFO: task .* blocked for more than .*|Kernel panic - .*|general protection fault.*"
                    + "|INFO: rcu_(sched|preempt) (self-)?detected stall.*|watchdog: BUG: soft lockup.*)$");
    private static final Pattern REPORT_END = Pattern.compile("^-+\\[ end (trace|Kernel panic).*\\]-+$");
    private static final Pattern FRAME = Pattern.compile("^(\\s.*|<(/?)(TASK|IRQ|NMI|EOI)>.*|\\? .*|[A-Za-z_][\\w.]*\\+0x[0-9a-f]+/0x[0-9a-f]+.*"
            + "|[A-Z0-9]{2,3}: .*|Code: .*|Modules linked in:.*|CPU: .*|Hardware name: .*|Workqueue: .*|RIP: .*|Call Trace:.*"
            + "|Tainted: .*|task:.*|\"echo 0 > .*|---\\[ end .*)$");
    private static final Pattern JOURNAL_MONOTONIC = Pattern.compile("^(\\S+) [^\\s\\[:]+(\\[\\d+\\])?: ");
    private static final int MAX_REPORT_LINES = 500;
    private static final long HEADER_NANOS = 1_000_000_000L;

    private enum Form { RAW, CTIME, ISO }

    @Override
    public SourceKind kind() {
        return SourceKind.DMESG;
    }

    @Override
    public boolean probe(String fileName, byte[] head) {
        LineReader r = new LineReader(head);
        int matched = 0;
        int seen = 0;
        int journalLike = 0;
        String firstWord = null;
        while (r.next() && seen < 20) {
            if (r.blank()) {
                continue;
            }
            seen++;
            if (r.end() == head.length && seen > 1) {
                break;
            }
            String line = r.text();
            if (BTIME.matcher(line).matches()) {
                continue;
            }
            Line l = split(line);
            if (l == null) {
                return false;
            }
            matched++;
            Matcher j = JOURNAL_MONOTONIC.matcher(l.message());
            if (l.form() == Form.RAW && j.find() && (firstWord == null || firstWord.equals(j.group(1)))) {
                firstWord = j.group(1);
                journalLike++;
            }
        }
        // journalctl -o short-monotonic: "[ 5.1] host ident[pid]: msg", the same host on every line.
        return matched > 0 && !(journalLike == matched && matched >= 2);
    }

    /** One line split into its prefix parts: form, stamp text, syslog level (or -1), facility, message. */
    private record Line(Form form, String stamp, int level, String facility, String message) {
    }

    private static Line split(String text) {
        Form form;
        Matcher m = RAW.matcher(text);
        String rest = text;
        String facility = null;
        int level = -1;
        Matcher d = DECODED.matcher(text);
        if (d.matches()) {
            facility = d.group(1);
            level = levelOf(d.group(2));
            rest = d.group(3);
            m = RAW.matcher(rest);
        }
        if (m.matches()) {
            form = Form.RAW;
        } else if ((m = CTIME.matcher(rest)).matches()) {
            form = Form.CTIME;
        } else if ((m = ISO.matcher(rest)).matches()) {
            form = Form.ISO;
        } else {
            return null;
        }
        if (m.group(1) != null) {
            int prio = Integer.parseInt(m.group(1));
            level = prio & 7;
        }
        return new Line(form, m.group(2), level, facility, m.group(3));
    }

    private static int levelOf(String name) {
        return switch (name) {
            case "emerg" -> 0;
            case "alert" -> 1;
            case "crit" -> 2;
            case "err" -> 3;
            case "warn" -> 4;
            case "notice" -> 5;
            case "info" -> 6;
            case "debug" -> 7;
            default -> -1;
        };
    }

    @Override
    public void parse(EntryContext ctx, byte[] data, Collector out) {
        HostBoot boot = null;
        LineReader scan = new LineReader(data);
        while (scan.next()) {
            Matcher b = BTIME.matcher(scan.text().strip());
            if (b.matches()) {
                boot = new HostBoot(ctx.toLocal(Long.parseLong(b.group(1)) * 1_000_000_000L), null,
                        "the entry's own 'btime' line (line " + scan.lineNo() + ")");
                break;
            }
        }
        new Run(ctx, out, boot != null ? boot : ctx.hostBoot()).read(data);
    }

    /** The state of reading one entry: the report being gathered, if any. */
    private static final class Run {
        private final EntryContext ctx;
        private final Collector out;
        /** The boot the raw stamps count from, or null when unknown. */
        private final HostBoot boot;
        private boolean relativeNoted;
        private boolean zoneNoted;
        private boolean weekdayNoted;
        private long lastMonotonic = Long.MIN_VALUE;
        private Report report;

        Run(EntryContext ctx, Collector out, HostBoot boot) {
            this.ctx = ctx;
            this.out = out;
            this.boot = boot;
        }

        void read(byte[] data) {
            LineReader r = new LineReader(data);
            while (r.next()) {
                if (r.blank()) {
                    continue;
                }
                String text = r.text();
                if (BTIME.matcher(text.strip()).matches()) {
                    continue;
                }
                Line l = split(text);
                if (l == null) {
                    out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, r.lineNo(), r.start(), "not a dmesg line (no [time] or ISO"
                            + " time at its start): '" + JournalShortParser.abbreviate(text) + "'"));
                    continue;
                }
                Long time = time(l, r.lineNo(), r.start());
                if (time == null) {
                    continue;
                }
                line(l, time, r.lineNo(), r.start());
            }
            closeReport();
        }

        private void line(Line l, long time, long no, int offset) {
            String msg = l.message();
            if (report != null) {
                boolean fits = report.lines.size() < MAX_REPORT_LINES
                        && (report.traceSeen ? FRAME.matcher(msg).matches() : time - report.time <= HEADER_NANOS || FRAME.matcher(msg).matches());
                if (fits && !(REPORT_START.matcher(msg).matches() && !report.onlyCutHere())) {
                    report.add(msg);
                    if (REPORT_END.matcher(msg).matches()) {
                        closeReport();
                    }
                    return;
                }
                closeReport();
            }
            if (REPORT_START.matcher(msg).matches() || msg.startsWith("Call Trace:")) {
                report = new Report(l, time, no, offset);
                return;
            }
            out.event(event(l, time, no, offset, msg, Map.of()));
        }

        private void closeReport() {
            if (report == null) {
                return;
            }
            Report rep = report;
            report = null;
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("lines", String.valueOf(rep.lines.size()));
            fields.put("report", "kernel");
            Event e = event(rep.first, rep.time, rep.no, rep.offset, String.join("\n", rep.lines), fields);
            Severity sev = e.severity() != Severity.UNKNOWN ? e.severity() : rep.severity();
            out.event(new Event(e.id(), e.timeNanos(), e.timeText(), e.host(), e.source(), e.unit(), e.identifier(), sev, e.message(),
                    e.containerId(), e.truncated(), e.fields(), e.origin()));
        }

        private Event event(Line l, long time, long no, int offset, String msg, Map<String, String> extra) {
            Map<String, String> fields = new LinkedHashMap<>(extra);
            if (l.form() == Form.RAW) {
                fields.put("monotonic", l.stamp());
            }
            if (l.facility() != null) {
                fields.put("facility", l.facility());
            }
            return new Event(ctx.recordId(no), time, l.stamp(), ctx.host(), SOURCE, null, "kernel",
                    l.level() < 0 ? Severity.UNKNOWN : Severity.ofPriority(l.level()), msg, ContainerLinks.find(msg), false, fields,
                    ctx.at(no, offset));
        }

        /** Checks a -T stamp's weekday against its date: a mismatch is a warning (the date wins), an unknown name noted once. */
        private void weekday(String name, LocalDateTime t, long no, int offset) {
            if (WeekdayNames.day(name) == null) {
                if (!weekdayNoted) {
                    weekdayNoted = true;
                    out.diagnostic(ctx.diagnostic(Diagnostic.Level.INFO, no, offset, "weekday '" + name + "' is no weekday name"
                            + " known in en, de, fr, es, ru or zh: weekdays of this entry not checked against their dates"));
                }
                return;
            }
            String mismatch = WeekdayNames.mismatch(name, t.toLocalDate());
            if (mismatch != null) {
                out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, no, offset, mismatch + ": the date is used"));
            }
        }

        private Long time(Line l, long no, int offset) {
            try {
                return switch (l.form()) {
                    case RAW -> {
                        long mono = new BigDecimal(l.stamp()).movePointRight(9).longValueExact();
                        if (mono < lastMonotonic) {
                            out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, no, offset, "time since boot goes back (from "
                                    + lastMonotonic / 1e9 + " s to " + l.stamp() + " s): a new boot, or lines out of order"));
                        }
                        lastMonotonic = mono;
                        if (!relativeNoted) {
                            relativeNoted = true;
                            out.diagnostic(boot == null
                                    ? ctx.diagnostic(Diagnostic.Level.WARNING, 0, -1, "raw dmesg times are seconds since boot and no"
                                    + " boot time is known (no 'btime' line from /proc/stat in the entry, none in the manifest for host "
                                    + ctx.host() + ", no journal JSON/export entry of that host): times kept relative, laid out from"
                                    + " 1970-01-01T00:00:00Z")
                                    : ctx.diagnostic(Diagnostic.Level.INFO, 0, -1, "raw dmesg times are seconds since boot: placed"
                                    + " from the boot at " + EpochNanos.iso(boot.nanos())
                                    + (boot.bootId() == null ? "" : " (boot " + boot.bootId() + ")") + ", from " + boot.source()));
                        }
                        yield boot == null ? mono : boot.nanos() + mono;
                    }
                    case CTIME -> {
                        if (!ctx.zoneKnown() && !zoneNoted) {
                            zoneNoted = true;
                            out.diagnostic(ctx.diagnostic(Diagnostic.Level.INFO, 0, -1, "dmesg -T times are the host's local time and"
                                    + " the manifest gives no zone: read as " + ctx.zone().getId()));
                        }
                        Matcher c = CTIME_PARTS.matcher(l.stamp());
                        int month = c.matches() ? MonthNames.month(c.group(2)) : 0;
                        if (month == 0) {
                            throw new DateTimeException("no month name known in en, de, fr, es, ru or zh");
                        }
                        LocalDateTime t = LocalDateTime.of(Integer.parseInt(c.group(7)), month, Integer.parseInt(c.group(3)),
                                Integer.parseInt(c.group(4)), Integer.parseInt(c.group(5)), Integer.parseInt(c.group(6)));
                        weekday(c.group(1), t, no, offset);
                        yield ctx.toLocal(EpochNanos.of(t.atZone(ctx.zone()).toInstant()));
                    }
                    case ISO -> {
                        String s = l.stamp().replace(',', '.');
                        if (s.matches(".*[+-]\\d{4}$")) {
                            s = s.substring(0, s.length() - 2) + ":" + s.substring(s.length() - 2);
                        }
                        yield ctx.toLocal(EpochNanos.of(OffsetDateTime.parse(s).toInstant()));
                    }
                };
            } catch (DateTimeException | ArithmeticException | NumberFormatException e) {
                out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, no, offset, "unreadable time '" + l.stamp() + "': "
                        + e.getMessage() + "; line skipped"));
                return null;
            }
        }
    }

    /** A kernel report being gathered. */
    private static final class Report {
        private final Line first;
        private final long time;
        private final long no;
        private final int offset;
        private final List<String> lines = new ArrayList<>();
        private boolean traceSeen;

        Report(Line first, long time, long no, int offset) {
            this.first = first;
            this.time = time;
            this.no = no;
            this.offset = offset;
            add(first.message());
        }

        void add(String msg) {
            lines.add(msg);
            traceSeen |= msg.startsWith("Call Trace:");
        }

        /** True while the report is just the cut-here line, which the WARNING/BUG line that follows belongs to. */
        boolean onlyCutHere() {
            return lines.size() == 1 && lines.getFirst().contains("[ cut here ]");
        }

        Severity severity() {
            String head = lines.size() > 1 && onlyCutHereText(lines.getFirst()) ? lines.get(1) : lines.getFirst();
            if (head.startsWith("BUG") || head.startsWith("Oops") || head.startsWith("Kernel panic") || head.startsWith("general protection")
                    || head.startsWith("watchdog: BUG")) {
                return Severity.CRIT;
            }
            if (head.startsWith("WARNING") || head.startsWith("INFO:")) {
                return Severity.WARNING;
            }
            return Severity.UNKNOWN;
        }

        private static boolean onlyCutHereText(String s) {
            return s.contains("[ cut here ]");
        }
    }
}
