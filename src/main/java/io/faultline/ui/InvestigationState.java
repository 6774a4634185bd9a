package io.faultline.ui;

import io.faultline.model.AnnotationLayer;
import io.faultline.model.Event;
import io.faultline.model.Span;
import io.faultline.model.TimeWindow;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The one shared state of an investigation (visible range, cursor, selection, annotations). Every pane
 * listens to it and redraws; nothing else couples the panes. Touched on the JavaFX thread only.
 */
public final class InvestigationState {
    /** The narrowest visible range: one millisecond. */
    public static final long MIN_RANGE_NANOS = 1_000_000L;

    private final TimeWindow fullWindow;
    private final ReadOnlyObjectWrapper<TimeWindow> visibleRange;
    private final ObjectProperty<Long> cursor = new SimpleObjectProperty<>(this, "cursor");
    private final ObjectProperty<Event> selectedEvent = new SimpleObjectProperty<>(this, "selectedEvent");
    private final ObjectProperty<Span> selectedSpan = new SimpleObjectProperty<>(this, "selectedSpan");
    private final ObjectProperty<AnnotationLayer> annotations;

    public InvestigationState(TimeWindow fullWindow, AnnotationLayer annotations) {
        long length = Math.max(fullWindow.lengthNanos(), MIN_RANGE_NANOS);
        this.fullWindow = new TimeWindow(fullWindow.fromNanos(), fullWindow.fromNanos() + length);
        this.visibleRange = new ReadOnlyObjectWrapper<>(this, "visibleRange", this.fullWindow);
        this.annotations = new SimpleObjectProperty<>(this, "annotations", annotations);
    }

    /** The whole window of the evidence; the overview always shows all of it. */
    public TimeWindow fullWindow() {
        return fullWindow;
    }

    public ReadOnlyObjectProperty<TimeWindow> visibleRangeProperty() {
        return visibleRange.getReadOnlyProperty();
    }

    public TimeWindow visibleRange() {
        return visibleRange.get();
    }

    /** Shows [from, to), kept inside the full window and at least {@link #MIN_RANGE_NANOS} wide. */
    public void setVisibleRange(long fromNanos, long toNanos) {
        long full = fullWindow.lengthNanos();
        long length = Math.min(full, Math.max(MIN_RANGE_NANOS, toNanos - fromNanos));
        long from = Math.max(fullWindow.fromNanos(), Math.min(fromNanos, fullWindow.toNanos() - length));
        visibleRange.set(new TimeWindow(from, from + length));
    }

    /** Zooms by {@code factor} (below 1 zooms in) keeping {@code anchorNanos} at the same place on screen. */
    public void zoom(double factor, long anchorNanos) {
        TimeWindow r = visibleRange();
        double left = (anchorNanos - r.fromNanos()) * factor;
        double right = (r.toNanos() - anchorNanos) * factor;
        setVisibleRange(anchorNanos - Math.round(left), anchorNanos + Math.round(right));
    }

    /** Moves the visible range by {@code deltaNanos}, stopping at the window edges. */
    public void pan(long deltaNanos) {
        TimeWindow r = visibleRange();
        setVisibleRange(r.fromNanos() + deltaNanos, r.toNanos() + deltaNanos);
    }

    public void resetZoom() {
        visibleRange.set(fullWindow);
    }

    /** The time the cursor line marks in every pane; null when there is none. */
    public ObjectProperty<Long> cursorProperty() {
        return cursor;
    }

    public Long cursor() {
        return cursor.get();
    }

    public void setCursor(Long nanos) {
        cursor.set(nanos);
    }

    public ObjectProperty<Event> selectedEventProperty() {
        return selectedEvent;
    }

    public Event selectedEvent() {
        return selectedEvent.get();
    }

    public ObjectProperty<Span> selectedSpanProperty() {
        return selectedSpan;
    }

    public Span selectedSpan() {
        return selectedSpan.get();
    }

    /** The annotation layer as last reported by the store. */
    public ObjectProperty<AnnotationLayer> annotationsProperty() {
        return annotations;
    }

    public AnnotationLayer annotations() {
        return annotations.get();
    }
}
