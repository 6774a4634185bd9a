package io.faultline.ui;

import io.faultline.model.Annotation;
import io.faultline.model.AnnotationLayer;
import io.faultline.model.AnnotationTarget;
import io.faultline.model.TimeWindow;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Control;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Skin;
import javafx.scene.input.MouseEvent;
import javafx.scene.text.TextAlignment;

import java.time.ZoneId;
import java.util.List;

/**
 * A control on the shared time axis: its {@link TimePaneSkin} places the {@link #canvas}, repaints it from the state
 * (listening only while the pane is in a scene) and handles the input: wheel, Ctrl+wheel and pinch zoom around the
 * pointer, drag and horizontal scroll pan, Shift+drag (a plain drag where {@link #brushesOnDrag()}) brushes a range and
 * zooms to it, a right click shows {@link #contextItems} and "Note on visible range…", a click is {@link #onClick}.
 * <p>
 * Subclasses draw: {@link #drawGutter} (row labels) and {@link #drawContent} (clipped to the plot), with {@link #x}
 * and {@link #time} between pixels and instants. The plot starts {@link #GUTTER} pixels from the left and ends
 * {@link #RIGHT} pixels from the right in every pane, so their times line up.
 */
abstract class TimePane extends Control {
    static final double GUTTER = 190;
    static final double RIGHT = 56;
    static final double TICK_SPACING = 96;

    protected final InvestigationState state;
    protected final WorkbenchData data;
    protected final WorkbenchActions actions;
    /** What the pane paints on; the skin places, sizes and paints it. Subclasses may listen to its mouse events. */
    protected final Canvas canvas = new Canvas();
    private Object gesture;

    TimePane(InvestigationState state, WorkbenchData data, WorkbenchActions actions) {
        this.state = state;
        this.data = data;
        this.actions = actions;
        getStyleClass().add("time-pane");
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        return new TimePaneSkin(this);
    }

    /** The colours and fonts of the view's theme: read on every redraw, never kept. */
    protected Palette palette() {
        return state.palette();
    }

    /** The time range the x axis spans: the visible range (the overview overrides it). */
    protected TimeWindow axisRange() {
        return state.visibleRange();
    }

    protected double plotWidth() {
        return Math.max(1, getWidth() - GUTTER - RIGHT);
    }

    protected double x(long nanos) {
        TimeWindow r = axisRange();
        return GUTTER + (nanos - r.fromNanos()) * plotWidth() / (double) r.lengthNanos();
    }

    protected long time(double x) {
        TimeWindow r = axisRange();
        return r.fromNanos() + Math.round((x - GUTTER) / plotWidth() * r.lengthNanos());
    }

    protected boolean inPlot(double x) {
        return x >= GUTTER && x <= GUTTER + plotWidth();
    }

    /** The zone the axis and the grid are in: the chosen one ({@link InvestigationState#zoneChoice()}) for the first host. */
    protected ZoneId zone() {
        return state.zoneChoice().resolve(data.displayZone());
    }

    /** The zone a host's times are shown in under the chosen {@link ZoneChoice}. */
    protected ZoneId zoneOf(String host) {
        return state.zoneChoice().resolve(data.zoneOf(host));
    }

    /** Repaints the canvas from the state; cheap enough for every change. */
    final void redraw() {
        if (getSkin() instanceof TimePaneSkin skin) {
            skin.paint();
        }
    }

    /** The gesture (a drag, a wheel turn, a pinch) under way, for {@link InvestigationState#setVisibleRange(Object, long, long)}. */
    protected Object gesture() {
        return gesture;
    }

    void setGesture(Object g) {
        gesture = g;
    }

    protected void drawGrid(GraphicsContext g, double h) {
        TimeWindow r = axisRange();
        g.setLineWidth(1);
        for (TimeTicks.Tick t : TimeTicks.ticks(r.fromNanos(), r.toNanos(), plotWidth(), TICK_SPACING, zone())) {
            double x = Math.floor(x(t.nanos())) + 0.5;
            g.setStroke(t.major() ? palette().gridMajor() : palette().grid());
            g.strokeLine(x, 0, x, h);
        }
    }

