package io.faultline.ui;

import io.faultline.model.EpochNanos;
import io.faultline.model.TimeWindow;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.TextAlignment;

import java.time.format.DateTimeFormatter;

/** The time axis of the visible range, above the lanes: tick labels in the display zone, offset shown. */
final class AxisPane extends TimePane {
    private static final DateTimeFormatter CURSOR = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd  xxx");

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
        for (TimeTicks.Tick t : TimeTicks.ticks(r.fromNanos(), r.toNanos(), plotWidth(), TICK_SPACING, data.displayZone())) {
            double x = Math.floor(x(t.nanos())) + 0.5;
            g.setStroke(palette().gridMajor());
            g.strokeLine(x, h - 5, x, h);
        }
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
        String text = CURSOR.format(EpochNanos.toInstant(c).atZone(data.displayZone()));
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

    @Override
    protected void drawGutter(GraphicsContext g, double h) {
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        g.setFont(palette().small());
        g.setFill(palette().textDim());
        String day = DAY.format(EpochNanos.toInstant(state.visibleRange().fromNanos()).atZone(data.displayZone()));
        g.fillText(day, 12, h / 2);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(Durations.compact(state.visibleRange().lengthNanos()), getWidth() - 6, h / 2);
    }
}
