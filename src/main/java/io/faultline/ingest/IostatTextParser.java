package io.faultline.ingest;

import io.faultline.capture.SourceKind;
import io.faultline.model.Diagnostic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * {@code iostat -x} text, one report after another: the {@code Linux ... (host) DATE} header, with {@code -t}
 * a stamp line per report (see {@link IostatTime}), an {@code avg-cpu:} line and its values, a
 * {@code Device} (or {@code Device:}) column line and one line per device, old and new column names
 * ({@code rsec/s}, {@code avgrq-sz}, {@code avgqu-sz}; {@code rkB/s}, {@code aqu-sz}, {@code %util}).
 * Reports without a stamp are placed as {@link IostatTime} says.
 */
final class IostatTextParser implements SourceParser {
    @Override
    public SourceKind kind() {
        return SourceKind.IOSTAT_TEXT;
    }

    @Override
    public boolean probe(String fileName, byte[] head) {
        LineReader r = new LineReader(head);
        int seen = 0;
        while (r.next() && seen < 12) {
            if (r.blank()) {
                continue;
            }
            seen++;
            String line = r.text().strip();
            if (line.startsWith("avg-cpu:") || line.matches("Device:?\\s+(r/s|rrqm/s|tps)\\s.*")) {
                return true;
            }
            if (!(seen == 1 && SarTextParser.HEADER.matcher(line).find()) && !IostatTime.isStamp(line)) {
                return false;
            }
        }
        return false;
    }

    @Override
    public void parse(EntryContext ctx, byte[] data, Collector out) {
        SeriesAccumulator acc = new SeriesAccumulator(ctx.host());
        SysstatDates.Day day = null;
        List<Report> reports = new ArrayList<>();
        Report current = null;
        List<String> columns = null;
        List<String> cpuColumns = null;
        boolean cpuValuesNext = false;
        boolean zoneNoted = false;
        LineReader r = new LineReader(data);
        while (r.next()) {
            if (r.blank()) {
                columns = null;
                continue;
            }
            long no = r.lineNo();
            int off = r.start();
            String line = r.text().strip();
            Matcher h = SarTextParser.HEADER.matcher(line);
            if (h.find()) {
                if (!ctx.hostNamed(h.group(1)).equals(acc.host())) {
                    acc.emit(out);
                    acc = new SeriesAccumulator(ctx.hostNamed(h.group(1)));
                }
                day = SysstatDates.parse(h.group(2), ctx);
                if (day == null) {
                    out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, no, off, "unreadable date '" + h.group(2) + "' in the header"));
                } else if (day.note() != null) {
                    out.diagnostic(ctx.diagnostic(day.guessed() ? Diagnostic.Level.WARNING : Diagnostic.Level.INFO, no, off, day.note()));
                }
                continue;
            }
            if (IostatTime.isStamp(line)) {
                Long t = IostatTime.parse(line, ctx, out, no, off);
                if (!ctx.zoneKnown() && !zoneNoted && !line.contains("T")) {
                    zoneNoted = true;
                    out.diagnostic(ctx.diagnostic(Diagnostic.Level.INFO, 0, -1, "iostat times are the host's local time and the"
                            + " manifest gives no zone: read as " + ctx.zone().getId()));
                }
                current = new Report(t == null ? null : ctx.toLocal(t), t == null);
                reports.add(current);
                continue;
            }
            List<String> tokens = List.of(line.split("\\s+"));
            if (line.startsWith("avg-cpu:")) {
                cpuColumns = tokens.subList(1, tokens.size());
                cpuValuesNext = true;
                if (current == null || current.hasCpu) {
                    current = new Report(null, false);
                    reports.add(current);
                }
                continue;
            }
            if (tokens.getFirst().equals("Device") || tokens.getFirst().equals("Device:")) {
                columns = tokens.subList(1, tokens.size());
                if (current == null || current.hasDisks) {
                    current = new Report(null, false);
                    reports.add(current);
                }
                continue;
            }
            if (cpuValuesNext) {
                cpuValuesNext = false;
                Map<String, Double> v = values(ctx, out, no, off, cpuColumns, tokens, 0);
                if (v != null) {
                    current.cpu = v;
                    current.hasCpu = true;
                }
                continue;
            }
            if (columns == null) {
                out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, no, off, "not an iostat line: '"
                        + JournalShortParser.abbreviate(line) + "'"));
                continue;
            }
            Map<String, Double> v = values(ctx, out, no, off, columns, tokens, 1);
            if (v != null) {
                current.disks.put(tokens.getFirst(), v);
                current.hasDisks = true;
            }
        }
        place(ctx, day, reports, acc, out);
        acc.emit(out);
    }

    private static void place(EntryContext ctx, SysstatDates.Day day, List<Report> reports, SeriesAccumulator acc, Collector out) {
        List<Report> untimed = reports.stream().filter(rep -> rep.time == null && !rep.badStamp && !rep.empty()).toList();
        for (Report rep : reports) {
            if (rep.time != null) {
                rep.emit(acc, rep.time);
            }
        }
        if (!untimed.isEmpty()) {
            Long anchor = IostatTime.untimedAnchor(ctx, day, untimed.size(), out);
            if (anchor != null) {
                untimed.getLast().emit(acc, anchor);
            }
        }
    }

    private static Map<String, Double> values(EntryContext ctx, Collector out, long no, int off, List<String> columns,
                                              List<String> tokens, int skip) {
        if (tokens.size() - skip != columns.size()) {
            out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, no, off, (tokens.size() - skip) + " values for " + columns.size()
                    + " columns (" + String.join(" ", columns) + "): line skipped"));
            return null;
        }
        Map<String, Double> v = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            Double d = SysstatDates.number(tokens.get(i + skip));
            if (d == null) {
                out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, no, off, "column " + columns.get(i) + ": '" + tokens.get(i + skip)
                        + "' is not a number; line skipped"));
                return null;
            }
            v.put(columns.get(i), d);
        }
        return v;
    }

    /** One report: its time (null when it has none or it was unreadable), CPU values and devices. */
    private static final class Report {
        private final Long time;
        private final boolean badStamp;
        private Map<String, Double> cpu;
        private final Map<String, Map<String, Double>> disks = new LinkedHashMap<>();
        private boolean hasCpu;
        private boolean hasDisks;

        Report(Long time, boolean badStamp) {
            this.time = time;
            this.badStamp = badStamp;
        }

        boolean empty() {
            return !hasCpu && !hasDisks;
        }

        void emit(SeriesAccumulator acc, long t) {
            if (cpu != null) {
                IostatMetrics.cpu(acc, t, cpu);
            }
            disks.forEach((device, values) -> IostatMetrics.device(acc, device, t, values));
        }
    }
}
