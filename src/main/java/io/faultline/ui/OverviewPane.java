package io.faultline.ui;

import io.faultline.model.Annotation;
import io.faultline.model.AnnotationLayer;
import io.faultline.model.CausalLink;
import io.faultline.model.Severity;
import io.faultline.model.TimeWindow;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.text.TextAlignment;

import java.util.HashMap;
import java.util.Map;

/**
 * The whole window as a histogram of events stacked by severity (errors at the bottom), with the visible
 * range as a brush: drag to set it, wheel to zoom it, click to centre it. With a filter on, the histogram fades and
 * the kept events stand on it; with a search, a strip above the axis marks where the hits are (taller: more hits).
 * Densities come from the {@link io.faultline.timeline.Selection}s, O(buckets · log n) each.
 */
final class OverviewPane extends TimePane {
    static final double AXIS = 18;
    static final double HIT_STRIP = 8;
    private static final double BUCKET_PX = 3;
    private long[][] counts;
    private double countsWidth = -1;
    private long maxCount;
    private FilteredView densityView;
    private double densityWidth = -1;
    private long[] kept;
    private long[] hits;
    private long maxHits;

    OverviewPane(InvestigationState state, WorkbenchData data, WorkbenchActions actions) {
        super(state, data, actions);
        getStyleClass().add("overview-pane");
        setPrefHeight(96);
        setMinHeight(USE_PREF_SIZE);
    }

    @Override
    protected TimeWindow axisRange() {
        return state.fullWindow();
    }

    private void computeCounts() {
        double width = plotWidth();
        if (counts != null && width == countsWidth) {
            return;
        }
        int buckets = Math.max(1, (int) (width / BUCKET_PX));
        TimeWindow r = axisRange();
        counts = data.index().histogramBySeverity(r.fromNanos(), r.toNanos(), buckets);
        maxCount = 1;
        for (long[] b : counts) {
            long sum = 0;
            for (long c : b) {
                sum += c;
            }
            maxCount = Math.max(maxCount, sum);
        }
        countsWidth = width;
    }

    private void computeDensity() {
        FilteredView view = state.view();
        if (view == densityView && countsWidth == densityWidth) {
            return;
        }
        TimeWindow r = axisRange();
        kept = view.kept() == null ? null : view.kept().density(data.index(), r.fromNanos(), r.toNanos(), counts.length);
        hits = view.hits() == null ? null : view.hits().density(data.index(), r.fromNanos(), r.toNanos(), counts.length);
        maxHits = 1;
        if (hits != null) {
            for (long c : hits) {
                maxHits = Math.max(maxHits, c);
            }
        }
        densityView = view;
        densityWidth = countsWidth;
    }

    /** Hits per overview bucket, as last drawn; null when there is no search. */
    long[] hitDensity() {
        return hits;
    }

    /** Kept events per overview bucket, as last drawn; null when no filter is on. */
    long[] keptDensity() {
        return kept;
    }

    @Override
    protected void drawContent(GraphicsContext g, double w, double h) {
        computeCounts();
        computeDensity();
        double top = 10;
        double bottom = h - AXIS;
        double barsBottom = hits == null ? bottom : bottom - HIT_STRIP;
        double plotH = barsBottom - top;
        double bw = plotWidth() / counts.length;
        TimeWindow v = state.visibleRange();
        double x0 = x(v.fromNanos());
        double x1 = Math.max(x0 + 2, x(v.toNanos()));
        g.setFill(palette().brushFill());
        g.fillRect(x0, 0, x1 - x0, bottom);
        g.setGlobalAlpha(kept == null ? 1 : 0.22);
        drawBars(g, barsBottom, plotH, bw);
        g.setGlobalAlpha(1);
        if (kept != null) {
            g.setFill(palette().kept());
            for (int b = 0; b < kept.length; b++) {
                if (kept[b] > 0) {
                    double bh = Math.max(1.5, kept[b] * plotH / maxCount);
                    g.fillRect(GUTTER + b * bw, barsBottom - bh, Math.max(1, bw - 1), bh);
                }
            }
        }
        if (hits != null) {
            drawHits(g, barsBottom, bw);
        }
        g.setFill(palette().outside());
        g.fillRect(GUTTER, 0, x0 - GUTTER, bottom);
        g.fillRect(x1, 0, GUTTER + plotWidth() - x1, bottom);
        g.setStroke(palette().brushEdge());
        g.setLineWidth(1.5);
        g.strokeRect(x0, 0.75, x1 - x0, bottom - 1.5);
        g.setStroke(palette().gridMajor());
        g.setLineWidth(1);
        g.strokeLine(GUTTER, bottom + 0.5, GUTTER + plotWidth(), bottom + 0.5);
        drawLinks(g, barsBottom);
        drawAxisLabels(g, h, AXIS);
    }

