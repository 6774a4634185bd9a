package io.faultline.ui;

import io.faultline.model.EpochNanos;
import io.faultline.model.Span;
import io.faultline.model.TimeWindow;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;

import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * One row per container with a healthcheck, one bar per run: colour by exit code (0 ok, -1 never
 * returned, other failed), length by duration, at least {@link #MIN_BAR_PX} so short runs stay visible.
 * Hover shows the run; click selects it and puts the cursor at its start.
 */
final class HealthLane extends TimePane {
    static final double ROW = 36;
    static final double LEGEND = 20;
    static final double MIN_BAR_PX = 2;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS xxx");
    private final Tooltip tooltip = new Tooltip();
    private final long[][] starts;
    private final long[] longest;
    private Span hovered;

    HealthLane(InvestigationState state, WorkbenchData data, WorkbenchActions actions) {
        super(state, data, actions);
        getStyleClass().add("health-lane");
        double h = Math.max(1, data.healthRows().size()) * ROW + LEGEND;
        setPrefHeight(h);
        setMinHeight(h);
        setMaxHeight(h);
        int rows = data.healthRows().size();
        starts = new long[rows][];
        longest = new long[rows];
        for (int i = 0; i < rows; i++) {
            List<Span> runs = data.healthRows().get(i).runs();
            starts[i] = runs.stream().mapToLong(Span::startNanos).toArray();
            longest[i] = runs.stream().mapToLong(Span::durationNanos).max().orElse(0);
        }
        tooltip.setShowDelay(Duration.ZERO);
        tooltip.getStyleClass().add("lane-tooltip");
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, this::onMoved);
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> hover(null, e));
    }

    Tooltip tooltip() {
        return tooltip;
    }

    /** The run under (x, y), or null. */
    Span spanAt(double x, double y) {
        int row = (int) (y / ROW);
        if (row < 0 || row >= data.healthRows().size() || !inPlot(x)) {
            return null;
        }
        Span best = null;
        double bestDist = 4;
        long slack = time(x + 8) - time(x);
        for (Span s : visibleRuns(row, time(x) - slack, time(x) + slack)) {
            double x0 = x(s.startNanos());
            double x1 = Math.max(x0 + MIN_BAR_PX, x(s.endNanos()));
            double dist = x < x0 ? x0 - x : (x > x1 ? x - x1 : 0);
            if (dist < bestDist) {
                best = s;
                bestDist = dist;
            }
        }
        return best;
    }

    /** The runs of a row that may overlap [from, to]: a binary search on the starts, wide by the longest run. */
    private List<Span> visibleRuns(int row, long from, long to) {
        long[] s = starts[row];
        int lo = lowerBound(s, from - longest[row]);
        int hi = lowerBound(s, to + 1);
        return data.healthRows().get(row).runs().subList(lo, Math.max(lo, hi));
    }

    private static int lowerBound(long[] a, long key) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Screen-independent centre of a run's bar in this pane's coordinates, for tests and keyboard use. */
    double[] barCentre(Span s) {
        for (int row = 0; row < data.healthRows().size(); row++) {
            if (data.healthRows().get(row).runs().contains(s)) {
                double x0 = x(s.startNanos());
                double x1 = Math.max(x0 + MIN_BAR_PX, x(s.endNanos()));
                return new double[]{(x0 + x1) / 2, row * ROW + ROW / 2};
            }
        }
        throw new IllegalArgumentException("span " + s.id() + " is not in the healthcheck lane");
    }

    private void onMoved(MouseEvent e) {
        hover(spanAt(e.getX(), e.getY()), e);
    }

    private void hover(Span s, MouseEvent e) {
        if (s == hovered) {
            return;
        }
        hovered = s;
        if (s == null) {
            tooltip.hide();
        } else {
            tooltip.setText(describe(s));
            tooltip.show(canvas, e.getScreenX() + 14, e.getScreenY() + 14);
        }
        redraw();
    }

    String describe(Span s) {
        String start = TIME.format(EpochNanos.toInstant(s.startNanos()).atZone(data.zoneOf(s.host())));
        String out = s.output().isBlank() ? "(no output)" : ellipsize(s.output().strip(), 300);
        return "start     " + start + "\nduration  " + Durations.compact(s.durationNanos())
                + "\nexit code " + Palette.exitLabel(s.exitCode()) + "\noutput    " + out;
    }

    @Override
    protected void onClick(MouseEvent e) {
        Span s = spanAt(e.getX(), e.getY());
        state.selectedSpanProperty().set(s);
        state.setCursor(s == null ? time(e.getX()) : s.startNanos());
    }

    @Override
    protected List<MenuItem> contextItems(double x, double y) {
        Span s = spanAt(x, y);
        if (s == null) {
            return List.of();
        }
        MenuItem note = new MenuItem("Note on this healthcheck run…");
        note.setOnAction(a -> {
            state.selectedSpanProperty().set(s);
            actions.noteOnSpan(s);
        });
        return List.of(note);
    }

    @Override
    protected void drawContent(GraphicsContext g, double w, double h) {
        TimeWindow r = state.visibleRange();
        Span selected = state.selectedSpan();
        List<WorkbenchData.HealthRow> rows = data.healthRows();
        for (int i = 0; i < rows.size(); i++) {
            double top = i * ROW;
            if (i % 2 == 1) {
                g.setFill(Color.web("#ffffff", 0.02));
                g.fillRect(GUTTER, top, plotWidth(), ROW);
            }
            g.setStroke(palette().grid());
            g.setLineWidth(1);
            g.strokeLine(GUTTER, top + ROW - 0.5, GUTTER + plotWidth(), top + ROW - 0.5);
            for (Span s : visibleRuns(i, r.fromNanos(), r.toNanos())) {
                double x0 = x(s.startNanos());
                double bw = Math.max(MIN_BAR_PX, x(s.endNanos()) - x0);
                Color c = palette().exitCode(s.exitCode());
                g.setFill(s == hovered ? c.brighter() : c);
                g.fillRect(x0, top + 9, bw, ROW - 18);
                if (s.exitCode() != null && s.exitCode() == -1) {
                    g.setStroke(c);
                    g.setLineWidth(1);
                    g.strokeLine(x0, top + 3, x0, top + ROW - 3);
                    g.strokeLine(x0 + bw, top + 3, x0 + bw, top + ROW - 3);
                }
                if (s.equals(selected)) {
                    g.setStroke(palette().selection());
                    g.setLineWidth(2);
                    g.strokeRect(x0 - 2, top + 4, bw + 4, ROW - 8);
                }
            }
        }
    }

    @Override
    protected void drawGutter(GraphicsContext g, double h) {
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        List<WorkbenchData.HealthRow> rows = data.healthRows();
        if (rows.isEmpty()) {
            g.setFont(palette().small());
            g.setFill(palette().textDim());
            g.fillText("no container has a healthcheck", 12, 8);
        }
        for (int i = 0; i < rows.size(); i++) {
            WorkbenchData.HealthRow row = rows.get(i);
            g.setFont(palette().bold());
            g.setFill(palette().text());
            g.fillText(ellipsize(row.label(), 24), 12, i * ROW + 4);
            g.setFont(palette().small());
            g.setFill(palette().textDim());
            g.fillText(ellipsize(row.detail(), 30), 12, i * ROW + 20);
        }
        double y = h - LEGEND + 4;
        g.setStroke(palette().grid());
        g.strokeLine(0, h - LEGEND + 0.5, getWidth(), h - LEGEND + 0.5);
        g.setFont(palette().small());
        double x = GUTTER + 8;
        for (Object[] item : new Object[][]{{palette().exitOk(), "exit 0 healthy"}, {palette().exitFail(), "exit 1 unhealthy"},
                {palette().exitNeverReturned(), "-1 never returned (timeout)"}}) {
            g.setFill((Color) item[0]);
            g.fillRect(x, y + 2, 10, 9);
            g.setFill(palette().textDim());
            g.fillText((String) item[1], x + 14, y);
            x += 30 + ((String) item[1]).length() * 6.2;
        }
        g.setFill(palette().textDim());
        g.fillText("Healthchecks", 12, y);
    }
}