    /** Draws tick labels along the bottom {@code axisHeight} pixels. */
    protected void drawAxisLabels(GraphicsContext g, double h, double axisHeight) {
        TimeWindow r = axisRange();
        g.setFont(palette().small());
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.CENTER);
        double y = h - axisHeight / 2;
        double right = GUTTER + plotWidth();
        for (TimeTicks.Tick t : TimeTicks.ticks(r.fromNanos(), r.toNanos(), plotWidth(), TICK_SPACING, zone())) {
            double x = x(t.nanos());
            double half = t.label().length() * 3.3;
            if (x - half < GUTTER || x + half > right) {
                continue;
            }
            g.setFill(t.major() ? palette().text() : palette().axisText());
            g.fillText(t.label(), x, y);
        }
    }

    protected void drawAnnotations(GraphicsContext g, double h) {
        AnnotationLayer layer = state.annotations();
        if (layer == null) {
            return;
        }
        for (Annotation a : layer.annotations()) {
            AnnotationTarget t = a.target();
            double x0 = x(t.startNanos());
            if (t instanceof AnnotationTarget.OnRange) {
                double x1 = x(t.endNanos());
                g.setFill(palette().noteRange());
                g.fillRect(x0, 0, Math.max(1, x1 - x0), h);
                g.setStroke(palette().note().deriveColor(0, 1, 1, 0.5));
                g.setLineWidth(1);
                g.strokeLine(x0, 0, x0, h);
                g.strokeLine(x1, 0, x1, h);
            } else {
                g.setStroke(palette().note().deriveColor(0, 1, 1, 0.7));
                g.setLineWidth(1);
                g.setLineDashes(4, 3);
                g.strokeLine(Math.floor(x0) + 0.5, 0, Math.floor(x0) + 0.5, h);
                g.setLineDashes();
            }
            g.setFill(palette().note());
            g.fillPolygon(new double[]{x0 - 5, x0 + 5, x0}, new double[]{0, 0, 7}, 3);
            if (state.highlighted().contains(a.id())) {
                drawHighlighted(g, t, h);
            }
        }
    }

    /** A note the causal chain panel selected: its time (or range edges) in solid note colour, 2 px, a larger marker. */
    private void drawHighlighted(GraphicsContext g, AnnotationTarget t, double h) {
        double x0 = x(t.startNanos());
        double x1 = x(t.endNanos());
        g.setStroke(palette().note());
        g.setLineWidth(2);
        if (x1 - x0 >= 1) {
            g.setFill(palette().noteRange());
            g.fillRect(x0, 0, x1 - x0, h);
            g.strokeRect(x0, 1, x1 - x0, h - 2);
        } else {
            g.strokeLine(x0, 0, x0, h);
        }
        g.setFill(palette().note());
        g.fillPolygon(new double[]{x0 - 8, x0 + 8, x0}, new double[]{0, 0, 11}, 3);
        g.setLineWidth(1);
    }

    /** The notes whose marker is within 6 px of {@code x} or whose range holds it, at most three, nearest first. */
    List<Annotation> annotationsAt(double x) {
        AnnotationLayer layer = state.annotations();
        if (layer == null || !inPlot(x)) {
            return List.of();
        }
        return layer.annotations().stream()
                .filter(a -> Math.abs(x(a.target().startNanos()) - x) <= 6
                        || (x(a.target().startNanos()) <= x && x <= x(a.target().endNanos())))
                .sorted(java.util.Comparator.comparingDouble(a -> Math.abs(x(a.target().startNanos()) - x)))
                .limit(3)
                .toList();
    }

    protected void drawCursor(GraphicsContext g, double h) {
        Long c = state.cursor();
        if (c == null) {
            return;
        }
        double x = Math.floor(x(c)) + 0.5;
        g.setStroke(palette().cursor());
        g.setLineWidth(1);
        g.strokeLine(x, 0, x, h);
    }

    /** Paints the left gutter (row labels). */
    protected abstract void drawGutter(GraphicsContext g, double h);

    /** Paints the data inside the plot area (already clipped to it). */
    protected abstract void drawContent(GraphicsContext g, double w, double h);

    /** Extra context menu items for a right click at (x, y). */
    protected List<MenuItem> contextItems(double x, double y) {
        return List.of();
    }

    /** A click (press and release without a drag) in the plot area: puts the cursor there. */
    protected void onClick(MouseEvent e) {
        state.setCursor(time(e.getX()));
    }

    /** True when a plain drag brushes a range to zoom to (the axis); elsewhere it pans and Shift+drag brushes. */
    protected boolean brushesOnDrag() {
        return false;
    }

    /** Dragging pans the visible range with the pointer; the overview sets the range instead. */
    protected void dragTo(double startX, double previousX, double x) {
        long delta = Math.round((previousX - x) / plotWidth() * state.visibleRange().lengthNanos());
        state.pan(gesture(), delta);
    }

    /** The end of a drag that {@link #dragTo} followed. */
    protected void endDrag(double startX, double x) {
    }

    protected static String ellipsize(String s, int max) {
        return s.length() <= max ? s : s.substring(0, Math.max(0, max - 1)) + "…";
    }
}
