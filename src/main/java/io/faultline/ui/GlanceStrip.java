package io.faultline.ui;

import eu.hansolo.tilesfx.Tile;
import io.faultline.analysis.Glance;
import io.faultline.model.EpochNanos;
import io.faultline.model.Span;
import io.faultline.timeline.TimelineIndex;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The case at a glance: a row of small TilesFX tiles over the whole capture ({@link Glance}) — peak disk %util,
 * healthcheck runs and failures, the longest failing streak, container restarts, the peak of error lines per minute.
 * A click on a tile shows where it happens: the visible range moves there, the cursor goes to it and the run or
 * line is selected. The values do not follow the zoom: they say what the whole capture holds.
 */
final class GlanceStrip extends HBox {
    static final double TILE_WIDTH = 236;
    static final double TILE_HEIGHT = 46;
    static final double TILE_MIN_WIDTH = 150;
    /** How much time a jump to an instant shows around it, at most. */
    static final long AROUND_NANOS = 5 * 60_000_000_000L;
    private static final long MINUTE = 60_000_000_000L;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter MINUTE_TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    private final InvestigationState state;
    private final WorkbenchData data;
    private final Glance glance;

    GlanceStrip(InvestigationState state, WorkbenchData data) {
        this.state = state;
        this.data = data;
        this.glance = data.glance();
        getStyleClass().add("glance-strip");
        setId("glanceStrip");
        setSpacing(6);
        setAlignment(Pos.CENTER_LEFT);
        build();
        state.paletteProperty().addListener(o -> build());
        state.zoneChoiceProperty().addListener(o -> build());
    }

    /** The tiles in the colours of the view's palette: made again when the theme changes. */
    private void build() {
        Glance.DiskPeak d = glance.diskPeak();
        StackPane disk = tile("glanceDisk", "Peak disk util",
                d == null ? "–" : String.format(Locale.ROOT, "%.0f %%", d.util()),
                d == null ? "no %util series" : d.device() + " at " + time(d.timeNanos()),
                d != null && d.util() >= 90 ? palette().exitFail() : palette().util(), d == null ? null : this::showDiskPeak);

        Glance.HealthRuns h = glance.health();
        StackPane health = tile("glanceHealth", "Healthcheck runs",
                h.runs() == 0 ? "–" : String.format(Locale.ROOT, "%,d", h.runs()),
                h.firstFailure() != null ? String.format(Locale.ROOT, "%,d failed · first %s", h.failures(), time(h.firstFailure().startNanos()))
                        : h.runs() == 0 ? "no healthcheck runs" : "none failed",
                h.failures() > 0 ? palette().exitFail() : palette().exitOk(), h.runs() == 0 ? null : this::showHealth);

        Glance.Streak s = glance.streak();
        StackPane streak = tile("glanceStreak", "Longest failing streak",
                s == null ? "0 runs" : String.format(Locale.ROOT, "%,d run%s", s.runs(), s.runs() == 1 ? "" : "s"),
                s == null ? "no run failed" : container(s.containerId()) + " from " + time(s.first().startNanos()),
                s == null ? palette().exitOk() : palette().exitFail(), s == null ? null : this::showStreak);

        Glance.Restarts r = glance.restarts();
        StackPane restarts = tile("glanceRestarts", "Container restarts",
                String.format(Locale.ROOT, "%,d", r.count()),
                r.firstIndex() >= 0 ? "first: " + container(r.firstContainer()) + " " + time(data.index().time(r.firstIndex()))
                        : r.inspectTotal() > 0 ? "inspect counts " + r.inspectTotal() + " in all" : "none in docker events",
                r.count() > 0 ? palette().exitFail() : palette().exitOk(), r.firstIndex() < 0 ? null : this::showRestart);

        Glance.ErrorPeak e = glance.errors();
        StackPane errors = tile("glanceErrors", "Error lines / minute",
                e.perMinute() == 0 ? "0" : String.format(Locale.ROOT, "%,d peak", e.perMinute()),
                e.perMinute() == 0 ? "no error lines" : String.format(Locale.ROOT, "at %s · %,d in all", minute(e.minuteNanos()), e.total()),
                e.perMinute() > 0 ? palette().severity(io.faultline.model.Severity.ERR) : palette().exitOk(),
                e.firstIndex() < 0 ? null : this::showErrors);

        Label over = new Label("whole\ncapture");
        over.getStyleClass().add("glance-scope");
        over.setTooltip(new Tooltip("The tiles count over the whole capture, whatever the zoom; click one to go there"));
        getChildren().setAll(over, disk, health, streak, restarts, errors);
    }

    private Palette palette() {
        return state.palette();
    }

