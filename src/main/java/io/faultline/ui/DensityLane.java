package io.faultline.ui;

import io.faultline.model.EpochNanos;
import io.faultline.model.Severity;
import io.faultline.model.TimeWindow;
import io.faultline.timeline.Facet;
import io.faultline.timeline.Selection;
import io.faultline.timeline.SourceDensity;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.TextAlignment;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Events per source (journal, docker events, dmesg ...) over the visible range, one row each, stacked by severity with
 * errors at the bottom as in the overview. Each row has its own scale (its busiest bucket fills it), so a quiet source
 * stays readable beside a chatty one; the gutter says the row's peak. With a filter on, only the kept events count.
 */
final class DensityLane extends TimePane {
    static final double ROW = 30;
    private static final double BUCKET_PX = 3;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter TIME_OFFSET = DateTimeFormatter.ofPattern("HH:mm:ss xxx");
    private static final Severity[] BOTTOM_UP = Severity.values();
    private final List<Integer> shown = new ArrayList<>();
    private final HoverTip tip;
    private SourceDensity density;
    private TimeWindow densityRange;
    private Selection densityKept;
    private int densityBuckets = -1;

    DensityLane(InvestigationState state, WorkbenchData data, WorkbenchActions actions) {
        super(state, data, actions);
        getStyleClass().add("density-lane");
        SourceDensity all = data.sourceDensity().count(0, 1, 0, null);
        boolean unnamed = data.index().facetCounts(Facet.SOURCE, Long.MIN_VALUE, Long.MAX_VALUE).stream()
                .anyMatch(c -> c.value() == null);
        for (int r = 0; r < all.rows(); r++) {
            if (all.value(r) != null || unnamed) {
                shown.add(r);
            }
        }
        double h = Math.max(1, shown.size()) * ROW;
        setPrefHeight(h);
        setMinHeight(h);
        setMaxHeight(h);
        tip = new HoverTip(canvas, this::describeAt, this::redraw);
    }

    HoverTip tip() {
        return tip;
    }

    /** The sources, one per row, top to bottom. */
    List<String> sources() {
        SourceDensity d = density();
        return shown.stream().map(r -> d.value(r) == null ? "(no source)" : d.value(r)).toList();
    }

    private int buckets() {
        return Math.max(1, (int) (plotWidth() / BUCKET_PX));
    }

    /** The counts of the visible range under the active filter, recomputed when the range, filter or width changes. */
    SourceDensity density() {
        TimeWindow r = state.visibleRange();
        Selection kept = state.view().kept();
        int buckets = buckets();
        if (density == null || !r.equals(densityRange) || kept != densityKept || buckets != densityBuckets) {
            density = data.sourceDensity().count(r.fromNanos(), r.toNanos(), buckets, kept);
            densityRange = r;
            densityKept = kept;
            densityBuckets = buckets;
        }
        return density;
    }

    private int bucketAt(double x) {
        return (int) Math.max(0, Math.min(buckets() - 1, (x - GUTTER) / (plotWidth() / buckets())));
    }

    /** What the hover says at (x, y): the row's source, the bucket's time span and its counts per severity. */
    String describeAt(double x, double y) {
        int row = (int) (y / ROW);
        if (!inPlot(x) || row < 0 || row >= shown.size()) {
            return null;
        }
        SourceDensity d = density();
        int b = bucketAt(x);
        long total = d.total(shown.get(row), b);
        if (total == 0) {
            return null;
        }
        TimeWindow r = state.visibleRange();
        double width = (double) r.lengthNanos() / d.buckets();
        long from = r.fromNanos() + (long) (b * width);
        long to = r.fromNanos() + (long) ((b + 1) * width);
        StringBuilder s = new StringBuilder(sources().get(row)).append("  ")
                .append(TIME.format(EpochNanos.toInstant(from).atZone(zone()))).append('–')
                .append(TIME_OFFSET.format(EpochNanos.toInstant(to).atZone(zone())))
                .append(String.format(Locale.ROOT, "%n%,d event%s", total, total == 1 ? "" : "s"));
        if (state.view().filtered()) {
            s.append(" kept by the filter");
        }
        long[] bySeverity = d.bucket(shown.get(row), b);
        for (Severity sev : BOTTOM_UP) {
            if (bySeverity[sev.ordinal()] > 0) {
                s.append(String.format(Locale.ROOT, "%n  %-8s %,d", sev.name().toLowerCase(Locale.ROOT), bySeverity[sev.ordinal()]));
            }
        }
        return s.toString();
    }

    /** The screen-independent centre of bucket {@code bucket} of row {@code row}, for tests. */
    double[] bucketCentre(int row, int bucket) {
        double bw = plotWidth() / buckets();
        return new double[]{GUTTER + (bucket + 0.5) * bw, row * ROW + ROW / 2};
    }

    @Override
    protected void drawContent(GraphicsContext g, double w, double h) {
        SourceDensity d = density();
        double bw = plotWidth() / d.buckets();
        for (int i = 0; i < shown.size(); i++) {
            int row = shown.get(i);
            double top = i * ROW;
            if (i % 2 == 1) {
                g.setFill(palette().rowShade());
                g.fillRect(GUTTER, top, plotWidth(), ROW);
            }
            g.setStroke(palette().grid());
            g.setLineWidth(1);
            g.strokeLine(GUTTER, top + ROW - 0.5, GUTTER + plotWidth(), top + ROW - 0.5);
            long peak = 1;
            for (int b = 0; b < d.buckets(); b++) {
                peak = Math.max(peak, d.total(row, b));
            }
            double bottom = top + ROW - 2;
            double plotH = ROW - 6;
            for (int b = 0; b < d.buckets(); b++) {
                long[] c = d.bucket(row, b);
                double y = bottom;
                for (Severity sev : BOTTOM_UP) {
                    long n = c[sev.ordinal()];
                    if (n == 0) {
                        continue;
                    }
                    double bh = Math.max(1.5, n * plotH / peak);
                    g.setFill(palette().severity(sev));
                    g.fillRect(GUTTER + b * bw, y - bh, Math.max(1, bw - 1), bh);
                    y -= bh;
                }
            }
        }
    }

    @Override
    protected void drawGutter(GraphicsContext g, double h) {
        SourceDensity d = density();
        List<String> names = sources();
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        for (int i = 0; i < shown.size(); i++) {
            int row = shown.get(i);
            long peak = 0;
            for (int b = 0; b < d.buckets(); b++) {
                peak = Math.max(peak, d.total(row, b));
            }
            g.setFont(palette().bold());
            g.setFill(palette().text());
            g.fillText(ellipsize(names.get(i), 22), 12, i * ROW + 3);
            g.setFont(palette().small());
            g.setFill(palette().textDim());
            g.fillText(String.format(Locale.ROOT, "%,d in view · peak %,d", d.rowTotal(row), peak), 12, i * ROW + 17);
        }
    }

    /** True when the case has no events, so no row. */
    boolean isEmpty() {
        return shown.isEmpty();
    }
}
