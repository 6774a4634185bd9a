package io.faultline.ui;

import io.faultline.model.EpochNanos;
import io.faultline.model.TimeWindow;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.TextAlignment;

import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The time axis of the visible range, above the lanes: tick labels in the chosen zone, with the day, the zone and its
 * offset in the gutter and the range length at the right. A drag on it brushes a range and zooms to it.
 */
final class AxisPane extends TimePane {
    private static final DateTimeFormatter CURSOR = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd  'UTC'xxx", java.util.Locale.ROOT);

    AxisPane(InvestigationState state, WorkbenchData data, WorkbenchActions actions) {
        super(state, data, actions);
        getStyleClass().add("axis-pane");
        setPrefHeight(24);
        setMinHeight(24);
        setMaxHeight(24);
    }

    @Override
    protected void drawGrid(GraphicsContext g, double h) {
        TimeWindow r = axisRange();
        g.setLineWidth(1);
        for (TimeTicks.Tick t : TimeTicks.ticks(r.fromNanos(), r.toNanos(), plotWidth(), TICK_SPACING, zone())) {
            double x = Math.floor(x(t.nanos())) + 0.5;
            g.setStroke(palette().gridMajor());
            g.strokeLine(x, h - 5, x, h);
        }
    }

    @Override
    protected boolean brushesOnDrag() {
        return true;
    }

    @Override
    protected void drawAnnotations(GraphicsContext g, double h) {
    }

    @Override
    protected void drawContent(GraphicsContext g, double w, double h) {
        drawAxisLabels(g, h - 3, h - 3);
    }

    /** The cursor as a time label on the axis, so its exact instant is always readable. */
    @Override
    protected void drawCursor(GraphicsContext g, double h) {
        Long c = state.cursor();
        if (c == null || !state.visibleRange().contains(c)) {
            return;
        }
        String text = CURSOR.format(EpochNanos.toInstant(c).atZone(zone()));
        double width = text.length() * 6.6 + 12;
        double x = Math.max(GUTTER, Math.min(GUTTER + plotWidth() - width, x(c) - width / 2));
        g.setFill(palette().cursor());
        g.fillRoundRect(x, 2, width, h - 4, 6, 6);
        g.setFill(palette().background());
        g.setFont(palette().small());
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(text, x + width / 2, h / 2);
    }

    /** The day the visible range starts on and the zone's offset then, with which zone it is: "2025-10-05  UTC+08:00 host". */
    String gutterLabel() {
        String day = DAY.format(EpochNanos.toInstant(state.visibleRange().fromNanos()).atZone(zone()));
        return switch (state.zoneChoice()) {
            case HOST -> day + " host";
            case UTC -> day;
            case LAPTOP -> day + " laptop";
        };
    }

    /** The tick labels the axis shows now, left to right (those that fit). */
    List<String> tickLabels() {
        TimeWindow r = axisRange();
        double right = GUTTER + plotWidth();
        return TimeTicks.ticks(r.fromNanos(), r.toNanos(), plotWidth(), TICK_SPACING, zone()).stream()
                .filter(t -> x(t.nanos()) - t.label().length() * 3.3 >= GUTTER && x(t.nanos()) + t.label().length() * 3.3 <= right)
                .map(TimeTicks.Tick::label).toList();
    }

    @Override
    protected void drawGutter(GraphicsContext g, double h) {
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        g.setFont(palette().small());
        g.setFill(palette().textDim());
        g.fillText(gutterLabel(), 12, h / 2);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(Durations.compact(state.visibleRange().lengthNanos()), getWidth() - 6, h / 2);
    }
}
