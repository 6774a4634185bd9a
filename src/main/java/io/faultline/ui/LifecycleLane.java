package io.faultline.ui;

import io.faultline.analysis.ContainerLifecycle;
import io.faultline.model.EpochNanos;
import io.faultline.model.Span;
import io.faultline.model.TimeWindow;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * One row per container ({@link ContainerLifecycle}): its up periods as bars and its state changes as markers (create,
 * start, restart, health status, kill, die, oom, stop, destroy), markers read from docker inspect drawn hollow. Hover
 * names the marker or the up period; clicking a marker of a docker event selects that event in the log table.
 */
final class LifecycleLane extends TimePane {
    static final double ROW = 26;
    static final double LEGEND = 20;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS xxx");
    private final HoverTip tip;

    LifecycleLane(InvestigationState state, WorkbenchData data, WorkbenchActions actions) {
        super(state, data, actions);
        getStyleClass().add("lifecycle-lane");
        double h = Math.max(1, data.lifecycle().size()) * ROW + LEGEND;
        setPrefHeight(h);
        setMinHeight(h);
        setMaxHeight(h);
        tip = new HoverTip(canvas, this::describeAt, this::redraw);
    }

    HoverTip tip() {
        return tip;
    }

    Color colour(ContainerLifecycle.Kind k) {
        return switch (k) {
            case CREATE, STOP, DESTROY -> palette().lifeCreate();
            case START, RESTART -> palette().lifeStart();
            case HEALTH -> palette().lifeHealth();
            case KILL -> palette().lifeKill();
            case DIE -> palette().lifeDie();
            case OOM -> palette().lifeOom();
        };
    }

    /** The marker nearest (x, y) within 5 px in its row, or null. */
    ContainerLifecycle.Marker markerAt(double x, double y) {
        int row = (int) (y / ROW);
        if (row < 0 || row >= data.lifecycle().size() || !inPlot(x)) {
            return null;
        }
        ContainerLifecycle.Marker best = null;
        double bestDist = 5;
        for (ContainerLifecycle.Marker m : data.lifecycle().get(row).markers()) {
            double d = Math.abs(x(m.timeNanos()) - x);
            if (d < bestDist || (d == bestDist && best != null && m.kind().ordinal() > best.kind().ordinal())) {
                best = m;
                bestDist = d;
            }
        }
        return best;
    }

    private Span upAt(double x, double y) {
        int row = (int) (y / ROW);
        if (row < 0 || row >= data.lifecycle().size() || !inPlot(x)) {
            return null;
        }
        long t = time(x);
        for (Span s : data.lifecycle().get(row).up()) {
            if (t >= s.startNanos() && t <= s.endNanos()) {
                return s;
            }
        }
        return null;
    }

    /** Centre of a marker, for tests. */
    double[] markerCentre(int row, ContainerLifecycle.Marker m) {
        return new double[]{x(m.timeNanos()), row * ROW + ROW / 2};
    }

    String describeAt(double x, double y) {
        ContainerLifecycle.Marker m = markerAt(x, y);
        int row = (int) (y / ROW);
        if (m != null) {
            ContainerLifecycle.Row r = data.lifecycle().get(row);
            return r.label() + "  " + m.label() + "\n" + TIME.format(EpochNanos.toInstant(m.timeNanos()).atZone(zoneOf(m.eventIndex() >= 0 ? data.index().event(m.eventIndex()).host() : null)))
                    + (m.fromInspect() ? "\nfrom docker inspect: no docker event covers it" : "");
        }
        Span up = upAt(x, y);
        if (up != null) {
            return data.lifecycle().get(row).label() + "  up " + Durations.compact(up.durationNanos()) + "\n"
                    + TIME.format(EpochNanos.toInstant(up.startNanos()).atZone(zoneOf(up.host()))) + " → "
                    + TIME.format(EpochNanos.toInstant(up.endNanos()).atZone(zoneOf(up.host()))) + "\n" + up.output();
        }
        return null;
    }

    @Override
    protected void onClick(MouseEvent e) {
        ContainerLifecycle.Marker m = markerAt(e.getX(), e.getY());
        if (m != null && !m.fromInspect()) {
            state.selectEvent(m.eventIndex(), data.index().event(m.eventIndex()));
        } else {
            state.setCursor(m != null ? m.timeNanos() : time(e.getX()));
        }
        tip.pin(e);
    }

