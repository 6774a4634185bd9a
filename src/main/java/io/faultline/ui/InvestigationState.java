package io.faultline.ui;

import io.faultline.model.AnnotationLayer;
import io.faultline.model.Event;
import io.faultline.model.Span;
import io.faultline.model.TimeWindow;
import io.faultline.timeline.Filter;
import io.faultline.timeline.Query;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The one shared state of an investigation (visible range, cursor, selection, annotations, filter and search with
 * what they keep). Every pane listens to it and redraws; nothing else couples the panes. Touched on the JavaFX thread
 * only.
 */
public final class InvestigationState {
    /** The narrowest visible range: ten microseconds (journal times carry microseconds). */
    public static final long MIN_RANGE_NANOS = 10_000L;
    /** The most zoom history entries kept back. */
    static final int HISTORY = 200;

    private final TimeWindow fullWindow;
    private final ReadOnlyObjectWrapper<TimeWindow> visibleRange;
    private final ObjectProperty<Long> cursor = new SimpleObjectProperty<>(this, "cursor");
    private final ObjectProperty<Event> selectedEvent = new SimpleObjectProperty<>(this, "selectedEvent");
    private final ObjectProperty<Span> selectedSpan = new SimpleObjectProperty<>(this, "selectedSpan");
    private final ReadOnlyIntegerWrapper selectedIndex = new ReadOnlyIntegerWrapper(this, "selectedIndex", -1);
    private final ObjectProperty<AnnotationLayer> annotations;
    private final ObjectProperty<java.util.Set<String>> highlighted = new SimpleObjectProperty<>(this, "highlighted", java.util.Set.of());
    private final ObjectProperty<TimeWindow> brushed = new SimpleObjectProperty<>(this, "brushed");
    private final ObjectProperty<Filter> filter = new SimpleObjectProperty<>(this, "filter", Filter.all());
    private final ObjectProperty<Query> query = new SimpleObjectProperty<>(this, "query");
    private final BooleanProperty filterToHits = new SimpleBooleanProperty(this, "filterToHits");
    private final ReadOnlyObjectWrapper<FilteredView> view = new ReadOnlyObjectWrapper<>(this, "view", FilteredView.EVERYTHING);
    private final ReadOnlyBooleanWrapper filtering = new ReadOnlyBooleanWrapper(this, "filtering");
    private final ObjectProperty<Palette> palette = new SimpleObjectProperty<>(this, "palette", Palette.DARK);
    private final javafx.beans.property.DoubleProperty canvasScale = new javafx.beans.property.SimpleDoubleProperty(this, "canvasScale", 1);
    private final ObjectProperty<ZoneChoice> zoneChoice = new SimpleObjectProperty<>(this, "zoneChoice", ZoneChoice.HOST);
    private final Deque<TimeWindow> back = new ArrayDeque<>();
    private final Deque<TimeWindow> forward = new ArrayDeque<>();
    private final ReadOnlyBooleanWrapper canGoBack = new ReadOnlyBooleanWrapper(this, "canGoBack");
    private final ReadOnlyBooleanWrapper canGoForward = new ReadOnlyBooleanWrapper(this, "canGoForward");
    /** The gesture the newest history entry belongs to: its further changes add no entry. */
    private Object lastGesture;

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

    /** Shows [from, to), kept inside the full window and at least {@link #MIN_RANGE_NANOS} wide: one zoom history entry. */
    public void setVisibleRange(long fromNanos, long toNanos) {
        setVisibleRange(null, fromNanos, toNanos);
    }

    /**
     * Shows [from, to) as part of {@code gesture} (a wheel turn, a drag, a pinch; any object, compared by identity): the
     * first change of a gesture adds one zoom history entry (the range before it), its further changes add none. A null
     * gesture is a change of its own.
     */
    public void setVisibleRange(Object gesture, long fromNanos, long toNanos) {
        long full = fullWindow.lengthNanos();
        long length = Math.min(full, Math.max(MIN_RANGE_NANOS, toNanos - fromNanos));
        long from = Math.max(fullWindow.fromNanos(), Math.min(fromNanos, fullWindow.toNanos() - length));
        TimeWindow next = new TimeWindow(from, from + length);
        TimeWindow now = visibleRange();
        if (next.equals(now)) {
            return;
        }
        if (gesture == null || gesture != lastGesture) {
            back.push(now);
            if (back.size() > HISTORY) {
                back.removeLast();
            }
            forward.clear();
        }
        lastGesture = gesture;
        visibleRange.set(next);
        updateHistory();
    }

    /** Zooms by {@code factor} (below 1 zooms in) keeping {@code anchorNanos} at the same place on screen. */
    public void zoom(double factor, long anchorNanos) {
        zoom(null, factor, anchorNanos);
    }

    /** {@link #zoom(double, long)} as part of {@code gesture} (see {@link #setVisibleRange(Object, long, long)}). */
    public void zoom(Object gesture, double factor, long anchorNanos) {
        TimeWindow r = visibleRange();
        double left = (anchorNanos - r.fromNanos()) * factor;
        double right = (r.toNanos() - anchorNanos) * factor;
        setVisibleRange(gesture, anchorNanos - Math.round(left), anchorNanos + Math.round(right));
    }

    /** Moves the visible range by {@code deltaNanos}, stopping at the window edges. */
    public void pan(long deltaNanos) {
        pan(null, deltaNanos);
    }

