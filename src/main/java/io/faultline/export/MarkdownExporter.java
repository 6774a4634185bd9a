package io.faultline.export;

import io.faultline.annotate.CausalCheck;
import io.faultline.annotate.Targets;
import io.faultline.model.Annotation;
import io.faultline.model.AnnotationLayer;
import io.faultline.model.AnnotationTarget;
import io.faultline.model.CausalLink;
import io.faultline.model.Container;
import io.faultline.model.Event;
import io.faultline.model.EventTable;
import io.faultline.model.Evidence;
import io.faultline.model.HostInfo;
import io.faultline.model.LinkType;
import io.faultline.model.NoteSeverity;
import io.faultline.model.Series;
import io.faultline.model.Span;
import io.faultline.model.SpanKind;
import io.faultline.model.TimeWindow;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes a postmortem draft in Markdown (CommonMark with GitHub tables): a summary, the impact window, a timeline table
 * of the annotated items in time order (times in each item's host zone with its UTC offset), the causal chain with the
 * time-order check of {@link CausalCheck}, and the evidence each note points at (the log line, the healthcheck run and
 * its output, the series values around the point, the most severe lines of a range). Only the notes whose target
 * overlaps the export range are written, and the links between two of them. The stream is flushed, not closed.
 */
public final class MarkdownExporter {
    /** Lines of a range's evidence excerpt. */
    static final int RANGE_LINES = 8;
    /** Samples shown on each side of a series point. */
    static final int POINT_NEIGHBOURS = 2;

    private final Evidence ev;
    private final ReportTimes times;
    private final TimeWindow window;
    private final boolean ranged;
    private final List<Annotation> notes;
    private final List<CausalLink> links;
    private final Map<String, Annotation> byId = new HashMap<>();
    private final StringBuilder md = new StringBuilder(1 << 14);

    private MarkdownExporter(Evidence ev, AnnotationLayer ann, ExportOptions o) {
        this.ev = ev;
        this.times = new ReportTimes(ev);
        this.window = o.range() == null ? ev.window() : o.range();
        this.ranged = o.range() != null;
        this.notes = ann.annotations().stream().filter(a -> window.overlaps(a.target().startNanos(), a.target().endNanos()))
                .sorted(Comparator.comparingLong((Annotation a) -> a.target().startNanos()).thenComparing(Annotation::id)).toList();
        notes.forEach(a -> byId.put(a.id(), a));
        this.links = ann.links().stream().filter(l -> byId.containsKey(l.fromId()) && byId.containsKey(l.toId()))
                .sorted(Comparator.comparingLong((CausalLink l) -> byId.get(l.fromId()).target().startNanos()).thenComparing(CausalLink::id))
                .toList();
    }

    public static void export(Evidence ev, AnnotationLayer ann, ExportOptions o, OutputStream out) throws IOException {
        if ((o.range() == null ? ev.window() : o.range()) == null) {
            throw new IllegalArgumentException("nothing to export: the evidence has no time window and no range was given");
        }
        MarkdownExporter m = new MarkdownExporter(ev, ann, o);
        m.write(o.title(), new AnnotationLayer(ann.version(), m.notes, m.links));
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write(m.md.toString());
        w.flush();
    }

    private void write(String title, AnnotationLayer kept) {
        List<CausalCheck.Finding> findings = CausalCheck.check(kept, ev);
        line("# Postmortem draft: " + inline(title));
        line("");
        line("_A draft made by Faultline from the capture's evidence and the notes on it. Times are in each host's zone with the"
                + " UTC offset; the causal check allows for each host's measured clock uncertainty._");
        line("");
        summary(findings);
        impact();
        timeline();
        chain(findings);
        evidence();
    }

    private void summary(List<CausalCheck.Finding> findings) {
        line("## Summary");
        line("");
        line("- **" + (ranged ? "Exported range" : "Capture window") + ":** " + times.full(window.fromNanos(), null) + " → " + times.full(window.toNanos(), null) + " ("
                + ReportTimes.duration(window.lengthNanos()) + ")");
        for (HostInfo h : ev.hosts()) {
            line("- **Host " + inline(h.name()) + ":** zone " + inline(h.zone()) + ", clock offset " + h.clockOffsetMs() + " ms ±"
                    + h.offsetUncertaintyMs() + " ms");
        }
        long events = ev.events() instanceof EventTable t ? t.within(window).size()
                : ev.events().stream().filter(e -> window.contains(e.timeNanos())).count();
        long runs = ev.spans().stream().filter(s -> s.kind() == SpanKind.HEALTHCHECK_RUN && window.overlaps(s.startNanos(), s.endNanos())).count();
        long series = ev.series().stream().filter(s -> s.size() > 0).count();
        line("- **Evidence:** " + count(events, "event") + ", " + count(runs, "healthcheck run") + ", " + count(ev.containers().size(), "container")
                + ", " + series + " series");
        Map<NoteSeverity, Long> bySeverity = new EnumMap<>(NoteSeverity.class);
        notes.forEach(a -> bySeverity.merge(a.severity(), 1L, Long::sum));
        String counts = bySeverity.isEmpty() ? "" : " (" + bySeverity.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.reverseOrder()))
                .map(e -> e.getValue() + " " + e.getKey().key()).collect(Collectors.joining(", ")) + ")";
        long warnings = findings.stream().filter(CausalCheck.Finding::warning).count();
        line("- **Notes:** " + notes.size() + counts + "; **links:** " + links.size() + (warnings == 0 ? "" : "; **" + warnings
                + " link" + (warnings == 1 ? "" : "s") + " with a cause after its effect**"));
        List<Annotation> key = notes.stream().filter(a -> a.severity().compareTo(NoteSeverity.WARNING) >= 0).toList();
        if (!key.isEmpty()) {
            line("");
            line("What matters most:");
            line("");
            for (Annotation a : key) {
                line("- " + a.severity().key() + ": " + inline(a.note()) + " (" + a.id() + ", " + times.clock(a.target().startNanos(), hostOf(a))
                        + ")");
            }
        }
        line("");
    }

    private void impact() {
        line("## Impact window");
        line("");
        if (notes.isEmpty()) {
            line("No notes in this range, so no impact window: annotate the evidence first (`faultline annotate`).");
            line("");
            return;
        }
        List<Annotation> serious = notes.stream().filter(a -> a.severity().compareTo(NoteSeverity.WARNING) >= 0).toList();
        List<Annotation> basis = serious.isEmpty() ? notes : serious;
        long from = basis.stream().mapToLong(a -> a.target().startNanos()).min().orElseThrow();
        long to = basis.stream().mapToLong(a -> a.target().endNanos()).max().orElseThrow();
        line(times.full(from, null) + " → " + times.full(to, null) + " (" + ReportTimes.duration(to - from) + "), from the first to the"
                + " last " + (serious.isEmpty() ? "annotated item" : "item noted as warning or critical") + ".");
        line("");
    }

    private void timeline() {
        line("## Timeline");
        line("");
        if (notes.isEmpty()) {
            line("No annotated items.");
            line("");
            return;
        }
        line("| Time | Host | Severity | Item | Note | Tags | Author |");
        line("|---|---|---|---|---|---|---|");
        for (Annotation a : notes) {
            String host = hostOf(a);
            line("| " + times.full(a.target().startNanos(), host) + " | " + cell(host == null ? "" : host) + " | " + a.severity().key() + " | "
                    + cell(item(a)) + " | " + cell(a.note()) + " | " + cell(String.join(", ", a.tags())) + " | " + cell(a.author()) + " |");
        }
        line("");
    }

    private void chain(List<CausalCheck.Finding> findings) {
        line("## Causal chain");
        line("");
        if (links.isEmpty()) {
            line("No links between the notes yet (`faultline link`).");
            line("");
            return;
        }
        Map<String, CausalCheck.Finding> byLink = new HashMap<>();
        findings.forEach(f -> byLink.put(f.link().id(), f));
        for (CausalLink l : links) {
            Annotation from = byId.get(l.fromId());
            Annotation to = byId.get(l.toId());
            line("- " + node(from) + " —" + l.type().label() + "→ " + node(to) + (l.note().isBlank() ? "" : ": _" + inline(l.note()) + "_"));
            CausalCheck.Finding f = byLink.get(l.id());
            if (f != null && f.verdict() != CausalCheck.Verdict.IN_ORDER) {
                line("  - " + (f.warning() ? "**Warning:** " : "Note: ") + inline(f.message()));
            }
        }
        if (links.stream().anyMatch(l -> l.type() == LinkType.RULED_OUT)) {
            line("");
            line("_\"ruled out\" links record a cause that was considered and rejected._");
        }
        line("");
    }

    private void evidence() {
        line("## Evidence");
        line("");
        if (notes.isEmpty()) {
            line("Nothing annotated.");
            line("");
            return;
        }
        for (Annotation a : notes) {
            line("### " + a.id() + " · " + times.full(a.target().startNanos(), hostOf(a)) + " · " + inline(item(a)));
            line("");
            quote(a.note());
            line("");
            switch (a.target()) {
                case AnnotationTarget.OnEvent e -> eventEvidence(e);
                case AnnotationTarget.OnSpan s -> spanEvidence(s);
                case AnnotationTarget.OnSeriesPoint p -> pointEvidence(p);
                case AnnotationTarget.OnRange r -> rangeEvidence(r);
            }
            line("");
        }
    }

    private void eventEvidence(AnnotationTarget.OnEvent on) {
        Event e = Targets.findEvent(ev, on.eventId());
        if (e == null) {
            line("The event " + code(on.eventId()) + " is not in this capture's evidence.");
            return;
        }
        fence(List.of(logLine(e)));
        line("");
        line("From " + code(e.origin() == null ? e.id() : e.origin().entry()) + (e.origin() == null ? "" : " line " + e.origin().line())
                + ", as written: " + code(e.timeText()));
    }

    private void spanEvidence(AnnotationTarget.OnSpan on) {
        Span s = Targets.findSpan(ev, on.spanId());
        if (s == null) {
            line("The " + Targets.describe(on.kind()) + " " + code(on.spanId()) + " is not in this capture's evidence.");
            return;
        }
        Container c = container(s.containerId());
        String who = c == null ? (s.containerId() == null ? "" : " of container " + code(s.containerId())) : " of container " + inline(c.label());
        line("- " + (s.kind() == SpanKind.HEALTHCHECK_RUN ? "Healthcheck run" : "Container up") + who + ": " + times.full(s.startNanos(), s.host())
                + " → " + times.clock(s.endNanos(), s.host()) + " (" + ReportTimes.duration(s.durationNanos()) + ")");
        line("- Exit code: " + (s.exitCode() == null ? "unknown" : s.exitCode() == -1 && s.kind() == SpanKind.HEALTHCHECK_RUN
                ? "-1 (the probe never returned)" : s.exitCode().toString()));
        if (c != null && c.healthcheck() != null && s.kind() == SpanKind.HEALTHCHECK_RUN) {
            line("- Healthcheck: every " + ReportTimes.duration(c.healthcheck().intervalNanos()) + ", timeout "
                    + ReportTimes.duration(c.healthcheck().timeoutNanos()) + ", " + c.healthcheck().retries() + " retries");
        }
        if (!s.output().isBlank()) {
            line("");
            line("Output:");
            line("");
            fence(s.output().lines().toList());
        }
    }

    private void pointEvidence(AnnotationTarget.OnSeriesPoint p) {
        Series s = ev.series().stream().filter(x -> x.host().equals(p.host()) && x.device().equals(p.device()) && x.metric().equals(p.metric()))
                .findFirst().orElse(null);
        String unit = s == null || s.unit() == null ? "" : " " + s.unit();
        line("- " + inline(p.device() + " " + p.metric()) + " on " + inline(p.host()) + " = " + number(p.value()) + unit);
        if (s == null) {
            return;
        }
        int at = -1;
        for (int i = 0; i < s.size() && at < 0; i++) {
            if (s.timeAt(i) == p.startNanos()) {
                at = i;
            }
        }
        if (at < 0) {
            return;
        }
        line("");
        line("| Time | " + inline(p.metric()) + " |");
        line("|---|---|");
        for (int i = Math.max(0, at - POINT_NEIGHBOURS); i <= Math.min(s.size() - 1, at + POINT_NEIGHBOURS); i++) {
            String v = number(s.valueAt(i)) + unit;
            line("| " + times.full(s.timeAt(i), s.host()) + " | " + (i == at ? "**" + v + "**" : v) + " |");
        }
    }

    private void rangeEvidence(AnnotationTarget.OnRange r) {
        TimeWindow w = new TimeWindow(r.startNanos(), r.endNanos() == r.startNanos() ? r.endNanos() + 1 : r.endNanos());
        List<Event> in = ev.events() instanceof EventTable t ? t.within(w) : ev.events().stream().filter(e -> w.contains(e.timeNanos())).toList();
        line("- " + ReportTimes.duration(r.endNanos() - r.startNanos()) + ", " + in.size() + " event" + (in.size() == 1 ? "" : "s") + " in it");
        for (Series s : ev.series()) {
            double max = Double.NEGATIVE_INFINITY;
            long maxAt = 0;
            int n = 0;
            for (int i = 0; i < s.size(); i++) {
                if (s.timeAt(i) >= r.startNanos() && s.timeAt(i) <= r.endNanos() && Double.isFinite(s.valueAt(i))) {
                    n++;
                    if (s.valueAt(i) > max) {
                        max = s.valueAt(i);
                        maxAt = s.timeAt(i);
                    }
                }
            }
            if (n > 0) {
                line("- " + inline(s.host() + " " + s.name()) + ": highest " + number(max) + (s.unit() == null ? "" : " " + s.unit()) + " at "
                        + times.clock(maxAt, s.host()) + " (" + n + " sample" + (n == 1 ? "" : "s") + ")");
            }
        }
        if (in.isEmpty()) {
            return;
        }
        List<Event> shown = in.stream().sorted(Comparator.comparingInt((Event e) -> e.severity().ordinal()).thenComparingLong(Event::timeNanos))
                .limit(RANGE_LINES).sorted(Comparator.comparingLong(Event::timeNanos)).toList();
        line("");
        line(in.size() > shown.size() ? "The " + shown.size() + " most severe lines:" : "The lines:");
        line("");
        fence(shown.stream().map(this::logLine).toList());
    }

    private String logLine(Event e) {
        return times.full(e.timeNanos(), e.host()) + " " + e.host() + " " + e.who() + " " + e.severity().name() + ": " + e.message();
    }

    private String item(Annotation a) {
        return switch (a.target()) {
            case AnnotationTarget.OnEvent e -> {
                Event found = Targets.findEvent(ev, e.eventId());
                yield "log line" + (found == null ? "" : " · " + found.who());
            }
            case AnnotationTarget.OnSpan s -> {
                Span found = Targets.findSpan(ev, s.spanId());
                Container c = found == null ? null : container(found.containerId());
                SpanKind kind = s.kind() != null ? s.kind() : found == null ? null : found.kind();
                yield Targets.describe(kind) + (c == null ? "" : " · " + c.label()) + (found == null || found.exitCode() == null ? ""
                        : " · exit " + found.exitCode());
            }
            case AnnotationTarget.OnSeriesPoint p -> "series point · " + p.device() + " " + p.metric() + " = " + number(p.value());
            case AnnotationTarget.OnRange r -> "range · " + ReportTimes.duration(r.endNanos() - r.startNanos());
        };
    }

    private String hostOf(Annotation a) {
        return Targets.host(a.target(), ev);
    }

    private Container container(String id) {
        if (id == null) {
            return null;
        }
        return ev.containers().stream().filter(c -> c.id().startsWith(id) || id.startsWith(c.id())).findFirst().orElse(null);
    }

    private String node(Annotation a) {
        return "**" + a.id() + "** (" + times.clock(a.target().startNanos(), hostOf(a)) + ") " + inline(abbreviate(a.note()));
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() <= 80 ? one : one.substring(0, 79) + "…";
    }

    private static String count(long n, String what) {
        return String.format(Locale.ROOT, "%,d %s%s", n, what, n == 1 ? "" : "s");
    }

    static String number(double v) {
        if (!Double.isFinite(v)) {
            return "no value";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.2f", v).replaceAll("0+$", "");
    }

    private void quote(String text) {
        for (String l : text.split("\\R", -1)) {
            line("> " + inline(l));
        }
    }

    /** A code block whose fence is longer than any run of backticks in the text, so the text cannot close it. */
    private void fence(List<String> lines) {
        int longest = 0;
        for (String l : lines) {
            int run = 0;
            for (int i = 0; i < l.length(); i++) {
                run = l.charAt(i) == '`' ? run + 1 : 0;
                longest = Math.max(longest, run);
            }
        }
        String f = "`".repeat(Math.max(3, longest + 1));
        line(f + "text");
        lines.forEach(l -> l.lines().forEach(this::line));
        line(f);
    }

    /** Inline code, with a backtick run longer than any inside. */
    private static String code(String text) {
        String t = text.replaceAll("\\R", " ");
        int longest = 0;
        int run = 0;
        for (int i = 0; i < t.length(); i++) {
            run = t.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String ticks = "`".repeat(longest + 1);
        return ticks + (longest > 0 ? " " + t + " " : t) + ticks;
    }

    /** Text in a paragraph: Markdown and HTML punctuation escaped, line breaks as spaces. */
    static String inline(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\', '`', '*', '_', '[', ']', '#', '|', '~' -> sb.append('\\').append(c);
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '\r', '\n', '\u2028', '\u2029' -> sb.append(' ');
                default -> sb.append(c < 0x20 || c == 0x7f ? ' ' : c);
            }
        }
        return sb.toString();
    }

    /** A table cell: as inline text ({@code |} escaped, so a cell cannot break the table). */
    private static String cell(String text) {
        return inline(text);
    }

    private void line(String s) {
        md.append(s).append('\n');
    }
}
