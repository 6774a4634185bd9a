package io.faultline.export;

import io.faultline.annotate.CausalCheck;
import io.faultline.model.Annotation;
import io.faultline.model.AnnotationLayer;
import io.faultline.model.CausalLink;
import io.faultline.model.Evidence;
import io.faultline.model.LinkType;
import io.faultline.model.NoteSeverity;
import io.faultline.model.TimeWindow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the chain graph puts things, in pixels, for the SVG and the PNG alike: the notes in time order left to right
 * as boxes on one row; a link between neighbours as a straight arrow, a link that skips notes as an arc above the row,
 * and a link whose cause lies later than its effect as an arc below it. Each link carries the time-order verdict of
 * {@link CausalCheck}.
 */
final class ChainLayout {
    static final double BOX_W = 232;
    static final double BOX_H = 78;
    static final double GAP = 110;
    static final double MARGIN = 24;
    static final double TITLE_H = 34;

    record Node(Annotation note, double x, double y, String time) {
        double centerX() {
            return x + BOX_W / 2;
        }
    }

    /**
     * @param above true for an arc over the row (a link that skips notes forward), false for one under it (backwards)
     * @param lift  how far the arc leaves the row's edge; 0 for a straight arrow between neighbours
     */
    record Edge(CausalLink link, Node from, Node to, boolean above, double lift, CausalCheck.Finding finding) {
        boolean warning() {
            return finding != null && finding.warning();
        }
    }

    final List<Node> nodes = new ArrayList<>();
    final List<Edge> edges = new ArrayList<>();
    final double width;
    final double height;
    final double rowY;

    ChainLayout(Evidence ev, AnnotationLayer ann, TimeWindow window, ReportTimes times) {
        List<Annotation> notes = ann.annotations().stream().filter(a -> window.overlaps(a.target().startNanos(), a.target().endNanos()))
                .sorted(Comparator.comparingLong((Annotation a) -> a.target().startNanos()).thenComparing(Annotation::id)).toList();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < notes.size(); i++) {
            index.put(notes.get(i).id(), i);
        }
        List<CausalLink> links = ann.links().stream().filter(l -> index.containsKey(l.fromId()) && index.containsKey(l.toId())).toList();
        int maxSkipAbove = 0;
        int maxSkipBelow = 0;
        for (CausalLink l : links) {
            int d = index.get(l.toId()) - index.get(l.fromId());
            if (d > 1) {
                maxSkipAbove = Math.max(maxSkipAbove, d);
            } else if (d < 0) {
                maxSkipBelow = Math.max(maxSkipBelow, -d);
            }
        }
        double arcAbove = maxSkipAbove == 0 ? 0 : 30 + 22 * maxSkipAbove;
        double arcBelow = maxSkipBelow == 0 ? 0 : 30 + 22 * maxSkipBelow;
        rowY = MARGIN + TITLE_H + arcAbove + 10;
        for (int i = 0; i < notes.size(); i++) {
            Annotation a = notes.get(i);
            nodes.add(new Node(a, MARGIN + i * (BOX_W + GAP), rowY, times.clock(a.target().startNanos(), null)));
        }
        Map<String, CausalCheck.Finding> findings = new HashMap<>();
        CausalCheck.check(new AnnotationLayer(ann.version(), notes, links), ev).forEach(f -> findings.put(f.link().id(), f));
        for (CausalLink l : links) {
            int from = index.get(l.fromId());
            int to = index.get(l.toId());
            int d = to - from;
            boolean above = d >= 0;
            double lift = d == 1 ? 0 : 30 + 22 * Math.abs(d);
            edges.add(new Edge(l, nodes.get(from), nodes.get(to), above, lift, findings.get(l.id())));
        }
        width = Math.max(420, MARGIN * 2 + Math.max(1, notes.size()) * BOX_W + Math.max(0, notes.size() - 1) * GAP);
        height = rowY + BOX_H + arcBelow + 16 + MARGIN;
    }

    /** Colours of the light report theme, shared by the SVG and the PNG. */
    static String severityColour(NoteSeverity s) {
        return switch (s) {
            case INFO -> "#0969da";
            case NOTICE -> "#1a7f37";
            case WARNING -> "#bc4c00";
            case CRITICAL -> "#cf222e";
        };
    }

    static String linkColour(LinkType t, boolean warning) {
        if (warning) {
            return "#cf222e";
        }
        return switch (t) {
            case CAUSES -> "#8250df";
            case CONTRIBUTES_TO -> "#bf3989";
            case PRECEDES -> "#57606a";
            case RULED_OUT -> "#8c959f";
        };
    }

    /** The note's text cut into at most {@code lines} lines of about {@code chars} characters, the last ending in "…" when cut. */
    static List<String> wrap(String text, int chars, int lines) {
        String[] words = text.replaceAll("\\s+", " ").strip().split(" ");
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            String w = words[i].length() > chars ? words[i].substring(0, chars - 1) + "…" : words[i];
            if (!line.isEmpty() && line.length() + 1 + w.length() > chars) {
                out.add(line.toString());
                line.setLength(0);
                if (out.size() == lines) {
                    String last = out.removeLast();
                    out.add((last.length() > chars - 1 ? last.substring(0, chars - 1) : last) + "…");
                    return out;
                }
            }
            line.append(line.isEmpty() ? "" : " ").append(w);
        }
        if (!line.isEmpty()) {
            out.add(line.toString());
        }
        return out;
    }
}
