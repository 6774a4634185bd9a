package io.faultline.ui;

import io.faultline.analysis.HealthCadence;
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

import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * One row per container with a healthcheck, one bar per run: colour by exit code (0 ok, -1 never
 * returned, other failed), length by duration, at least {@link #MIN_BAR_PX} so short runs stay visible.
 * The configured timeout is a red line one timeout after each run's start, joined to the bar by a faint whisker (when
 * the zoom leaves room for it), and the part of a run beyond it is red. Under the bars, the beats the configured interval expects ({@link WorkbenchData.HealthRow#beats()}):
 * grey ticks on time, orange late (a line from the expected beat to the run), a red diamond where no run came, blue
 * where a run came too early (too frequent). Hover shows the run or the beat; click selects the run, puts the cursor
 * at its start and shows its output.
 */
final class HealthLane extends TimePane {
    static final double ROW = 44;
    static final double LEGEND = 36;
    private static final double BAR_TOP = 5;
    private static final double BAR_H = 20;
    private static final double BEAT_TOP = 29;
    static final double MIN_BAR_PX = 2;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS xxx");
    private final HoverTip tip;
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
        tip = new HoverTip(canvas, this::describeAt, this::redraw);
    }

    Tooltip tooltip() {
        return tip.tooltip();
    }

    HoverTip tip() {
        return tip;
    }

    /** What the hover says at (x, y): the run under it, else the expected beat under it; null for neither. */
    String describeAt(double x, double y) {
        Span s = spanAt(x, y);
        hovered = s;
        if (s != null) {
            return describe(s);
        }
        HealthCadence.Beat b = beatAt(x, y);
        return b == null ? null : describeBeat(b, (int) (y / ROW));
    }

    /** The expected beat whose marker is under (x, y), or null: only in the strip under the bars. */
    HealthCadence.Beat beatAt(double x, double y) {
        int row = (int) (y / ROW);
        if (row < 0 || row >= data.healthRows().size() || !inPlot(x) || y - row * ROW < BEAT_TOP - 2) {
            return null;
        }
        HealthCadence.Beat best = null;
        double bestDist = 5;
        for (HealthCadence.Beat b : data.healthRows().get(row).beats()) {
            double bx = x(b.kind() == HealthCadence.Beat.Kind.EXTRA ? b.observedNanos() : b.expectedNanos());
            double dist = Math.abs(bx - x);
            if (dist < bestDist) {
                best = b;
                bestDist = dist;
            }
        }
        return best;
    }

    /** Centre of a beat's marker, for tests. */
    double[] beatCentre(int row, HealthCadence.Beat b) {
        double bx = x(b.kind() == HealthCadence.Beat.Kind.EXTRA ? b.observedNanos() : b.expectedNanos());
        return new double[]{bx, row * ROW + BEAT_TOP + 5};
    }

    String describeBeat(HealthCadence.Beat b, int row) {
        WorkbenchData.HealthRow r = data.healthRows().get(row);
        String interval = Durations.compact(r.healthcheck().intervalNanos());
        String expected = TIME.format(EpochNanos.toInstant(b.expectedNanos()).atZone(zoneOf(hostOf(r))));
        return switch (b.kind()) {
            case MISSING -> "missing beat  expected " + expected + "\nno run within " + interval
                    + " of the previous one (missing on the host, or not in the evidence)";
            case LATE -> "late run  expected " + expected + "\ncame " + Durations.compact(b.offsetNanos())
                    + " after its beat (interval " + interval + ")";
            case EXTRA -> "extra run  next beat was due " + expected + "\ncame " + Durations.compact(-b.offsetNanos())
                    + " early: more often than every " + interval;
            case ON_TIME -> "on time  expected " + expected + " (interval " + interval + ")";
        };
    }

    private static String hostOf(WorkbenchData.HealthRow r) {
        return r.runs().isEmpty() ? null : r.runs().getFirst().host();
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
                return new double[]{(x0 + x1) / 2, row * ROW + BAR_TOP + BAR_H / 2};
            }
        }
        throw new IllegalArgumentException("span " + s.id() + " is not in the healthcheck lane");
    }

    String describe(Span s) {
        String start = TIME.format(EpochNanos.toInstant(s.startNanos()).atZone(zoneOf(s.host())));
        String out = s.output().isBlank() ? "(no output)" : ellipsize(s.output().strip(), 300);
        Long timeout = timeoutOf(s);
        String vsTimeout = timeout == null ? "" : "\ntimeout   " + Durations.compact(timeout)
                + (s.durationNanos() > timeout ? ": over it by " + Durations.compact(s.durationNanos() - timeout) : "");
        return "start     " + start + "\nduration  " + Durations.compact(s.durationNanos()) + vsTimeout
                + "\nexit code " + Palette.exitLabel(s.exitCode()) + "\noutput    " + out;
    }

    private Long timeoutOf(Span s) {
        for (WorkbenchData.HealthRow r : data.healthRows()) {
            if (r.healthcheck() != null && s.containerId() != null && r.containerId().equals(s.containerId())) {
                return r.healthcheck().timeoutNanos();
            }
        }
        return null;
    }

    @Override
    protected void onClick(MouseEvent e) {
        Span s = spanAt(e.getX(), e.getY());
        HealthCadence.Beat b = s == null ? beatAt(e.getX(), e.getY()) : null;
        state.selectedSpanProperty().set(s);
        state.setCursor(s != null ? s.startNanos() : b != null ? b.expectedNanos() : time(e.getX()));
        tip.pin(e);
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
                g.setFill(palette().rowShade());
                g.fillRect(GUTTER, top, plotWidth(), ROW);
            }
            g.setStroke(palette().grid());
            g.setLineWidth(1);
            g.strokeLine(GUTTER, top + ROW - 0.5, GUTTER + plotWidth(), top + ROW - 0.5);
            Long timeout = rows.get(i).healthcheck() == null ? null : rows.get(i).healthcheck().timeoutNanos();
            double timeoutPx = timeout == null ? 0 : x(r.fromNanos() + timeout) - x(r.fromNanos());
            for (Span s : visibleRuns(i, r.fromNanos(), r.toNanos())) {
                double x0 = x(s.startNanos());
                double bw = Math.max(MIN_BAR_PX, x(s.endNanos()) - x0);
                Color c = palette().exitCode(s.exitCode());
                g.setFill(s == hovered ? c.brighter() : c);
                g.fillRect(x0, top + BAR_TOP, bw, BAR_H);
                if (timeout != null && s.durationNanos() > timeout) {
                    double xt = x0 + timeoutPx;
                    g.setFill(palette().overTimeout());
                    g.fillRect(xt, top + BAR_TOP, Math.max(1, x0 + bw - xt), BAR_H);
                }
                if (s.exitCode() != null && s.exitCode() == -1) {
                    g.setStroke(c);
                    g.setLineWidth(1);
                    g.strokeLine(x0, top + 1, x0, top + BAR_TOP + BAR_H + 3);
                    g.strokeLine(x0 + bw, top + 1, x0 + bw, top + BAR_TOP + BAR_H + 3);
                }
                if (timeoutPx >= 4) {
                    double xt = Math.floor(x0 + timeoutPx) + 0.5;
                    double mid = Math.floor(top + BAR_TOP + BAR_H / 2) + 0.5;
                    g.setStroke(palette().timeoutWhisker());
                    g.setLineWidth(1);
                    g.strokeLine(x0 + bw, mid, xt, mid);
                    g.setStroke(palette().timeoutLine());
                    g.strokeLine(xt, top + BAR_TOP - 2, xt, top + BAR_TOP + BAR_H + 2);
                }
                if (s.equals(selected)) {
                    g.setStroke(palette().selection());
                    g.setLineWidth(2);
                    g.strokeRect(x0 - 2, top + BAR_TOP - 3, bw + 4, BAR_H + 6);
                }
            }
            drawBeats(g, rows.get(i).beats(), top + BEAT_TOP, r);
        }
    }

    private void drawBeats(GraphicsContext g, List<HealthCadence.Beat> beats, double y, TimeWindow r) {
        double mid = y + 5;
        for (HealthCadence.Beat b : beats) {
            if (Math.max(b.expectedNanos(), b.observedNanos()) < r.fromNanos() || Math.min(b.expectedNanos(), b.observedNanos()) > r.toNanos()) {
                continue;
            }
            double xe = x(b.expectedNanos());
            double xo = x(b.observedNanos());
            g.setLineWidth(1.5);
            switch (b.kind()) {
                case ON_TIME -> {
                    g.setStroke(palette().beatOnTime());
                    g.strokeLine(xe, y + 1, xe, y + 9);
                }
                case LATE -> {
                    g.setStroke(palette().beatLate());
                    g.strokeLine(xe, mid, xo, mid);
                    g.strokeLine(xe, y, xe, y + 10);
                    g.setFill(palette().beatLate());
                    g.fillPolygon(new double[]{xo, xo - 5, xo - 5}, new double[]{mid, mid - 4, mid + 4}, 3);
                }
                case MISSING -> {
                    g.setStroke(palette().beatMissing());
                    g.strokePolygon(new double[]{xe, xe + 5, xe, xe - 5}, new double[]{y, mid, y + 10, mid}, 4);
                }
                case EXTRA -> {
                    g.setStroke(palette().beatExtra());
                    g.strokeLine(xe, y + 2, xe, y + 8);
                    g.setFill(palette().beatExtra());
                    g.fillPolygon(new double[]{xo, xo + 5, xo - 5}, new double[]{y, y + 10, y + 10}, 3);
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
            g.fillText(ellipsize(row.detail(), 30), 12, i * ROW + 18);
            String beats = beatSummary(row.beats());
            if (!beats.isEmpty()) {
                g.setFill(palette().beatLate());
                g.fillText(ellipsize(beats, 30), 12, i * ROW + 30);
            }
        }
        double y = h - LEGEND + 3;
        g.setStroke(palette().grid());
        g.strokeLine(0, h - LEGEND + 0.5, getWidth(), h - LEGEND + 0.5);
        g.setFont(palette().small());
        legend(g, y, new Object[][]{{palette().exitOk(), "exit 0 healthy"}, {palette().exitFail(), "exit 1 unhealthy"},
                {palette().exitNeverReturned(), "-1 never returned (timeout)"}, {palette().overTimeout(), "timeout (red line); a run past it turns red"}});
        legend(g, y + 16, new Object[][]{{palette().beatOnTime(), "beat on time"}, {palette().beatLate(), "late run"},
                {palette().beatMissing(), "missing beat"}, {palette().beatExtra(), "extra run (too frequent)"}});
        g.setFill(palette().textDim());
        g.fillText("Healthchecks", 12, y);
        g.fillText("expected beats (interval)", 12, y + 16);
    }

    /** "2 late · 1 missing · 5 extra" over the whole case; empty when every beat was on time. */
    static String beatSummary(List<HealthCadence.Beat> beats) {
        int[] n = new int[HealthCadence.Beat.Kind.values().length];
        beats.forEach(b -> n[b.kind().ordinal()]++);
        List<String> parts = new java.util.ArrayList<>();
        for (HealthCadence.Beat.Kind k : List.of(HealthCadence.Beat.Kind.LATE, HealthCadence.Beat.Kind.MISSING, HealthCadence.Beat.Kind.EXTRA)) {
            if (n[k.ordinal()] > 0) {
                parts.add(n[k.ordinal()] + " " + k.name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return String.join(" · ", parts);
    }

    private void legend(GraphicsContext g, double y, Object[][] items) {
        double x = GUTTER + 8;
        for (Object[] item : items) {
            g.setFill((Color) item[0]);
            g.fillRect(x, y + 2, 10, 9);
            g.setFill(palette().textDim());
            g.fillText((String) item[1], x + 14, y);
            x += 30 + ((String) item[1]).length() * 6.2;
        }
    }
}
