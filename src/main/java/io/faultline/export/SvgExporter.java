package io.faultline.export;

import io.faultline.model.Annotation;
import io.faultline.model.AnnotationLayer;
import io.faultline.model.AnnotationTarget;
import io.faultline.model.Container;
import io.faultline.model.EpochNanos;
import io.faultline.model.Event;
import io.faultline.model.EventTable;
import io.faultline.model.Evidence;
import io.faultline.model.Series;
import io.faultline.model.Severity;
import io.faultline.model.Span;
import io.faultline.model.SpanKind;
import io.faultline.model.TimeWindow;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the annotated timeline as one standalone SVG 1.1 document (light theme, no scripts, no external references):
 * {@link View#TIMELINE} draws the time axis, the event histogram, a healthcheck lane and an up-period lane per
 * container, one lane per series, the notes (a line at an instant, a band over a range) and the links between them,
 * then the chain graph under it; {@link View#CHAIN} draws the chain graph alone. Each lane is a
 * {@code <g class="lane" data-lane="…">}, each note a {@code <g class="note" data-id="…">} holding its text, each link a
 * {@code <g class="link" data-id="…">}, so the picture can be searched and styled. The stream is flushed, not closed.
 */
public final class SvgExporter {
    /** What to draw. */
    public enum View { TIMELINE, CHAIN }

    static final double WIDTH = 1600;
    static final double LABEL_W = 190;
    static final double RIGHT = 20;
    static final double LANE_H = 34;
    static final double HISTOGRAM_H = 60;
    static final double SERIES_H = 46;
    static final int BUCKETS = 300;
    private static final long[] STEPS_S = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400,
            2 * 86400, 7 * 86400, 14 * 86400, 28 * 86400, 91 * 86400, 365 * 86400};

    private final Evidence ev;
    private final AnnotationLayer ann;
    private final TimeWindow w;
    private final ReportTimes times;
    private final String title;
    private final StringBuilder svg = new StringBuilder(1 << 16);
    private final Map<String, Double> noteX = new LinkedHashMap<>();

    private SvgExporter(Evidence ev, AnnotationLayer ann, ExportOptions o) {
        this.ev = ev;
        this.ann = ann;
        this.w = o.range() == null ? ev.window() : o.range();
        this.times = new ReportTimes(ev);
        this.title = o.title();
    }

    public static void export(Evidence ev, AnnotationLayer ann, ExportOptions o, View view, OutputStream out) throws IOException {
        if ((o.range() == null ? ev.window() : o.range()) == null) {
            throw new IllegalArgumentException("nothing to export: the evidence has no time window and no range was given");
        }
        SvgExporter s = new SvgExporter(ev, ann, o);
        if (view == View.CHAIN) {
            s.chainOnly();
        } else {
            s.timeline();
        }
        Writer wr = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        wr.write(s.svg.toString());
        wr.flush();
    }

    private void chainOnly() {
        ChainLayout chain = new ChainLayout(ev, ann, w, times);
        open(chain.width, chain.height);
        chain(chain, 0);
        close();
    }

    /** The lanes and the chain are drawn first, then put in a document as high as they turned out. */
    private void timeline() {
        ChainLayout chain = new ChainLayout(ev, ann, w, times);
        double top = axis(50);
        double y = histogram(top);
        for (Container c : ev.containers()) {
            y = spanLane(y, c, SpanKind.HEALTHCHECK_RUN, "health");
            y = spanLane(y, c, SpanKind.CONTAINER_UP, "up");
        }
        for (Series s : ev.series()) {
            y = seriesLane(y, s);
        }
        double chainTop = notes(chain, top, y) + 20;
        chain(chain, chainTop);
        String body = svg.toString();
        svg.setLength(0);
        open(Math.max(WIDTH, chain.width), chainTop + chain.height);
        text(20, 30, "title", esc(title) + " · " + esc(times.full(w.fromNanos(), null)) + " → " + esc(times.full(w.toNanos(), null)));
        svg.append(body);
        close();
    }

    private double x(long nanos) {
        double f = (nanos - w.fromNanos()) / (double) Math.max(1, w.lengthNanos());
        return LABEL_W + Math.max(0, Math.min(1, f)) * (WIDTH - LABEL_W - RIGHT);
    }

    private double axis(double y) {
        long span = Math.max(1, w.lengthNanos());
        long step = STEPS_S[STEPS_S.length - 1] * 1_000_000_000L;
        for (long s : STEPS_S) {
            if (span / (s * 1_000_000_000L) <= 12) {
                step = s * 1_000_000_000L;
                break;
            }
        }
        ZoneId zone = times.zoneOf(null);
        DateTimeFormatter f = DateTimeFormatter.ofPattern(step >= 86_400_000_000_000L ? "yyyy-MM-dd" : step >= 60_000_000_000L ? "HH:mm" : "HH:mm:ss",
                Locale.ROOT);
        svg.append("<g class=\"lane\" data-lane=\"axis\">\n");
        laneLabel(y + 14, "time (" + zone.getId() + ", UTC" + EpochNanos.toInstant(w.fromNanos()).atZone(zone).getOffset().getId()
                .replace("Z", "+00:00") + ")");
        long offsetNanos = EpochNanos.toInstant(w.fromNanos()).atZone(zone).getOffset().getTotalSeconds() * 1_000_000_000L;
        long first = Math.floorDiv(w.fromNanos() + offsetNanos + step - 1, step) * step - offsetNanos;
        for (long t = first; t <= w.toNanos(); t += step) {
            double tx = x(t);
            if (tx < LABEL_W + 24) {
                continue;
            }
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#d0d7de\"/>\n", tx, y + 20, tx, y + 26));
            text(tx, y + 14, "tick", esc(f.format(EpochNanos.toInstant(t).atZone(zone))), "middle");
        }
        svg.append("</g>\n");
        return y + 30;
    }

    private double histogram(double y) {
        long[] all = new long[BUCKETS];
        long[] bad = new long[BUCKETS];
        long[] warn = new long[BUCKETS];
        List<Event> in = ev.events() instanceof EventTable t ? t.within(w) : ev.events().stream().filter(e -> w.contains(e.timeNanos())).toList();
        double width = Math.max(1, w.lengthNanos()) / (double) BUCKETS;
        for (Event e : in) {
            int b = (int) Math.min(BUCKETS - 1, (e.timeNanos() - w.fromNanos()) / width);
            all[b]++;
            if (e.severity().isError()) {
                bad[b]++;
            } else if (e.severity() == Severity.WARNING) {
                warn[b]++;
            }
        }
        long max = 1;
        for (long a : all) {
            max = Math.max(max, a);
        }
        svg.append("<g class=\"lane\" data-lane=\"events\">\n");
        band(y, HISTOGRAM_H);
        laneLabel(y + HISTOGRAM_H / 2 + 4, String.format(Locale.ROOT, "events (%,d)", in.size()));
        double bw = (WIDTH - LABEL_W - RIGHT) / BUCKETS;
        for (int b = 0; b < BUCKETS; b++) {
            if (all[b] == 0) {
                continue;
            }
            double bx = LABEL_W + b * bw;
            double h = (HISTOGRAM_H - 6) * all[b] / max;
            double he = (HISTOGRAM_H - 6) * bad[b] / max;
            double hw = (HISTOGRAM_H - 6) * warn[b] / max;
            double base = y + HISTOGRAM_H - 2;
            rect(bx, base - h, bw, h - he - hw, "#8c959f", null);
            rect(bx, base - he - hw, bw, hw, "#d4a72c", null);
            rect(bx, base - he, bw, he, "#cf222e", null);
        }
        svg.append("</g>\n");
        return y + HISTOGRAM_H + 4;
    }

    private double spanLane(double y, Container c, SpanKind kind, String prefix) {
        List<Span> spans = ev.spans().stream().filter(s -> s.kind() == kind && sameContainer(c, s.containerId())
                && w.overlaps(s.startNanos(), s.endNanos())).toList();
        if (spans.isEmpty()) {
            return y;
        }
        svg.append("<g class=\"lane\" data-lane=\"").append(esc(prefix + ":" + c.label())).append("\">\n");
        band(y, LANE_H);
        laneLabel(y + LANE_H / 2 + 4, (kind == SpanKind.HEALTHCHECK_RUN ? "health · " : "up · ") + c.label());
        for (Span s : spans) {
            double sx = x(s.startNanos());
            double ex = Math.max(sx + 2, x(s.endNanos()));
            String colour = kind == SpanKind.CONTAINER_UP ? "#54aeff" : exitColour(s.exitCode());
            rect(sx, y + 6, ex - sx, LANE_H - 12, colour, (kind == SpanKind.HEALTHCHECK_RUN ? "run " : "up ")
                    + times.full(s.startNanos(), s.host()) + ", " + ReportTimes.duration(s.durationNanos()) + ", exit "
                    + (s.exitCode() == null ? "unknown" : s.exitCode()) + (s.output().isBlank() ? "" : ": " + s.output().strip()));
        }
        svg.append("</g>\n");
        return y + LANE_H + 2;
    }

    private static boolean sameContainer(Container c, String id) {
        return id != null && (c.id().startsWith(id) || id.startsWith(c.id()));
    }

    private static String exitColour(Integer code) {
        if (code == null) {
            return "#6e7781";
        }
        return code == 0 ? "#1a7f37" : code == -1 ? "#8250df" : "#bc4c00";
    }

    private double seriesLane(double y, Series s) {
        List<double[]> points = new ArrayList<>();
        double max = 0;
        for (int i = 0; i < s.size(); i++) {
            if (w.contains(s.timeAt(i)) && Double.isFinite(s.valueAt(i))) {
                points.add(new double[] {x(s.timeAt(i)), s.valueAt(i)});
                max = Math.max(max, s.valueAt(i));
            }
        }
        if (points.isEmpty()) {
            return y;
        }
        String name = s.host() + " " + s.name();
        svg.append("<g class=\"lane\" data-lane=\"").append(esc("series:" + name)).append("\">\n");
        band(y, SERIES_H);
        laneLabel(y + SERIES_H / 2, s.name());
        text(LABEL_W - 8, y + SERIES_H / 2 + 13, "scale", esc("max " + MarkdownExporter.number(max) + (s.unit() == null ? "" : " " + s.unit())), "end");
        StringBuilder path = new StringBuilder();
        double scale = max <= 0 ? 0 : (SERIES_H - 8) / max;
        for (double[] p : points) {
            path.append(path.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "%.1f,%.1f", p[0], y + SERIES_H - 4 - p[1] * scale));
        }
        svg.append("<polyline fill=\"none\" stroke=\"#0f7b85\" stroke-width=\"1.2\" points=\"").append(path).append("\"/>\n");
        svg.append("</g>\n");
        return y + SERIES_H + 2;
    }

    /** Notes over the lanes (line or band), their labels above the axis, the links as arcs between their lines, and a list. */
    private double notes(ChainLayout chain, double top, double bottom) {
        List<Annotation> notes = ann.annotations().stream().filter(a -> w.overlaps(a.target().startNanos(), a.target().endNanos()))
                .sorted(java.util.Comparator.comparingLong((Annotation a) -> a.target().startNanos()).thenComparing(Annotation::id)).toList();
        for (Annotation a : notes) {
            double sx = x(a.target().startNanos());
            double ex = x(a.target().endNanos());
            noteX.put(a.id(), sx);
            String colour = ChainLayout.severityColour(a.severity());
            svg.append("<g class=\"note\" data-id=\"").append(esc(a.id())).append("\" data-severity=\"").append(a.severity().key()).append("\">\n");
            svg.append("<title>").append(esc(a.id() + " · " + a.severity().key() + " · " + a.note())).append("</title>\n");
            if (a.target() instanceof AnnotationTarget.OnRange && ex - sx >= 1) {
                rect(sx, top, ex - sx, bottom - top, colour, null, 0.12);
            }
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1.5\""
                    + " stroke-dasharray=\"4 3\"/>\n", sx, top, sx, bottom, colour));
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\"/>\n", sx, top, colour));
            svg.append("</g>\n");
        }
        double linkRow = bottom + 48;
        int i = 0;
        for (ChainLayout.Edge e : chain.edges) {
            double fx = noteX.get(e.link().fromId());
            double tx = noteX.get(e.link().toId());
            String colour = ChainLayout.linkColour(e.link().type(), e.warning());
            double lift = 12 + 9 * (i++ % 4);
            svg.append("<g class=\"link\" data-id=\"").append(esc(e.link().id())).append("\">\n");
            svg.append("<title>").append(esc(linkTitle(e))).append("</title>\n");
            svg.append(String.format(Locale.ROOT, "<path d=\"M %.1f %.1f Q %.1f %.1f %.1f %.1f\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.6\"%s"
                    + " marker-end=\"url(#arrow-%s)\"/>\n", fx, linkRow, (fx + tx) / 2, linkRow - 2 * lift, tx, linkRow, colour,
                    e.warning() ? " stroke-dasharray=\"5 3\"" : "", e.warning() ? "warn" : e.link().type().name().toLowerCase(Locale.ROOT)));
            text((fx + tx) / 2, linkRow - lift - 3, "link-label", esc((e.warning() ? "⚠ " : "") + e.link().type().label()), "middle");
            svg.append("</g>\n");
        }
        double y = linkRow + 14;
        svg.append("<g class=\"notes-list\">\n");
        for (Annotation a : notes) {
            svg.append("<g class=\"note-text\" data-id=\"").append(esc(a.id())).append("\">");
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"/>", LABEL_W + 4, y - 4,
                    ChainLayout.severityColour(a.severity())));
            text(LABEL_W + 14, y, "note-line", esc(a.id() + "  " + times.full(a.target().startNanos(), null) + "  [" + a.severity().key() + "]  "
                    + one(a.note()) + (a.author().isEmpty() ? "" : "  — " + a.author())));
            svg.append("</g>\n");
            y += 18;
        }
        svg.append("</g>\n");
        return y;
    }

    private static String linkTitle(ChainLayout.Edge e) {
        String base = e.link().id() + ": " + e.link().fromId() + " " + e.link().type().label() + " " + e.link().toId()
                + (e.link().note().isBlank() ? "" : " (" + e.link().note() + ")");
        return e.finding() == null || e.finding().verdict() == io.faultline.annotate.CausalCheck.Verdict.IN_ORDER ? base
                : base + " — " + e.finding().message();
    }

    private void chain(ChainLayout c, double top) {
        svg.append(String.format(Locale.ROOT, "<g class=\"chain\" transform=\"translate(0 %.1f)\">\n", top));
        text(ChainLayout.MARGIN, ChainLayout.MARGIN + 14, "heading", "Causal chain" + (c.nodes.isEmpty() ? ": no notes in this range" : ""));
        for (ChainLayout.Edge e : c.edges) {
            String colour = ChainLayout.linkColour(e.link().type(), e.warning());
            double fy = c.rowY + (e.above() ? 0 : ChainLayout.BOX_H);
            String d;
            double lx;
            double ly;
            if (e.lift() == 0) {
                double y = c.rowY + ChainLayout.BOX_H / 2;
                d = String.format(Locale.ROOT, "M %.1f %.1f L %.1f %.1f", e.from().x() + ChainLayout.BOX_W, y, e.to().x() - 2, y);
                lx = (e.from().x() + ChainLayout.BOX_W + e.to().x()) / 2;
                ly = y - 8;
            } else {
                double sign = e.above() ? -1 : 1;
                double fx = e.from().centerX();
                double tx = e.to().centerX();
                d = String.format(Locale.ROOT, "M %.1f %.1f C %.1f %.1f %.1f %.1f %.1f %.1f", fx, fy, fx, fy + sign * e.lift() * 1.3,
                        tx, fy + sign * e.lift() * 1.3, tx, fy);
                lx = (fx + tx) / 2;
                ly = fy + sign * e.lift() + (e.above() ? -4 : 12);
            }
            svg.append("<g class=\"chain-link\" data-id=\"").append(esc(e.link().id())).append("\">\n");
            svg.append("<title>").append(esc(linkTitle(e))).append("</title>\n");
            svg.append("<path d=\"").append(d).append("\" fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"1.8\"")
                    .append(e.warning() ? " stroke-dasharray=\"6 4\"" : "").append(" marker-end=\"url(#arrow-")
                    .append(e.warning() ? "warn" : e.link().type().name().toLowerCase(Locale.ROOT)).append(")\"/>\n");
            text(lx, ly, "link-label", esc((e.warning() ? "⚠ " : "") + e.link().type().label()), "middle");
            svg.append("</g>\n");
        }
        for (ChainLayout.Node n : c.nodes) {
            Annotation a = n.note();
            String colour = ChainLayout.severityColour(a.severity());
            svg.append("<g class=\"chain-node\" data-id=\"").append(esc(a.id())).append("\">\n");
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"6\" fill=\"#ffffff\" stroke=\"%s\""
                    + " stroke-width=\"1.5\"/>\n", n.x(), n.y(), ChainLayout.BOX_W, ChainLayout.BOX_H, colour));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"5\" height=\"%.1f\" fill=\"%s\"/>\n", n.x(), n.y(),
                    ChainLayout.BOX_H, colour));
            text(n.x() + 12, n.y() + 17, "node-head", esc(a.id() + " · " + n.time() + " · " + a.severity().key()));
            double ty = n.y() + 35;
            for (String l : ChainLayout.wrap(a.note(), 30, 3)) {
                text(n.x() + 12, ty, "node-text", esc(l));
                ty += 15;
            }
            svg.append("</g>\n");
        }
        svg.append("</g>\n");
    }

    private void open(double width, double height) {
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%.0f\" height=\"%.0f\""
                + " viewBox=\"0 0 %.0f %.0f\">\n", width, height, width, height));
        svg.append("<title>").append(esc(title)).append("</title>\n");
        svg.append("<defs>\n");
        for (io.faultline.model.LinkType t : io.faultline.model.LinkType.values()) {
            marker(t.name().toLowerCase(Locale.ROOT), ChainLayout.linkColour(t, false));
        }
        marker("warn", ChainLayout.linkColour(io.faultline.model.LinkType.CAUSES, true));
        svg.append("</defs>\n");
        svg.append("<style>text{font-family:'DejaVu Sans',Arial,sans-serif;font-size:12px;fill:#1f2328}"
                + ".title{font-size:16px;font-weight:bold}.heading{font-size:14px;font-weight:bold}.tick,.scale{font-size:11px;fill:#57606a}"
                + ".lane-label{fill:#57606a}.link-label{font-size:11px;fill:#6639ba}.node-head{font-weight:bold;font-size:11px}"
                + ".node-text{font-size:12px}</style>\n");
        svg.append(String.format(Locale.ROOT, "<rect width=\"%.0f\" height=\"%.0f\" fill=\"#ffffff\"/>\n", width, height));
    }

    private void marker(String id, String colour) {
        svg.append("<marker id=\"arrow-").append(id).append("\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\""
                + " orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"").append(colour).append("\"/></marker>\n");
    }

    private void close() {
        svg.append("</svg>\n");
    }

    private void band(double y, double h) {
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#f6f8fa\"/>\n", LABEL_W, y,
                WIDTH - LABEL_W - RIGHT, h));
    }

    private void laneLabel(double y, String label) {
        text(LABEL_W - 8, y, "lane-label", esc(label), "end");
    }

    private void rect(double x, double y, double width, double height, String fill, String tooltip) {
        rect(x, y, width, height, fill, tooltip, 1);
    }

    private void rect(double x, double y, double width, double height, String fill, String tooltip, double opacity) {
        if (height <= 0 || width <= 0) {
            return;
        }
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"%s", x, y, width, height,
                fill, opacity < 1 ? String.format(Locale.ROOT, " fill-opacity=\"%.2f\"", opacity) : ""));
        if (tooltip == null) {
            svg.append("/>\n");
        } else {
            svg.append("><title>").append(esc(tooltip)).append("</title></rect>\n");
        }
    }

    private void text(double x, double y, String cls, String escaped) {
        text(x, y, cls, escaped, null);
    }

    private void text(double x, double y, String cls, String escaped, String anchor) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" class=\"%s\"%s>%s</text>\n", x, y, cls,
                anchor == null ? "" : " text-anchor=\"" + anchor + "\"", escaped));
    }

    private static String one(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() <= 150 ? one : one.substring(0, 149) + "…";
    }

    /**
     * Text for XML content or an attribute: markup characters as entities, and what XML 1.0 cannot hold (control
     * characters other than tab, LF and CR; lone surrogates; U+FFFE and U+FFFF) as U+FFFD.
     */
    static String esc(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                sb.append(c).append(text.charAt(++i));
                continue;
            }
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                case '\t', '\n', '\r' -> sb.append(' ');
                default -> sb.append(c < 0x20 || Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF' ? '\uFFFD' : c);
            }
        }
        return sb.toString();
    }
}
