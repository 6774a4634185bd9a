package io.faultline.ui;

import io.faultline.model.EpochNanos;
import io.faultline.model.Series;
import io.faultline.model.TimeWindow;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A small multiple of the disk details ({@link WorkbenchData.MetricPanel}): one or two series on one scale from 0 to
 * the largest value in the visible range, the peak per pixel column drawn so a spike never disappears when zoomed out.
 * Hover shows the samples nearest the pointer.
 */
final class MetricChart extends TimePane {
    static final double HEIGHT = 64;
    private static final double TOP = 8;
    private static final double BOTTOM = 5;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private final WorkbenchData.MetricPanel panel;
    private double hoverX = -1;

    MetricChart(InvestigationState state, WorkbenchData data, WorkbenchActions actions, WorkbenchData.MetricPanel panel) {
        super(state, data, actions);
        this.panel = panel;
        getStyleClass().add("metric-chart");
        setPrefHeight(HEIGHT);
        setMinHeight(HEIGHT);
        setMaxHeight(HEIGHT);
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, e -> {
            hoverX = inPlot(e.getX()) ? e.getX() : -1;
            redraw();
        });
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> {
            hoverX = -1;
            redraw();
        });
    }

    WorkbenchData.MetricPanel panel() {
        return panel;
    }

    /** The hover readout, null when the pointer is not over the plot. */
    String hoverText() {
        return hoverX < 0 ? null : readout(time(hoverX));
    }

    private double y(double value, double max) {
        double bottom = canvas.getHeight() - BOTTOM;
        return bottom - Math.max(0, Math.min(max, value)) / max * (bottom - TOP);
    }

    /** The top of the scale: the largest value of any series in the visible range, rounded up. */
    double scale() {
        TimeWindow r = state.visibleRange();
        double max = 0;
        for (Series s : panel.series()) {
            int from = Math.max(0, lowerBound(s, r.fromNanos()) - 1);
            int to = Math.min(s.size(), lowerBound(s, r.toNanos()) + 1);
            for (int i = from; i < to; i++) {
                max = Math.max(max, s.valueAt(i));
            }
        }
        return IoChart.niceCeil(Math.max(max, panel.unit().equals("%") ? 1 : 0.1));
    }

    static int lowerBound(Series s, long nanos) {
        int lo = 0;
        int hi = s.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (s.timeAt(mid) < nanos) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    protected void drawContent(GraphicsContext g, double w, double h) {
        double max = scale();
        g.setStroke(palette().grid());
        g.setLineWidth(1);
        double mid = Math.floor(y(max / 2, max)) + 0.5;
        g.strokeLine(GUTTER, mid, GUTTER + plotWidth(), mid);
        TimeWindow r = state.visibleRange();
        for (int k = 0; k < panel.series().size(); k++) {
            Series s = panel.series().get(k);
            int from = Math.max(0, lowerBound(s, r.fromNanos()) - 1);
            int to = Math.min(s.size(), lowerBound(s, r.toNanos()) + 1);
            double[] xs = new double[Math.max(0, to - from)];
            double[] ys = new double[xs.length];
            int n = 0;
            int lastColumn = Integer.MIN_VALUE;
            for (int i = from; i < to; i++) {
                double x = x(s.timeAt(i));
                int column = (int) Math.floor(x);
                double y = y(s.valueAt(i), max);
                if (column == lastColumn && n > 0) {
                    ys[n - 1] = Math.min(ys[n - 1], y);
                } else {
                    xs[n] = x;
                    ys[n] = y;
                    n++;
                    lastColumn = column;
                }
            }
            g.setStroke(colour(k));
            g.setLineWidth(1.4);
            g.strokePolyline(xs, ys, n);
            if (n == 1) {
                g.setFill(colour(k));
                g.fillOval(xs[0] - 2, ys[0] - 2, 4, 4);
            }
        }
        if (hoverX >= 0) {
            drawHover(g);
        }
    }

    private void drawHover(GraphicsContext g) {
        g.setStroke(palette().textDim());
        g.setLineWidth(1);
        g.setLineDashes(2, 3);
        g.strokeLine(Math.floor(hoverX) + 0.5, 0, Math.floor(hoverX) + 0.5, canvas.getHeight());
        g.setLineDashes();
        String text = readout(time(hoverX));
        g.setFont(palette().small());
        double bw = text.length() * 6.3 + 12;
        double bx = hoverX + 10 + bw > GUTTER + plotWidth() ? hoverX - 10 - bw : hoverX + 10;
        g.setFill(palette().labelBackground());
        g.fillRoundRect(bx, 4, bw, 20, 6, 6);
        g.setStroke(palette().gridMajor());
        g.strokeRoundRect(bx, 4, bw, 20, 6, 6);
        g.setFill(palette().text());
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(text, bx + 6, 14);
    }

    /** The samples nearest {@code nanos}: device, time, and each series' value with the unit. */
    String readout(long nanos) {
        StringBuilder b = new StringBuilder(panel.device()).append(' ').append(panel.title());
        Series first = panel.series().getFirst();
        int i0 = nearest(first, nanos);
        if (i0 >= 0) {
            b.append("  ").append(TIME.format(EpochNanos.toInstant(first.timeAt(i0)).atZone(zoneOf(panel.host()))));
        }
        for (int k = 0; k < panel.series().size(); k++) {
            Series s = panel.series().get(k);
            int i = nearest(s, nanos);
            if (i >= 0) {
                b.append("  ").append(panel.names().get(k)).append(' ').append(format(s.valueAt(i))).append(' ').append(panel.unit());
            }
        }
        return b.toString();
    }

    private static String format(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static int nearest(Series s, long nanos) {
        if (s.size() == 0) {
            return -1;
        }
        int i = lowerBound(s, nanos);
        if (i == s.size()) {
            return i - 1;
        }
        return i > 0 && nanos - s.timeAt(i - 1) <= s.timeAt(i) - nanos ? i - 1 : i;
    }

    @Override
    protected void drawGutter(GraphicsContext g, double h) {
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.setFont(palette().bold());
        g.setFill(palette().text());
        String device = panel.device().equals("io") ? "" : ellipsize(panel.device(), 10) + " ";
        g.fillText(device + panel.title(), 12, 6);
        g.setFont(palette().small());
        double x = 12;
        for (int k = 0; k < panel.names().size(); k++) {
            String name = panel.names().get(k);
            g.setFill(colour(k));
            g.fillRect(x, 29, 10, 3);
            g.setFill(palette().textDim());
            g.fillText(name, x + 14, 24);
            x += 24 + name.length() * 6.3;
        }
        g.fillText(panel.unit(), 12, 42);
        double max = scale();
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setFill(palette().axisText());
        g.fillText(max == Math.rint(max) ? String.format(Locale.ROOT, "%,.0f", max) : format(max), GUTTER - 5, Math.max(TOP + 4, y(max, max)));
        g.fillText("0", GUTTER - 5, Math.min(h - 8, y(0, max)));
    }

    /** The colour of the k-th series of a panel: the first and second alternate. */
    private Color colour(int k) {
        return k % 2 == 0 ? palette().metricA() : palette().metricB();
    }
}