    /**
     * A TilesFX tile (the custom skin: its frame and background) with the labels laid over it rather than given to it
     * as its graphic: the skin sizes its graphic only while the tile is in a window that shows, so an offscreen render
     * (the PNG export) drew them at 0 × 0.
     */
    private StackPane tile(String id, String title, String value, String detail, Color accent, Runnable onClick) {
        Label t = new Label(title.toUpperCase(Locale.ROOT));
        t.getStyleClass().add("glance-title");
        Label v = new Label(value);
        v.getStyleClass().add("glance-value");
        v.setTextFill(accent);
        v.setMinWidth(Region.USE_PREF_SIZE);
        Label dl = new Label(detail);
        dl.getStyleClass().add("glance-detail");
        dl.setMinWidth(0);
        HBox line = new HBox(6, v, dl);
        line.setAlignment(Pos.BASELINE_LEFT);
        VBox box = new VBox(0, t, line);
        box.getStyleClass().add("glance-content");
        box.setAlignment(Pos.CENTER_LEFT);
        box.setMinSize(0, 0);

        Tile tile = new Tile(Tile.SkinType.CUSTOM);
        tile.setTitle("");
        tile.setTextVisible(false);
        tile.setBackgroundColor(palette().pane());
        tile.setBorderColor(palette().grid());
        tile.setBorderWidth(1);
        tile.setMouseTransparent(true);
        StackPane cell = new StackPane(tile, box);
        cell.setId(id);
        cell.getStyleClass().add("glance-tile");
        // narrower in a narrow window (their detail line is cut with …), so the strip never widens the window
        cell.setMinSize(TILE_MIN_WIDTH, TILE_HEIGHT);
        cell.setPrefSize(TILE_WIDTH, TILE_HEIGHT);
        cell.setMaxSize(TILE_WIDTH, TILE_HEIGHT);
        if (onClick != null) {
            cell.setOnMouseClicked(ev -> onClick.run());
            cell.getStyleClass().add("clickable");
            Tooltip.install(cell, new Tooltip(title + ": " + value + " (" + detail + ")\nclick to go there"));
        } else {
            Tooltip.install(cell, new Tooltip(title + ": " + value + " (" + detail + ")"));
        }
        return cell;
    }

    private String time(long nanos) {
        return TIME.format(EpochNanos.toInstant(nanos).atZone(state.zoneChoice().resolve(data.displayZone())));
    }

    private String minute(long nanos) {
        return MINUTE_TIME.format(EpochNanos.toInstant(nanos).atZone(state.zoneChoice().resolve(data.displayZone())));
    }

    private String container(String id) {
        for (WorkbenchData.HealthRow row : data.healthRows()) {
            if (row.containerId().equals(id)) {
                return row.label();
            }
        }
        for (var c : data.evidence().containers()) {
            if (c.id().equals(id)) {
                return c.label();
            }
        }
        return id == null ? "?" : id.substring(0, Math.min(12, id.length()));
    }

    /** Shows [from, to) with some room on both sides, at least a minute. */
    private void show(long fromNanos, long toNanos) {
        long length = Math.max(MINUTE, toNanos - fromNanos);
        long pad = length / 5;
        long centre = fromNanos + (toNanos - fromNanos) / 2;
        long shown = length + 2 * pad;
        state.setVisibleRange(centre - shown / 2, centre - shown / 2 + shown);
    }

    /** Shows up to {@link #AROUND_NANOS} around {@code nanos} (less when the range is already narrower). */
    private void showAround(long nanos) {
        long length = Math.min(AROUND_NANOS, state.visibleRange().lengthNanos());
        state.setVisibleRange(nanos - length / 2, nanos - length / 2 + length);
    }

    private void selectSpan(Span s) {
        state.selectedSpanProperty().set(s);
        state.setCursor(s.startNanos());
    }

    private void selectEvent(int index) {
        TimelineIndex ix = data.index();
        state.selectEvent(index, ix.event(index));
    }

    private void showDiskPeak() {
        long t = glance.diskPeak().timeNanos();
        showAround(t);
        state.selectedSpanProperty().set(null);
        state.setCursor(t);
    }

    private void showHealth() {
        Glance.HealthRuns h = glance.health();
        Span run = h.firstFailure() != null ? h.firstFailure() : h.firstRun();
        showAround(run.startNanos());
        selectSpan(run);
    }

    private void showStreak() {
        Glance.Streak s = glance.streak();
        show(s.first().startNanos(), s.endNanos());
        selectSpan(s.first());
    }

    private void showRestart() {
        int i = glance.restarts().firstIndex();
        showAround(data.index().time(i));
        selectEvent(i);
    }

    private void showErrors() {
        Glance.ErrorPeak e = glance.errors();
        show(e.minuteNanos(), e.minuteNanos() + MINUTE);
        selectEvent(e.firstIndex());
    }
}