    @Override
    protected void drawContent(GraphicsContext g, double w, double h) {
        TimeWindow r = state.visibleRange();
        List<ContainerLifecycle.Row> rows = data.lifecycle();
        for (int i = 0; i < rows.size(); i++) {
            double top = i * ROW;
            if (i % 2 == 1) {
                g.setFill(palette().rowShade());
                g.fillRect(GUTTER, top, plotWidth(), ROW);
            }
            g.setStroke(palette().grid());
            g.setLineWidth(1);
            g.strokeLine(GUTTER, top + ROW - 0.5, GUTTER + plotWidth(), top + ROW - 0.5);
            for (Span s : rows.get(i).up()) {
                if (s.endNanos() < r.fromNanos() || s.startNanos() > r.toNanos()) {
                    continue;
                }
                double x0 = Math.max(GUTTER - 2, x(s.startNanos()));
                double x1 = Math.min(GUTTER + plotWidth() + 2, x(s.endNanos()));
                g.setFill(palette().upPeriod());
                g.fillRect(x0, top + 8, Math.max(1, x1 - x0), ROW - 16);
                g.setStroke(palette().upPeriodEdge());
                g.strokeRect(x0 + 0.5, top + 8.5, Math.max(1, x1 - x0 - 1), ROW - 17);
            }
            for (ContainerLifecycle.Marker m : rows.get(i).markers()) {
                if (m.timeNanos() < r.fromNanos() || m.timeNanos() > r.toNanos()) {
                    continue;
                }
                double x = x(m.timeNanos());
                Color c = colour(m.kind());
                g.setStroke(c);
                g.setFill(c);
                g.setLineWidth(1.5);
                g.strokeLine(x, top + 3, x, top + ROW - 3);
                double[] xs = {x, x + 4.5, x, x - 4.5};
                double[] ys = {top + 3, top + 7.5, top + 12, top + 7.5};
                if (m.fromInspect()) {
                    g.strokePolygon(xs, ys, 4);
                } else {
                    g.fillPolygon(xs, ys, 4);
                }
            }
        }
    }

    @Override
    protected void drawGutter(GraphicsContext g, double h) {
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        List<ContainerLifecycle.Row> rows = data.lifecycle();
        for (int i = 0; i < rows.size(); i++) {
            ContainerLifecycle.Row row = rows.get(i);
            g.setFont(palette().bold());
            g.setFill(palette().text());
            g.fillText(ellipsize(row.label(), 16), 12, i * ROW + ROW / 2);
            long dies = row.markers().stream().filter(m -> m.kind() == ContainerLifecycle.Kind.DIE).count();
            g.setFont(palette().small());
            g.setFill(dies > 0 ? palette().lifeDie() : palette().textDim());
            g.setTextAlign(TextAlignment.RIGHT);
            g.fillText(dies + " die", GUTTER - 8, i * ROW + ROW / 2);
            g.setTextAlign(TextAlignment.LEFT);
        }
        double y = h - LEGEND / 2;
        g.setStroke(palette().grid());
        g.setLineWidth(1);
        g.strokeLine(0, h - LEGEND + 0.5, getWidth(), h - LEGEND + 0.5);
        g.setFont(palette().small());
        g.setFill(palette().textDim());
        g.fillText("Containers", 12, y);
        double x = GUTTER + 8;
        for (Object[] item : new Object[][]{{palette().upPeriodEdge(), "up"}, {palette().lifeCreate(), "create/stop/destroy"},
                {palette().lifeStart(), "start/restart"}, {palette().lifeHealth(), "health status"}, {palette().lifeKill(), "kill"},
                {palette().lifeDie(), "die"}, {palette().lifeOom(), "oom"}, {palette().textDim(), "hollow: from inspect"}}) {
            g.setFill((Color) item[0]);
            g.fillRect(x, y - 4, 10, 9);
            g.setFill(palette().textDim());
            g.fillText((String) item[1], x + 14, y);
            x += 28 + ((String) item[1]).length() * 6.2;
        }
    }
}
