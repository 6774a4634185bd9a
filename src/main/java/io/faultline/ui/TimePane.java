package io.faultline.ui;

import io.faultline.model.Annotation;
import io.faultline.model.AnnotationLayer;
import io.faultline.model.AnnotationTarget;
import io.faultline.model.TimeWindow;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.text.TextAlignment;
import javafx.scene.transform.Scale;

import java.util.List;

/**
 * A canvas pane on the shared time axis. The plot starts {@link #GUTTER} pixels from the left and ends
 * {@link #RIGHT} pixels from the right in every pane, so their times line up. Listens to the state only
 * while it is in a scene. Wheel zooms around the pointer, drag pans, a click is the subclass's.
 */
abstract class TimePane extends Region {
    static final double GUTTER = 190;
    static final double RIGHT = 56;
    static final double TICK_SPACING = 96;
    private static final double DRAG_THRESHOLD = 3;

    protected final InvestigationState state;
    protected final WorkbenchData data;
    protected final WorkbenchActions actions;
    protected final Canvas canvas = new Canvas();
    private final InvalidationListener redrawListener = this::onStateChanged;
    private final List<Observable> watched;
    private double pressX;
    private double lastDragX;
    private boolean dragging;
    private ContextMenu menu;

    TimePane(InvestigationState state, WorkbenchData data, WorkbenchActions actions) {
        this.state = state;
        this.data = data;
        this.actions = actions;
        this.watched = List.of(state.visibleRangeProperty(), state.cursorProperty(), state.selectedSpanProperty(),
                state.selectedEventProperty(), state.annotationsProperty(), state.viewProperty(), state.paletteProperty());
        state.canvasScaleProperty().addListener(o -> requestLayout());
        getChildren().add(canvas);
        getStyleClass().add("time-pane");
        sceneProperty().addListener((obs, was, now) -> {
            if (now != null && was == null) {
                watched.forEach(o -> o.addListener(redrawListener));
                redraw();
            } else if (now == null && was != null) {
                watched.forEach(o -> o.removeListener(redrawListener));
            }
        });
        canvas.addEventHandler(ScrollEvent.SCROLL, this::onScroll);
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::onPressed);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDragged);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, this::onReleased);
        canvas.setOnContextMenuRequested(e -> {
            if (menu != null) {
                menu.hide();
            }
            menu = new ContextMenu();
            menu.getItems().addAll(contextItems(e.getX(), e.getY()));
            MenuItem range = new MenuItem("Note on visible range…");
            range.setOnAction(a -> actions.noteOnRange(state.visibleRange()));
            menu.getItems().add(range);
            menu.show(canvas, e.getScreenX(), e.getScreenY());
            e.consume();
        });
    }

    private void onStateChanged(Observable o) {
        redraw();
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

    @Override
    protected void layoutChildren() {
        double s = state.canvasScale();
        double w = snapSizeX(getWidth()) * s;
        double h = snapSizeY(getHeight()) * s;
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
        }
        canvas.getTransforms().setAll(s == 1 ? List.of() : List.of(new Scale(1 / s, 1 / s)));
        redraw();
    }

    /** Redraws everything from the state; cheap enough for every change. */
    final void redraw() {
        double s = state.canvasScale();
        double w = canvas.getWidth() / s;
        double h = canvas.getHeight() / s;
        if (w <= 0 || h <= 0) {
            return;
        }
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setTransform(s, 0, 0, s, 0, 0);
        g.setFill(palette().pane());
        g.fillRect(0, 0, w, h);
        g.setFill(palette().gutter());
        g.fillRect(0, 0, GUTTER, h);
        drawGrid(g, h);
        g.save();
        g.beginPath();
        g.rect(GUTTER, 0, plotWidth(), h);
        g.clip();
        drawAnnotations(g, h);
        drawContent(g, w, h);
        drawCursor(g, h);
        g.restore();
        drawGutter(g, h);
        g.setStroke(palette().gridMajor());
        g.setLineWidth(1);
        g.strokeLine(0, h - 0.5, w, h - 0.5);
    }

    protected void drawGrid(GraphicsContext g, double h) {
        TimeWindow r = axisRange();
        g.setLineWidth(1);
        for (TimeTicks.Tick t : TimeTicks.ticks(r.fromNanos(), r.toNanos(), plotWidth(), TICK_SPACING, data.displayZone())) {
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
        for (TimeTicks.Tick t : TimeTicks.ticks(r.fromNanos(), r.toNanos(), plotWidth(), TICK_SPACING, data.displayZone())) {
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
        }
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

    /** A click (press and release without a drag) in the plot area. */
    protected void onClick(MouseEvent e) {
        state.setCursor(time(e.getX()));
    }

    protected boolean inPlot(double x) {
        return x >= GUTTER && x <= GUTTER + plotWidth();
    }

    protected void onScroll(ScrollEvent e) {
        if (e.getDeltaY() == 0 || !inPlot(e.getX())) {
            return;
        }
        double factor = Math.pow(0.8, e.getDeltaY() / 40.0);
        state.zoom(factor, time(e.getX()));
        e.consume();
    }

    protected void onPressed(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        pressX = e.getX();
        lastDragX = e.getX();
        dragging = false;
    }

    protected void onDragged(MouseEvent e) {
        if (!e.isPrimaryButtonDown()) {
            return;
        }
        if (!dragging && Math.abs(e.getX() - pressX) < DRAG_THRESHOLD) {
            return;
        }
        dragging = true;
        dragTo(pressX, lastDragX, e.getX());
        lastDragX = e.getX();
    }

    /** Dragging pans the visible range with the pointer; the overview brushes instead. */
    protected void dragTo(double startX, double previousX, double x) {
        long delta = Math.round((previousX - x) / plotWidth() * state.visibleRange().lengthNanos());
        state.pan(delta);
    }

    protected void onReleased(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        if (dragging) {
            endDrag(pressX, e.getX());
        } else if (inPlot(e.getX())) {
            onClick(e);
        }
        dragging = false;
    }

    protected void endDrag(double startX, double x) {
    }

    protected static String ellipsize(String s, int max) {
        return s.length() <= max ? s : s.substring(0, Math.max(0, max - 1)) + "…";
    }
}
