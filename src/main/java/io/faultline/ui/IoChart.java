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
import java.util.Arrays;
import java.util.Locale;

/**
 * One disk: %util (0–100, left scale, filled) and await (ms, own scale on the right). Where several
 * samples fall on one pixel column the highest is drawn, so saturation never disappears when zoomed out.
 * Hover shows the sample values nearest the pointer.
 */
final class IoChart extends TimePane {
    private static final double TOP = 10;
    private static final double BOTTOM = 6;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private final WorkbenchData.Disk disk;
    private double hoverX = -1;

    IoChart(InvestigationState state, WorkbenchData data, WorkbenchActions actions, WorkbenchData.Disk disk) {
        super(state, data, actions);
        this.disk = disk;
        getStyleClass().add("io-chart");
        setPrefHeight(120);
        setMinHeight(80);
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, e -> {
            hoverX = inPlot(e.getX()) ? e.getX() : -1;
            redraw();
        });
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> {
            hoverX = -1;
            redraw();
        });
    }

    WorkbenchData.Disk disk() {
        return disk;
    }

    private double plotTop() {
        return TOP;
    }

    private double plotBottom() {
        return getHeight() - BOTTOM;
    }

    private double y(double value, double max) {
        double clamped = Math.max(0, Math.min(max, value));
        return plotBottom() - clamped / max * (plotBottom() - plotTop());
    }

    private double awaitScale() {
        if (disk.await() == null) {
            return 1;
        }
        TimeWindow r = state.visibleRange();
        double max = 0;
        Series s = disk.await();
        int from = Math.max(0, lowerBound(s, r.fromNanos()) - 1);
        int to = Math.min(s.size(), lowerBound(s, r.toNanos()) + 1);
        for (int i = from; i < to; i++) {
            max = Math.max(max, s.valueAt(i));
        }
        return niceCeil(Math.max(max, 1));
    }

    static double niceCeil(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[]{1, 2, 2.5, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static int lowerBound(Series s, long nanos) {
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
        g.setStroke(palette().grid());
        g.setLineWidth(1);
        for (double v : new double[]{50, 100}) {
            double y = Math.floor(y(v, 100)) + 0.5;
            g.strokeLine(GUTTER, y, GUTTER + plotWidth(), y);
        }
        double awaitMax = awaitScale();
        if (disk.util() != null) {
            drawSeries(g, disk.util(), 100, palette().util(), palette().utilFill());
        }
        if (disk.await() != null) {
            drawSeries(g, disk.await(), awaitMax, palette().await(), null);
        }
        if (hoverX >= 0) {
            drawHover(g, awaitMax);
        }
    }

    private void drawSeries(GraphicsContext g, Series s, double max, Color line, Color fill) {
        TimeWindow r = state.visibleRange();
        int from = Math.max(0, lowerBound(s, r.fromNanos()) - 1);
        int to = Math.min(s.size(), lowerBound(s, r.toNanos()) + 1);
        if (to - from <= 0) {
            return;
        }
        double[] xs = new double[to - from];
        double[] ys = new double[to - from];
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
        xs = Arrays.copyOf(xs, n);
        ys = Arrays.copyOf(ys, n);
        if (fill != null && n > 1) {
            double[] px = Arrays.copyOf(xs, n + 2);
            double[] py = Arrays.copyOf(ys, n + 2);
            px[n] = xs[n - 1];
            py[n] = plotBottom();
            px[n + 1] = xs[0];
            py[n + 1] = plotBottom();
            g.setFill(fill);
            g.fillPolygon(px, py, n + 2);
        }
        g.setStroke(line);
        g.setLineWidth(1.6);
        g.strokePolyline(xs, ys, n);
        if (n == 1) {
            g.setFill(line);
            g.fillOval(xs[0] - 2, ys[0] - 2, 4, 4);
        }
    }

    private void drawHover(GraphicsContext g, double awaitMax) {
        long t = time(hoverX);
        g.setStroke(palette().textDim());
        g.setLineWidth(1);
        g.setLineDashes(2, 3);
        g.strokeLine(Math.floor(hoverX) + 0.5, 0, Math.floor(hoverX) + 0.5, getHeight());
        g.setLineDashes();
        String text = readout(t);
        g.setFont(palette().small());
        double bw = text.length() * 6.3 + 12;
        double bx = hoverX + 10 + bw > GUTTER + plotWidth() ? hoverX - 10 - bw : hoverX + 10;
        g.setFill(Color.web("#0b0f14", 0.92));
        g.fillRoundRect(bx, 6, bw, 20, 6, 6);
        g.setStroke(palette().gridMajor());
        g.strokeRoundRect(bx, 6, bw, 20, 6, 6);
        g.setFill(palette().text());
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(text, bx + 6, 16);
    }

    /** The values nearest to {@code nanos}: what the hover box says. */
    String readout(long nanos) {
        StringBuilder b = new StringBuilder(disk.device()).append("  ");
        Series any = disk.util() != null ? disk.util() : disk.await();
        int i = nearest(any, nanos);
        if (i >= 0) {
            b.append(TIME.format(EpochNanos.toInstant(any.timeAt(i)).atZone(zoneOf(disk.host()))));
        }
        if (disk.util() != null && nearest(disk.util(), nanos) >= 0) {
            b.append(String.format(Locale.ROOT, "  util %.1f %%", disk.util().valueAt(nearest(disk.util(), nanos))));
        }
        if (disk.await() != null && nearest(disk.await(), nanos) >= 0) {
            b.append(String.format(Locale.ROOT, "  await %.1f ms", disk.await().valueAt(nearest(disk.await(), nanos))));
        }
        return b.toString();
    }

    private static int nearest(Series s, long nanos) {
        if (s.size() == 0) {
            return -1;
        }
        int i = lowerBound(s, nanos);
        if (i == s.size()) {
            return i - 1;
        }
        if (i > 0 && nanos - s.timeAt(i - 1) <= s.timeAt(i) - nanos) {
            return i - 1;
        }
        return i;
    }

    @Override
    protected void drawGutter(GraphicsContext g, double h) {
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.setFont(palette().bold());
        g.setFill(palette().text());
        g.fillText("Disk " + ellipsize(disk.device(), 16), 12, 8);
        g.setFont(palette().small());
        g.setFill(palette().textDim());
        g.fillText(ellipsize(disk.host(), 24), 12, 25);
        g.setFill(palette().util());
        g.fillRect(12, 46, 10, 3);
        g.setFill(palette().textDim());
        g.fillText("%util  (left)", 28, 41);
        g.setFill(palette().await());
        g.fillRect(12, 64, 10, 3);
        g.setFill(palette().textDim());
        g.fillText("await ms  (right)", 28, 59);

        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setFill(palette().util());
        for (double v : new double[]{0, 50, 100}) {
            g.fillText(String.format(Locale.ROOT, "%.0f", v), GUTTER - 5, Math.max(TOP + 4, Math.min(h - 10, y(v, 100))));
        }
        g.setTextAlign(TextAlignment.LEFT);
        g.setFill(palette().await());
        double awaitMax = awaitScale();
        double right = GUTTER + plotWidth() + 5;
        for (double f : new double[]{0, 0.5, 1}) {
            g.fillText(formatMs(awaitMax * f), right, Math.max(TOP + 4, Math.min(h - 10, y(awaitMax * f, awaitMax))));
        }
    }

    private static String formatMs(double v) {
        return v >= 10 || v == 0 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
