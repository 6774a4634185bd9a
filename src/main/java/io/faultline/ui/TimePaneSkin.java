package io.faultline.ui;

import io.faultline.model.TimeWindow;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.value.ChangeListener;
import javafx.event.EventHandler;
import javafx.geometry.VPos;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SkinBase;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.ZoomEvent;
import javafx.scene.text.TextAlignment;
import javafx.scene.transform.Scale;

import java.util.List;

/**
 * The skin of every {@link TimePane}: places the pane's canvas and paints it (background, gutter, grid, notes, the
 * subclass's content, cursor, a brush being dragged), repainting on every change of the state while the pane is in a
 * scene, and turns the pointer into changes of the visible range:
 * <ul>
 *   <li>wheel (with or without Ctrl) zooms around the pointer, 0.8 per notch; a turn of the wheel (notches the same way
 *   with the pointer still, less than {@value #WHEEL_GESTURE_MILLIS} ms apart) is one zoom history entry;</li>
 *   <li>a pinch zooms around its centre, one entry per pinch;</li>
 *   <li>a horizontal scroll (touchpad, tilt wheel) or Shift+wheel pans;</li>
 *   <li>a drag pans (one entry per drag; the pane's {@link TimePane#dragTo} decides), Shift+drag (a plain drag on the
 *   axis) brushes a range and zooms to it on release;</li>
 *   <li>a click is the pane's {@link TimePane#onClick}; a right click its {@link TimePane#contextItems} and a note on
 *   the visible range.</li>
 * </ul>
 */
final class TimePaneSkin extends SkinBase<TimePane> {
    static final long WHEEL_GESTURE_MILLIS = 1500;
    /** A wheel notch this far from the last one starts a new history entry: the pointer moved between them. */
    private static final double WHEEL_GESTURE_PX = 4;
    private static final double DRAG_THRESHOLD = 3;
    /** A brush narrower than this is a click, not a range. */
    private static final double MIN_BRUSH_PX = 4;
    private static final double WHEEL_NOTCH = 40;

    private final TimePane pane;
    private final Canvas canvas;
    private final InvalidationListener redrawListener = this::onStateChanged;
    private final List<Observable> watched;
    private final ChangeListener<Scene> sceneListener = (obs, was, now) -> onScene(was, now);
    private final EventHandler<ScrollEvent> onScroll = this::onScroll;
    private final EventHandler<ZoomEvent> onZoomStarted = e -> getSkinnable().setGesture(new Object());
    private final EventHandler<ZoomEvent> onZoom = this::onZoom;
    private final EventHandler<MouseEvent> onPressed = this::onPressed;
    private final EventHandler<MouseEvent> onDragged = this::onDragged;
    private final EventHandler<MouseEvent> onReleased = this::onReleased;
    private final EventHandler<ContextMenuEvent> onContextMenu = this::onContextMenu;
    private double pressX;
    private double lastDragX;
    private boolean dragging;
    private boolean brushing;
    private double brushFrom = Double.NaN;
    private double brushTo = Double.NaN;
    private long lastWheelMillis;
    private double lastWheelX = Double.NaN;
    private double lastWheelSign;
    private Object wheelGesture;
    private ContextMenu menu;

    TimePaneSkin(TimePane pane) {
        super(pane);
        this.pane = pane;
        this.canvas = pane.canvas;
        InvestigationState state = pane.state;
        watched = List.of(state.visibleRangeProperty(), state.cursorProperty(), state.selectedSpanProperty(),
                state.selectedEventProperty(), state.annotationsProperty(), state.viewProperty(), state.zoneChoiceProperty(),
                state.paletteProperty(), state.highlightedProperty());
        state.canvasScaleProperty().addListener(o -> pane.requestLayout());
        getChildren().add(canvas);
    }