    /** A dark strip under the bars with a tick per bucket that holds hits, its height growing with the log of their number. */
    private void drawHits(GraphicsContext g, double top, double bw) {
        g.setFill(palette().hitStrip());
        g.fillRect(GUTTER, top, plotWidth(), HIT_STRIP);
        g.setFill(palette().hit());
        double scale = Math.log1p(maxHits);
        for (int b = 0; b < hits.length; b++) {
            if (hits[b] > 0) {
                double th = 4 + (HIT_STRIP - 4) * Math.log1p(hits[b]) / scale;
                g.fillRect(GUTTER + b * bw, top + HIT_STRIP - th, Math.max(2, bw - 1), th);
            }
        }
    }

    private void drawBars(GraphicsContext g, double bottom, double plotH, double bw) {
        Severity[] severities = Severity.values();
        for (int b = 0; b < counts.length; b++) {
            double y = bottom;
            double x = GUTTER + b * bw;
            for (int s = 0; s < severities.length; s++) {
                long c = counts[b][s];
                if (c == 0) {
                    continue;
                }
                double bh = Math.max(1, c * plotH / maxCount);
                g.setFill(palette().severity(severities[s]));
                g.fillRect(x, y - bh, Math.max(1, bw - 1), bh);
                y -= bh;
            }
        }
    }

    /** Each causal link as an arc from one note's time to the other's, arrow at the effect, type on top. */
    private void drawLinks(GraphicsContext g, double bottom) {
        AnnotationLayer layer = state.annotations();
        Map<String, Annotation> byId = new HashMap<>();
        layer.annotations().forEach(a -> byId.put(a.id(), a));
        g.setFont(palette().small());
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.BOTTOM);
        for (CausalLink l : layer.links()) {
            Annotation from = byId.get(l.fromId());
            Annotation to = byId.get(l.toId());
            if (from == null || to == null) {
                continue;
            }
            double x0 = x(from.target().startNanos());
            double x1 = x(to.target().startNanos());
            double base = 9;
            double lift = Math.min(bottom - base - 16, 10 + Math.abs(x1 - x0) / 8);
            double mid = (x0 + x1) / 2;
            g.setStroke(palette().link());
            g.setLineWidth(state.highlighted().contains(l.id()) ? 3 : 1.5);
            g.beginPath();
            g.moveTo(x0, base);
            g.quadraticCurveTo(mid, base + 2 * lift, x1, base);
            g.stroke();
            double tx = x1 - mid;
            double ty = -2 * lift;
            double len = Math.hypot(tx, ty);
            tx /= len;
            ty /= len;
            double bx = x1 - 8 * tx;
            double by = base - 8 * ty;
            g.setFill(palette().link());
            g.fillPolygon(new double[]{x1, bx - 4 * ty, bx + 4 * ty}, new double[]{base, by + 4 * tx, by - 4 * tx}, 3);
            double labelWidth = l.type().label().length() * 6.2 + 8;
            g.setFill(palette().labelBackground());
            g.fillRoundRect(mid - labelWidth / 2, base + lift + 1, labelWidth, 14, 4, 4);
            g.setFill(palette().linkText());
            g.fillText(l.type().label(), mid, base + lift + 14);
        }
    }

    @Override
    protected void drawGutter(GraphicsContext g, double h) {
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.setFont(palette().bold());
        g.setFill(palette().text());
        g.fillText("Events", 12, 10);
        g.setFont(palette().small());
        g.setFill(palette().textDim());
        FilteredView view = state.view();
        g.fillText(view.filtered() ? String.format("%,d of %,d kept", view.kept().size(), data.index().size())
                : String.format("%,d in window", data.index().size()), 12, 28);
        if (view.hits() == null) {
            g.fillText(String.format("peak %,d / bucket", maxCount), 12, 44);
        } else {
            g.setFill(palette().hit());
            g.fillRect(12, 46, 8, 8);
            g.setFill(palette().textDim());
            g.fillText(String.format(view.hits().size() == 1 ? "%,d hit" : "%,d hits", view.hits().size()), 23, 44);
        }
        double x = 12;
        for (Severity s : new Severity[]{Severity.ERR, Severity.WARNING, Severity.NOTICE, Severity.INFO}) {
            g.setFill(palette().severity(s));
            g.fillRect(x, 64, 8, 8);
            g.setFill(palette().textDim());
            String label = switch (s) {
                case ERR -> "err";
                case WARNING -> "warn";
                case NOTICE -> "notice";
                default -> "info";
            };
            g.fillText(label, x + 11, 62);
            x += 16 + label.length() * 6.5;
        }
    }

    @Override
    protected void dragTo(double startX, double previousX, double x) {
        double a = Math.max(GUTTER, Math.min(startX, x));
        double b = Math.min(GUTTER + plotWidth(), Math.max(startX, x));
        state.setVisibleRange(gesture(), time(a), time(b));
    }

    @Override
    protected void endDrag(double startX, double x) {
        state.brushedProperty().set(state.visibleRange());
    }

    @Override
    protected void onClick(MouseEvent e) {
        long centre = time(e.getX());
        long half = state.visibleRange().lengthNanos() / 2;
        state.setVisibleRange(centre - half, centre + half);
    }
}