    /** {@link #pan(long)} as part of {@code gesture} (see {@link #setVisibleRange(Object, long, long)}). */
    public void pan(Object gesture, long deltaNanos) {
        TimeWindow r = visibleRange();
        setVisibleRange(gesture, r.fromNanos() + deltaNanos, r.toNanos() + deltaNanos);
    }

    /** Shows the whole window (one history entry). */
    public void resetZoom() {
        setVisibleRange(fullWindow.fromNanos(), fullWindow.toNanos());
    }

    /** Goes back to the range before the last zoom, pan or brush; false when there is none. */
    public boolean back() {
        return step(back, forward);
    }

    /** Goes forward again after {@link #back()}; false when there is nothing to go forward to. */
    public boolean forward() {
        return step(forward, back);
    }

    private boolean step(Deque<TimeWindow> from, Deque<TimeWindow> to) {
        if (from.isEmpty()) {
            return false;
        }
        to.push(visibleRange());
        lastGesture = null;
        visibleRange.set(from.pop());
        updateHistory();
        return true;
    }

    private void updateHistory() {
        canGoBack.set(!back.isEmpty());
        canGoForward.set(!forward.isEmpty());
    }

    public ReadOnlyBooleanProperty canGoBackProperty() {
        return canGoBack.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canGoForwardProperty() {
        return canGoForward.getReadOnlyProperty();
    }

    /** Forgets the zoom history: the range shown now is where it starts (a view's first range). */
    void clearHistory() {
        back.clear();
        forward.clear();
        lastGesture = null;
        updateHistory();
    }

    /** How many steps {@link #back()} can go. */
    public int backDepth() {
        return back.size();
    }

    /** The zone times are shown in: each host's own (the default), UTC or this laptop's. */
    public ObjectProperty<ZoneChoice> zoneChoiceProperty() {
        return zoneChoice;
    }

    public ZoneChoice zoneChoice() {
        return zoneChoice.get();
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

    /** The index in the timeline of the selected log line; -1 when none. Set with {@link #selectEvent} and {@link #selectRow}. */
    public ReadOnlyIntegerProperty selectedIndexProperty() {
        return selectedIndex.getReadOnlyProperty();
    }

    public int selectedIndex() {
        return selectedIndex.get();
    }

    /** Selects the log line {@code event}, index {@code index} in the timeline, and puts the cursor on it (a search hit, a click). */
    public void selectEvent(int index, Event event) {
        selectedSpan.set(null);
        selectRow(index, event);
        cursor.set(event.timeNanos());
    }

    /** Selects a log line and nothing else: the log table following the cursor. */
    void selectRow(int index, Event event) {
        selectedIndex.set(index);
        selectedEvent.set(event);
    }

    /** Which facet values the panes keep and drop; its time range is the whole window. */
    public ObjectProperty<Filter> filterProperty() {
        return filter;
    }

    public Filter filter() {
        return filter.get();
    }

    /** What the search bar looks for; null when it is empty. */
    public ObjectProperty<Query> queryProperty() {
        return query;
    }

    public Query query() {
        return query.get();
    }

    /** True when the search filters the panes too, not only marks its hits. */
    public BooleanProperty filterToHitsProperty() {
        return filterToHits;
    }

    public boolean filterToHits() {
        return filterToHits.get();
    }

    /** What the filter and the search keep, as last computed: the events the panes show and the hits. */
    ReadOnlyObjectProperty<FilteredView> viewProperty() {
        return view.getReadOnlyProperty();
    }

    FilteredView view() {
        return view.get();
    }

    void setView(FilteredView v) {
        view.set(v);
    }

    /** True while a newer filter or search is being computed: {@link #view()} is still the previous one. */
    public ReadOnlyBooleanProperty filteringProperty() {
        return filtering.getReadOnlyProperty();
    }

    public boolean filtering() {
        return filtering.get();
    }

    void setFiltering(boolean on) {
        filtering.set(on);
    }

    /** The annotation layer as last reported by the store. */
    public ObjectProperty<AnnotationLayer> annotationsProperty() {
        return annotations;
    }

    public AnnotationLayer annotations() {
        return annotations.get();
    }

    /**
     * The ids of the notes and links the causal chain panel has selected: the time panes draw those notes emphasised (a
     * link's two ends), the overview that link. Empty when nothing is selected there.
     */
    public ObjectProperty<java.util.Set<String>> highlightedProperty() {
        return highlighted;
    }

    public java.util.Set<String> highlighted() {
        return highlighted.get();
    }

    /** The range last brushed (a drag on the axis or the overview, Shift+drag in a pane); null before the first. */
    public ObjectProperty<TimeWindow> brushedProperty() {
        return brushed;
    }

    /** The colours and fonts the canvas panes draw with (the view's theme); they redraw when it changes. */
    ObjectProperty<Palette> paletteProperty() {
        return palette;
    }

    Palette palette() {
        return palette.get();
    }

    /**
     * How many canvas pixels the time panes draw per scene pixel: 1 on screen (JavaFX itself gives a canvas the pixels
     * of the screen's output scale); an offscreen render at scale 2 sets 2, since a snapshot magnifies a canvas instead.
     */
    javafx.beans.property.DoubleProperty canvasScaleProperty() {
        return canvasScale;
    }

    double canvasScale() {
        return canvasScale.get();
    }
}