    @Override
    public void install() {
        pane.sceneProperty().addListener(sceneListener);
        if (pane.getScene() != null) {
            onScene(null, pane.getScene());
        }
        canvas.addEventHandler(ScrollEvent.SCROLL, onScroll);
        canvas.addEventHandler(ZoomEvent.ZOOM_STARTED, onZoomStarted);
        canvas.addEventHandler(ZoomEvent.ZOOM, onZoom);
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, onPressed);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, onDragged);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, onReleased);
        canvas.addEventHandler(ContextMenuEvent.CONTEXT_MENU_REQUESTED, onContextMenu);
    }

    @Override
    public void dispose() {
        if (getSkinnable() == null) {
            return;
        }
        pane.sceneProperty().removeListener(sceneListener);
        watched.forEach(o -> o.removeListener(redrawListener));
        canvas.removeEventHandler(ScrollEvent.SCROLL, onScroll);
        canvas.removeEventHandler(ZoomEvent.ZOOM_STARTED, onZoomStarted);
        canvas.removeEventHandler(ZoomEvent.ZOOM, onZoom);
        canvas.removeEventHandler(MouseEvent.MOUSE_PRESSED, onPressed);
        canvas.removeEventHandler(MouseEvent.MOUSE_DRAGGED, onDragged);
        canvas.removeEventHandler(MouseEvent.MOUSE_RELEASED, onReleased);
        canvas.removeEventHandler(ContextMenuEvent.CONTEXT_MENU_REQUESTED, onContextMenu);
        getChildren().remove(canvas);
        super.dispose();
    }

    private void onScene(Scene was, Scene now) {
        if (now != null && was == null) {
            watched.forEach(o -> o.addListener(redrawListener));
            paint();
        } else if (now == null && was != null) {
            watched.forEach(o -> o.removeListener(redrawListener));
        }
    }

    private void onStateChanged(Observable o) {
        paint();
    }

    @Override
    protected void layoutChildren(double x, double y, double w, double h) {
        double s = pane.state.canvasScale();
        double width = pane.snapSizeX(pane.getWidth()) * s;
        double height = pane.snapSizeY(pane.getHeight()) * s;
        if (canvas.getWidth() != width || canvas.getHeight() != height) {
            canvas.setWidth(width);
            canvas.setHeight(height);
        }
        canvas.getTransforms().setAll(s == 1 ? List.of() : List.of(new Scale(1 / s, 1 / s)));
        paint();
    }

    @Override
    protected double computePrefWidth(double height, double top, double right, double bottom, double left) {
        return TimePane.GUTTER + TimePane.RIGHT + 400;
    }

    @Override
    protected double computeMinWidth(double height, double top, double right, double bottom, double left) {
        return TimePane.GUTTER + TimePane.RIGHT + 40;
    }

    @Override
    protected double computePrefHeight(double width, double top, double right, double bottom, double left) {
        return 100;
    }

    @Override
    protected double computeMinHeight(double width, double top, double right, double bottom, double left) {
        return 0;
    }

    /** Paints everything from the state. */
    void paint() {
        double s = pane.state.canvasScale();
        double w = canvas.getWidth() / s;
        double h = canvas.getHeight() / s;
        if (w <= 0 || h <= 0) {
            return;
        }
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setTransform(s, 0, 0, s, 0, 0);
        g.setFill(pane.palette().pane());
        g.fillRect(0, 0, w, h);
        g.setFill(pane.palette().gutter());
        g.fillRect(0, 0, TimePane.GUTTER, h);
        pane.drawGrid(g, h);
        g.save();
        g.beginPath();
        g.rect(TimePane.GUTTER, 0, pane.plotWidth(), h);
        g.clip();
        pane.drawAnnotations(g, h);
        pane.drawContent(g, w, h);
        pane.drawCursor(g, h);
        drawBrush(g, h);
        g.restore();
        pane.drawGutter(g, h);
        g.setStroke(pane.palette().gridMajor());
        g.setLineWidth(1);
        g.strokeLine(0, h - 0.5, w, h - 0.5);
    }

    /** The range being brushed: a band with its edges and its length. */
    private void drawBrush(GraphicsContext g, double h) {
        if (!brushing || Double.isNaN(brushTo)) {
            return;
        }
        double x0 = Math.min(brushFrom, brushTo);
        double x1 = Math.max(brushFrom, brushTo);
        g.setFill(pane.palette().brushFill());
        g.fillRect(x0, 0, x1 - x0, h);
        g.setStroke(pane.palette().brushEdge());
        g.setLineWidth(1.5);
        g.strokeLine(x0, 0, x0, h);
        g.strokeLine(x1, 0, x1, h);
        g.setFill(pane.palette().brushEdge());
        g.setFont(pane.palette().small());
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.fillText(Durations.compact(Math.abs(pane.time(x1) - pane.time(x0))), x0 + 4, 2);
    }

    /** The range brushed, as pixels {from, to}; null when no brush is being dragged. */
    double[] brush() {
        return brushing && !Double.isNaN(brushTo) ? new double[]{Math.min(brushFrom, brushTo), Math.max(brushFrom, brushTo)} : null;
    }

    private void onScroll(ScrollEvent e) {
        if (!pane.inPlot(e.getX())) {
            return;
        }
        InvestigationState state = pane.state;
        double dx = e.getDeltaX();
        double dy = e.getDeltaY();
        boolean horizontal = Math.abs(dx) > Math.abs(dy) || (e.isShiftDown() && !e.isShortcutDown() && dy != 0);
        if (dx == 0 && dy == 0) {
            return;
        }
        long now = System.currentTimeMillis();
        double sign = Math.signum(horizontal ? dx + dy : dy) * (horizontal ? 2 : 1);
        if (wheelGesture == null || pane.gesture() != wheelGesture || now - lastWheelMillis > WHEEL_GESTURE_MILLIS
                || sign != lastWheelSign || Math.abs(e.getX() - lastWheelX) > WHEEL_GESTURE_PX) {
            wheelGesture = new Object();
        }
        lastWheelMillis = now;
        lastWheelX = e.getX();
        lastWheelSign = sign;
        pane.setGesture(wheelGesture);
        if (horizontal) {
            double px = Math.abs(dx) > Math.abs(dy) ? dx : dy;
            state.pan(wheelGesture, Math.round(-px / pane.plotWidth() * state.visibleRange().lengthNanos()));
        } else {
            state.zoom(wheelGesture, Math.pow(0.8, dy / WHEEL_NOTCH), pane.time(e.getX()));
        }
        e.consume();
    }

    private void onZoom(ZoomEvent e) {
        if (e.getZoomFactor() <= 0 || !Double.isFinite(e.getZoomFactor())) {
            return;
        }
        if (pane.gesture() == null) {
            pane.setGesture(new Object());
        }
        double x = Math.clamp(e.getX(), TimePane.GUTTER, TimePane.GUTTER + pane.plotWidth());
        pane.state.zoom(pane.gesture(), 1 / e.getZoomFactor(), pane.time(x));
        e.consume();
    }

    private void onPressed(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        pane.requestFocus();
        pane.setGesture(new Object());
        pressX = e.getX();
        lastDragX = e.getX();
        dragging = false;
        brushing = pane.inPlot(e.getX()) && (e.isShiftDown() || pane.brushesOnDrag());
        brushFrom = clampToPlot(e.getX());
        brushTo = Double.NaN;
    }

    private double clampToPlot(double x) {
        return Math.clamp(x, TimePane.GUTTER, TimePane.GUTTER + pane.plotWidth());
    }

    private void onDragged(MouseEvent e) {
        if (!e.isPrimaryButtonDown()) {
            return;
        }
        if (!dragging && Math.abs(e.getX() - pressX) < DRAG_THRESHOLD) {
            return;
        }
        dragging = true;
        if (brushing) {
            brushTo = clampToPlot(e.getX());
            paint();
        } else {
            pane.dragTo(pressX, lastDragX, e.getX());
        }
        lastDragX = e.getX();
    }

    private void onReleased(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        if (brushing && dragging) {
            double[] b = brush();
            brushing = false;
            if (b != null && b[1] - b[0] >= MIN_BRUSH_PX) {
                TimeWindow before = pane.state.visibleRange();
                pane.state.setVisibleRange(pane.time(b[0]), pane.time(b[1]));
                pane.state.brushedProperty().set(new TimeWindow(pane.time(b[0]), pane.time(b[1])));
                if (before.equals(pane.state.visibleRange())) {
                    paint();
                }
            } else {
                paint();
            }
        } else if (dragging) {
            pane.endDrag(pressX, e.getX());
        } else if (pane.inPlot(e.getX())) {
            pane.onClick(e);
        }
        brushing = false;
        dragging = false;
    }

    private void onContextMenu(ContextMenuEvent e) {
        if (menu != null) {
            menu.hide();
        }
        menu = new ContextMenu();
        menu.getItems().addAll(pane.contextItems(e.getX(), e.getY()));
        MenuItem range = new MenuItem("Note on visible range…");
        range.setOnAction(a -> pane.actions.noteOnRange(pane.state.visibleRange()));
        menu.getItems().add(range);
        for (io.faultline.model.Annotation note : pane.annotationsAt(e.getX())) {
            javafx.scene.control.Menu item = new javafx.scene.control.Menu("Note " + note.id() + " “" + TimePane.ellipsize(note.note(), 30) + "”");
            MenuItem edit = new MenuItem("Edit…");
            edit.setOnAction(a -> pane.actions.editAnnotation(note));
            MenuItem link = new MenuItem("Link from it…");
            link.setOnAction(a -> pane.actions.linkFrom(note));
            MenuItem delete = new MenuItem("Delete");
            delete.setOnAction(a -> pane.actions.deleteAnnotation(note));
            item.getItems().addAll(edit, link, delete);
            menu.getItems().add(item);
        }
        menu.show(canvas, e.getScreenX(), e.getScreenY());
        e.consume();
    }
}
