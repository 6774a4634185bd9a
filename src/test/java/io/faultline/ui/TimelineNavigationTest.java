package io.faultline.ui;

import io.faultline.annotate.AnnotationStore;
import io.faultline.model.AnnotationLayer;
import io.faultline.model.EpochNanos;
import io.faultline.model.Event;
import io.faultline.model.Evidence;
import io.faultline.model.HostInfo;
import io.faultline.model.TimeWindow;
import io.faultline.timeline.TimelineIndex;
import javafx.geometry.Point2D;
import javafx.geometry.VerticalDirection;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TableCell;
import javafx.scene.control.TextField;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.ZoomEvent;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The timeline driven like a user: wheel, keys, brush, back and forward, lanes collapsed and moved, the zone switched;
 * every assertion checks all the panes. The fixture's host is put in Asia/Shanghai (+08:00) so the zones differ.
 */
@ExtendWith(ApplicationExtension.class)
class TimelineNavigationTest {
    private static final long S = FixtureEvidence.S;
    private static final long MID = (FixtureEvidence.FROM + FixtureEvidence.TO) / 2;
    private WorkbenchView view;

    @BeforeAll
    static void headlessRobot() {
        System.setProperty("testfx.robot", "glass");
        FxToolkit.preferHeadless();
    }

    @Start
    void start(Stage stage) {
        Evidence e = FixtureEvidence.evidence();
        Evidence shanghai = new Evidence(e.window(), List.of(new HostInfo(FixtureEvidence.HOST, "Asia/Shanghai", 12, 3)), e.events(),
                e.spans(), e.series(), e.containers(), e.sources(), e.diagnostics());
        AnnotationStore store = new AnnotationStore(AnnotationLayer.empty(), "tester",
                Clock.fixed(Instant.parse("2026-01-02T10:00:00Z"), ZoneOffset.UTC));
        view = new WorkbenchView(new LoadedCase(null, shanghai, AnnotationLayer.empty()), store);
        stage.setScene(new Scene(view.root(), 1600, 1000));
        stage.setX(0);
        stage.setY(0);
        stage.show();
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(view::close);
    }

