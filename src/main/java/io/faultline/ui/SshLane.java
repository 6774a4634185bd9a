package io.faultline.ui;

import io.faultline.analysis.SshActivity;
import io.faultline.analysis.SshAuth;
import io.faultline.model.EpochNanos;
import io.faultline.model.Event;
import io.faultline.model.TimeWindow;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * SSH and auth ({@link SshActivity}): one row per client address with login failures (the {@link #MAX_ADDRESSES} with
 * most failures, the rest in one row), then the sessions opened and the sessions refused ({@code error: no more
 * sessions}). One tick per line, coloured by what it says. Hover shows the line; click selects it in the log table.
 */
final class SshLane extends TimePane {
    static final double ROW = 22;
    static final double LEGEND = 20;
    static final int MAX_ADDRESSES = 6;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");
    private final List<Row> rows = new ArrayList<>();
    private final HoverTip tip;

    /** One row of ticks, its hits in time order. */
    record Row(String label, List<SshActivity.Hit> hits, long[] times) {
        Row(String label, List<SshActivity.Hit> hits) {
            this(label, hits, hits.stream().mapToLong(SshActivity.Hit::timeNanos).toArray());
        }
    }

    SshLane(InvestigationState state, WorkbenchData data, WorkbenchActions actions) {
        super(state, data, actions);
        getStyleClass().add("ssh-lane");
        SshActivity ssh = data.ssh();
        List<SshActivity.AddressRow> addresses = ssh.addresses();
        for (int i = 0; i < Math.min(MAX_ADDRESSES, addresses.size()); i++) {
            SshActivity.AddressRow a = addresses.get(i);
            rows.add(new Row(a.address(), a.failures()));
        }
        if (addresses.size() > MAX_ADDRESSES) {
            List<SshActivity.Hit> rest = new ArrayList<>();
            addresses.subList(MAX_ADDRESSES, addresses.size()).forEach(a -> rest.addAll(a.failures()));
            rest.sort(Comparator.comparingLong(SshActivity.Hit::timeNanos));
            rows.add(new Row((addresses.size() - MAX_ADDRESSES) + " more addresses", rest));
        }
        if (!ssh.opened().isEmpty()) {
            rows.add(new Row("sessions opened", ssh.opened()));
        }
        if (!ssh.refused().isEmpty()) {
            rows.add(new Row("sessions refused", ssh.refused()));
        }
        double h = Math.max(1, rows.size()) * ROW + LEGEND;
        setPrefHeight(h);
        setMinHeight(h);
        setMaxHeight(h);
        tip = new HoverTip(canvas, this::describeAt, this::redraw);
    }

    HoverTip tip() {
        return tip;
    }

    List<Row> rows() {
        return rows;
    }

    Color colour(SshAuth.Kind k) {
        return switch (k) {
            case FAILED_PASSWORD, FAILED_PUBLICKEY -> palette().sshFailed();
            case INVALID_USER, NOT_ALLOWED -> palette().sshRejected();
            case CLOSED_AUTHENTICATING -> palette().sshAbandoned();
            case MAX_AUTH_ATTEMPTS -> palette().sshLimit();
            case SESSION_OPENED -> palette().sshOpened();
            case SESSION_REFUSED -> palette().sshRefused();
        };
    }

    /** The line nearest (x, y) within 4 px in its row, or null. */
    SshActivity.Hit hitAt(double x, double y) {
        int row = (int) (y / ROW);
        if (row < 0 || row >= rows.size() || !inPlot(x)) {
            return null;
        }
        Row r = rows.get(row);
        int i = java.util.Arrays.binarySearch(r.times(), time(x));
        int at = i >= 0 ? i : -i - 1;
        SshActivity.Hit best = null;
        double bestDist = 4;
        for (int k = Math.max(0, at - 2); k < Math.min(r.hits().size(), at + 2); k++) {
            double d = Math.abs(x(r.times()[k]) - x);
            if (d < bestDist) {
                best = r.hits().get(k);
                bestDist = d;
            }
        }
        return best;
    }

    /** Centre of a hit's tick, for tests. */
    double[] hitCentre(int row, SshActivity.Hit hit) {
        return new double[]{x(hit.timeNanos()), row * ROW + ROW / 2};
    }

    String describeAt(double x, double y) {
        SshActivity.Hit hit = hitAt(x, y);
        if (hit == null) {
            return null;
        }
        Event e = data.index().event(hit.eventIndex());
        SshAuth a = hit.auth();
        String who = (a.user() == null ? "" : " '" + a.user() + "'") + (a.address() == null ? "" : " from " + a.address());
        return a.kind().label() + who + "\n" + TIME.format(EpochNanos.toInstant(hit.timeNanos()).atZone(zoneOf(e.host())))
                + "  " + e.who() + "\n" + ellipsize(e.message(), 200);
    }

    @Override
    protected void onClick(MouseEvent e) {
        SshActivity.Hit hit = hitAt(e.getX(), e.getY());
        if (hit != null) {
            state.selectEvent(hit.eventIndex(), data.index().event(hit.eventIndex()));
        } else {
            state.setCursor(time(e.getX()));
        }
        tip.pin(e);
    }

    @Override
    protected void drawContent(GraphicsContext g, double w, double h) {
        TimeWindow r = state.visibleRange();
        for (int i = 0; i < rows.size(); i++) {
            double top = i * ROW;
            if (i % 2 == 1) {
                g.setFill(palette().rowShade());
                g.fillRect(GUTTER, top, plotWidth(), ROW);
            }
            g.setStroke(palette().grid());
            g.setLineWidth(1);
            g.strokeLine(GUTTER, top + ROW - 0.5, GUTTER + plotWidth(), top + ROW - 0.5);
            Row row = rows.get(i);
            int from = lowerBound(row.times(), r.fromNanos());
            int to = lowerBound(row.times(), r.toNanos() + 1);
            for (int k = from; k < to; k++) {
                SshActivity.Hit hit = row.hits().get(k);
                g.setFill(colour(hit.auth().kind()));
                g.fillRect(Math.floor(x(hit.timeNanos())) - 1, top + 4, 2.5, ROW - 8);
            }
        }
    }

    private static int lowerBound(long[] a, long key) {
        int i = java.util.Arrays.binarySearch(a, key);
        if (i < 0) {
            return -i - 1;
        }
        while (i > 0 && a[i - 1] == key) {
            i--;
        }
        return i;
    }

    @Override
    protected void drawGutter(GraphicsContext g, double h) {
        g.setTextBaseline(VPos.CENTER);
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            double y = i * ROW + ROW / 2;
            g.setTextAlign(TextAlignment.LEFT);
            g.setFont(palette().label());
            g.setFill(palette().text());
            g.fillText(ellipsize(row.label(), 17), 12, y);
            g.setTextAlign(TextAlignment.RIGHT);
            g.setFont(palette().small());
            g.setFill(palette().textDim());
            g.fillText(String.format(java.util.Locale.ROOT, "%,d", row.hits().size()), GUTTER - 8, y);
        }
        g.setTextAlign(TextAlignment.LEFT);
        double y = h - LEGEND / 2;
        g.setStroke(palette().grid());
        g.setLineWidth(1);
        g.strokeLine(0, h - LEGEND + 0.5, getWidth(), h - LEGEND + 0.5);
        g.setFont(palette().small());
        g.setFill(palette().textDim());
        g.fillText("SSH logins per address", 12, y);
        double x = GUTTER + 8;
        for (Object[] item : new Object[][]{{palette().sshFailed(), "failed password/key"}, {palette().sshRejected(), "invalid/not allowed user"},
                {palette().sshAbandoned(), "closed while authenticating"}, {palette().sshLimit(), "too many attempts"},
                {palette().sshOpened(), "session opened"}, {palette().sshRefused(), "refused / no more sessions"}}) {
            g.setFill((Color) item[0]);
            g.fillRect(x, y - 4, 10, 9);
            g.setFill(palette().textDim());
            g.fillText((String) item[1], x + 14, y);
            x += 28 + ((String) item[1]).length() * 6.2;
        }
    }
}