    private InvestigationState state() {
        return view.state();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    private static TimelineIndex index() {
        return new TimelineIndex(FixtureEvidence.evidence().events());
    }

    private void showAroundMiddle(FxRobot robot) {
        robot.interact(() -> {
            state().setVisibleRange(MID - 300 * S, MID + 300 * S);
            state().clearHistory();
        });
    }

    /** Every pane shows {@code r}: the lanes and the axis span it, the overview's brush is drawn on it, the log table holds its rows. */
    private void assertEveryPaneShows(TimeWindow r) throws Exception {
        assertThat(state().visibleRange()).isEqualTo(r);
        assertThat(fx(() -> view.axis().axisRange())).isEqualTo(r);
        assertThat(fx(() -> view.healthLane().axisRange())).isEqualTo(r);
        for (IoChart chart : view.ioCharts()) {
            assertThat(fx(chart::axisRange)).isEqualTo(r);
        }
        OverviewPane overview = view.overview();
        assertThat(fx(overview::axisRange)).isEqualTo(state().fullWindow());
        double[] brush = fx(() -> new double[]{overview.x(r.fromNanos()), overview.x(r.toNanos())});
        WritableImage shot = fx(() -> overview.snapshot(null, null));
        for (double edge : brush) {
            assertThat(brushEdgeNear(shot.getPixelReader(), edge, 5)).as("overview brush edge at x=%.1f", edge).isTrue();
        }
        List<Event> rows = fx(() -> List.copyOf(view.logTable().rows()));
        assertThat(rows).hasSize(index().count(r.fromNanos(), r.toNanos())).allMatch(e -> r.contains(e.timeNanos()));
    }

    /** The brush edge colour (#58a6ff) in a pixel column next to {@code x} at height {@code y}. */
    private static boolean brushEdgeNear(PixelReader px, double x, int y) {
        for (int dx = -1; dx <= 1; dx++) {
            Color c = px.getColor((int) Math.floor(x) + dx, y);
            if (c.getBlue() > 0.75 && c.getRed() < 0.5 && c.getGreen() > 0.45) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aWheelTurnInOneLaneZoomsEveryPaneAroundThePointerAndIsOneHistoryEntry(FxRobot robot) throws Exception {
        showAroundMiddle(robot);
        IoChart chart = view.ioCharts().getFirst();
        double x = TimePane.GUTTER + fx(chart::plotWidth) * 0.75;
        long anchor = fx(() -> chart.time(x));

        robot.moveTo(fx(() -> chart.localToScreen(x, 40))).scroll(3, VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();

        TimeWindow after = state().visibleRange();
        assertThat(after.lengthNanos()).isNotEqualTo(600 * S);
        assertThat(Math.abs(fx(() -> chart.time(x)) - anchor)).isLessThan(after.lengthNanos() / 100);
        assertEveryPaneShows(after);
        assertThat(state().backDepth()).isEqualTo(1);

        robot.press(KeyCode.ALT, KeyCode.LEFT).release(KeyCode.LEFT, KeyCode.ALT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEveryPaneShows(new TimeWindow(MID - 300 * S, MID + 300 * S));
        robot.press(KeyCode.ALT, KeyCode.RIGHT).release(KeyCode.RIGHT, KeyCode.ALT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEveryPaneShows(after);

        robot.clickOn("#backButton");
        assertEveryPaneShows(new TimeWindow(MID - 300 * S, MID + 300 * S));
        assertThat(fx(() -> robot.lookup("#backButton").query().isDisabled())).isTrue();
        robot.clickOn("#forwardButton");
        assertEveryPaneShows(after);
    }

    @Test
    void aPinchZoomsAroundItsCentreAndIsOneHistoryEntry(FxRobot robot) throws Exception {
        showAroundMiddle(robot);
        HealthLane lane = view.healthLane();
        double x = TimePane.GUTTER + fx(lane::plotWidth) * 0.4;
        long anchor = fx(() -> lane.time(x));
        Point2D screen = fx(() -> lane.localToScreen(x, 20));
        robot.interact(() -> {
            lane.canvas.fireEvent(pinch(ZoomEvent.ZOOM_STARTED, x, screen, 1));
            for (int i = 0; i < 3; i++) {
                lane.canvas.fireEvent(pinch(ZoomEvent.ZOOM, x, screen, 1.25));
            }
            lane.canvas.fireEvent(pinch(ZoomEvent.ZOOM_FINISHED, x, screen, 1));
        });
        TimeWindow after = state().visibleRange();
        assertThat(after.lengthNanos()).isCloseTo(Math.round(600 * S / (1.25 * 1.25 * 1.25)), org.assertj.core.data.Offset.offset(1000L));
        assertThat(Math.abs(fx(() -> lane.time(x)) - anchor)).isLessThan(after.lengthNanos() / 1000);
        assertEveryPaneShows(after);
        assertThat(state().backDepth()).isEqualTo(1);
    }

    private static ZoomEvent pinch(javafx.event.EventType<ZoomEvent> type, double x, Point2D screen, double factor) {
        return new ZoomEvent(type, x, 20, screen.getX(), screen.getY(), false, false, false, false, true, false, factor, factor, null);
    }

    @Test
    void plusAndMinusZoomAroundTheCursorAndArrowsPan(FxRobot robot) throws Exception {
        showAroundMiddle(robot);
        IoChart chart = view.ioCharts().getFirst();
        double x = TimePane.GUTTER + fx(chart::plotWidth) * 0.25;
        robot.clickOn(fx(() -> chart.localToScreen(x, 40)));
        long cursor = state().cursor();
        assertThat(cursor).isBetween(MID - 300 * S, MID);

        robot.type(KeyCode.PLUS);
        TimeWindow in = state().visibleRange();
        assertThat(in.lengthNanos()).isEqualTo(300 * S);
        assertThat(Math.abs(fx(() -> chart.x(cursor)) - x)).isLessThan(1.0);
        assertEveryPaneShows(in);

        robot.type(KeyCode.MINUS);
        assertThat(state().visibleRange().lengthNanos()).isEqualTo(600 * S);
        assertThat(Math.abs(fx(() -> chart.x(cursor)) - x)).isLessThan(1.0);

        TimeWindow before = state().visibleRange();
        robot.type(KeyCode.RIGHT);
        assertEveryPaneShows(new TimeWindow(before.fromNanos() + 60 * S, before.toNanos() + 60 * S));
        robot.type(KeyCode.LEFT);
        robot.type(KeyCode.LEFT);
        assertEveryPaneShows(new TimeWindow(before.fromNanos() - 60 * S, before.toNanos() - 60 * S));
        robot.press(KeyCode.SHIFT).type(KeyCode.RIGHT).release(KeyCode.SHIFT);
        assertEveryPaneShows(new TimeWindow(before.fromNanos() + 540 * S, before.toNanos() + 540 * S));

        TimeWindow still = state().visibleRange();
        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        robot.write("a+b");
        robot.type(KeyCode.LEFT);
        robot.type(KeyCode.MINUS);
        WaitForAsyncUtils.waitForFxEvents();
        TextField field = fx(() -> (TextField) view.root().getScene().getFocusOwner());
        String typed = fx(field::getText);
        assertThat(typed).isEqualTo("a+-b");
        assertThat(state().visibleRange()).isEqualTo(still);
    }

    @Test
    void shiftDragInALaneOrADragOnTheAxisBrushesARangeAndZoomsToIt(FxRobot robot) throws Exception {
        showAroundMiddle(robot);
        HealthLane lane = view.healthLane();
        double x0 = TimePane.GUTTER + fx(lane::plotWidth) * 0.3;
        double x1 = TimePane.GUTTER + fx(lane::plotWidth) * 0.6;
        long from = fx(() -> lane.time(x0));
        long to = fx(() -> lane.time(x1));

        robot.interact(() -> view.laneStack().setCollapsed(view.laneStack().order().getLast(), true));
        robot.press(KeyCode.SHIFT);
        robot.moveTo(fx(() -> lane.localToScreen(x0, 20))).press(MouseButton.PRIMARY);
        robot.moveTo(fx(() -> lane.localToScreen((x0 + x1) / 2, 20))).moveTo(fx(() -> lane.localToScreen(x1, 20)));
        WaitForAsyncUtils.waitForFxEvents();
        double[] band = fx(() -> ((TimePaneSkin) lane.getSkin()).brush());
        assertThat(band).isNotNull();
        assertThat(band[0]).isCloseTo(x0, org.assertj.core.data.Offset.offset(1.0));
        assertThat(band[1]).isCloseTo(x1, org.assertj.core.data.Offset.offset(1.0));
        assertThat(state().visibleRange()).isEqualTo(new TimeWindow(MID - 300 * S, MID + 300 * S));
        Snapshots.save(robot, "target/timeline-brush.png");
        robot.release(MouseButton.PRIMARY);
        robot.release(KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();

        TimeWindow brushed = state().visibleRange();
        long tolerance = 600 * S / 400;
        assertThat(Math.abs(brushed.fromNanos() - from)).isLessThan(tolerance);
        assertThat(Math.abs(brushed.toNanos() - to)).isLessThan(tolerance);
        assertEveryPaneShows(brushed);

        AxisPane axis = view.axis();
        double a0 = TimePane.GUTTER + fx(axis::plotWidth) * 0.5;
        double a1 = TimePane.GUTTER + fx(axis::plotWidth) * 0.75;
        long afrom = fx(() -> axis.time(a0));
        long ato = fx(() -> axis.time(a1));
        robot.drag(fx(() -> axis.localToScreen(a0, 12))).dropTo(fx(() -> axis.localToScreen(a1, 12)));
        WaitForAsyncUtils.waitForFxEvents();
        TimeWindow onAxis = state().visibleRange();
        long axisTolerance = brushed.lengthNanos() / 400;
        assertThat(Math.abs(onAxis.fromNanos() - afrom)).isLessThan(axisTolerance);
        assertThat(Math.abs(onAxis.toNanos() - ato)).isLessThan(axisTolerance);
        assertEveryPaneShows(onAxis);

        robot.press(KeyCode.ALT, KeyCode.LEFT).release(KeyCode.LEFT, KeyCode.ALT);
        assertThat(state().visibleRange()).isEqualTo(brushed);
    }

    @Test
    void aLaneCollapsesToItsHeaderAndMovesByDragOrMenu(FxRobot robot) throws Exception {
        LaneStack lanes = view.laneStack();
        String disk = fx(() -> lanes.order().get(2));
        assertThat(fx(() -> List.<String>copyOf(lanes.order()))).containsExactly("density", "health", "io-sda", "io-sdb", "lifecycle", "ssh");

        Node header = fx(() -> lanes.header("health"));
        robot.clickOn(header);
        assertThat(fx(() -> lanes.collapsed().contains("health"))).isTrue();
        assertThat(fx(() -> view.healthLane().isVisible())).isFalse();
        double collapsedHeight = fx(() -> header.getParent().getBoundsInParent().getHeight());
        assertThat(collapsedHeight).isLessThan(20);
        robot.clickOn(header);
        assertThat(fx(() -> lanes.collapsed().contains("health"))).isFalse();
        assertThat(fx(() -> view.healthLane().isVisible())).isTrue();

        Node diskHeader = fx(() -> lanes.header(disk));
        Point2D start = fx(() -> header.localToScreen(60, 7));
        Point2D below = fx(() -> diskHeader.getParent().localToScreen(60, diskHeader.getParent().getBoundsInLocal().getHeight() - 10));
        robot.drag(start).dropTo(below);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> List.<String>copyOf(lanes.order()))).startsWith("density", disk, "health");
        assertThat(fx(() -> lanes.getChildren().indexOf(view.healthLane().getParent()))).isEqualTo(2);

        Point2D at = fx(() -> header.localToScreen(60, 7));
        robot.moveTo(at);
        robot.interact(() -> header.fireEvent(new ContextMenuEvent(ContextMenuEvent.CONTEXT_MENU_REQUESTED, 60, 7, at.getX(), at.getY(),
                false, null)));
        robot.clickOn("Move up");
        assertThat(fx(() -> List.<String>copyOf(lanes.order()))).startsWith("density", "health", disk);

        robot.clickOn("View");
        robot.clickOn("Collapse all lanes");
        assertThat(fx(() -> Set.<String>copyOf(lanes.collapsed()))).containsExactlyInAnyOrderElementsOf(fx(() -> List.copyOf(lanes.order())));
    }

    @Test
    void theZoneChoiceRelabelsTheAxisAndTheLogTable(FxRobot robot) throws Exception {
        robot.interact(() -> state().setVisibleRange(FixtureEvidence.FROM, FixtureEvidence.FROM + 1800 * S));
        AxisPane axis = view.axis();
        assertThat(fx(axis::gutterLabel)).isEqualTo("2025-10-05  UTC+08:00 host");
        assertThat(fx(axis::tickLabels)).contains("23:05", "23:10").doesNotContain("15:05");
        assertThat(firstTimeCell(robot)).startsWith("2025-10-05 23:00:").endsWith(" +08:00");
        assertThat(fx(() -> view.logTable().table().getColumns().getFirst().getText())).isEqualTo("Time (host zone)");

        robot.clickOn("#zoneChoice");
        robot.clickOn((Node n) -> n instanceof javafx.scene.control.ListCell<?> c && "UTC".equals(c.getText()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(state().zoneChoice()).isEqualTo(ZoneChoice.UTC);
        assertThat(fx(axis::gutterLabel)).isEqualTo("2025-10-05  UTC+00:00");
        assertThat(fx(axis::tickLabels)).contains("15:05", "15:10").doesNotContain("23:05");
        assertThat(firstTimeCell(robot)).startsWith("2025-10-05 15:00:").endsWith(" +00:00");
        assertThat(fx(() -> view.logTable().table().getColumns().getFirst().getText())).isEqualTo("Time (UTC)");

        robot.interact(() -> state().zoneChoiceProperty().set(ZoneChoice.LAPTOP));
        Event first = index().event(0);
        String laptop = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS xxx", Locale.ROOT)
                .format(EpochNanos.toInstant(first.timeNanos()).atZone(ZoneId.systemDefault()));
        assertThat(firstTimeCell(robot)).isEqualTo(laptop);
        assertThat(fx(axis::gutterLabel)).endsWith(" laptop");
        assertThat(fx(() -> ((javafx.scene.control.ComboBox<?>) robot.lookup("#zoneChoice").query()).getValue())).isEqualTo(ZoneChoice.LAPTOP);
        Snapshots.save(robot, "target/timeline-navigation.png");
    }

    private String firstTimeCell(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        return fx(() -> {
            var column = view.logTable().table().getColumns().getFirst();
            return view.logTable().table().lookupAll(".table-cell").stream()
                    .filter(n -> n instanceof TableCell<?, ?> c && c.getTableColumn() == column && c.getIndex() == 0)
                    .map(n -> ((TableCell<?, ?>) n).getText()).findFirst().orElseThrow();
        });
    }
}
