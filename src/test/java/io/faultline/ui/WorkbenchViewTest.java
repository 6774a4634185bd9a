package io.faultline.ui;

import io.faultline.annotate.AnnotationStore;
import io.faultline.capture.Bundle;
import io.faultline.model.Annotation;
import io.faultline.model.AnnotationLayer;
import io.faultline.model.AnnotationTarget;
import io.faultline.model.CausalLink;
import io.faultline.model.Event;
import io.faultline.model.LinkType;
import io.faultline.model.Span;
import io.faultline.model.TimeWindow;
import io.faultline.timeline.TimelineIndex;
import javafx.geometry.Point2D;
import javafx.geometry.VerticalDirection;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TableCell;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ApplicationExtension.class)
class WorkbenchViewTest {
    @TempDir
    Path dir;
    private Path bundle;
    private AnnotationStore store;
    private WorkbenchView view;

    @BeforeAll
    static void headlessRobot() {
        System.setProperty("testfx.robot", "glass");
        FxToolkit.preferHeadless();
    }

    @Start
    void start(Stage stage) throws Exception {
        bundle = FixtureEvidence.writeBundle(dir.resolve("case.flcap"));
        store = new AnnotationStore(AnnotationLayer.empty(), "tester",
                Clock.fixed(Instant.parse("2026-01-02T10:00:00Z"), ZoneOffset.UTC));
        view = new WorkbenchView(FixtureEvidence.loaded(bundle), store);
        stage.setScene(new Scene(view.root(), 1600, 1000));
        stage.setX(0);
        stage.setY(0);
        stage.sizeToScene();
        stage.show();
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(view::close);
    }

    private InvestigationState state() {
        return view.state();
    }

    private TimelineIndex index() {
        return new TimelineIndex(FixtureEvidence.evidence().events());
    }

    @Test
    void wheelInOnePaneZoomsEveryPaneAroundThePointer(FxRobot robot) {
        long mid = (FixtureEvidence.FROM + FixtureEvidence.TO) / 2;
        robot.interact(() -> state().setVisibleRange(mid - 300 * FixtureEvidence.S, mid + 300 * FixtureEvidence.S));
        TimeWindow before = state().visibleRange();
        int rowsBefore = view.logTable().rows().size();
        HealthLane lane = view.healthLane();
        double x = TimePane.GUTTER + lane.plotWidth() * 0.75;
        long anchor = lane.time(x);

        robot.moveTo(lane.localToScreen(x, 10)).scroll(4, VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();

        TimeWindow after = state().visibleRange();
        assertThat(after.lengthNanos()).isNotEqualTo(before.lengthNanos());
        assertThat(Math.abs(lane.time(x) - anchor)).isLessThan(after.lengthNanos() / 100);
        for (IoChart chart : view.ioCharts()) {
            assertThat(chart.axisRange()).isEqualTo(after);
        }
        assertThat(view.overview().axisRange()).isEqualTo(state().fullWindow());
        List<Event> rows = List.copyOf(view.logTable().rows());
        assertThat(rows).hasSize(index().count(after.fromNanos(), after.toNanos())).isNotEmpty()
                .allMatch(e -> after.contains(e.timeNanos()));
        assertThat(rows.size()).isNotEqualTo(rowsBefore);

        IoChart chart = view.ioCharts().getFirst();
        robot.moveTo(chart.localToScreen(x, 40)).scroll(8, VerticalDirection.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        TimeWindow back = state().visibleRange();
        boolean firstZoomedIn = after.lengthNanos() < before.lengthNanos();
        if (firstZoomedIn) {
            assertThat(back.lengthNanos()).isGreaterThan(before.lengthNanos());
            assertThat(view.logTable().rows().size()).isGreaterThan(rowsBefore);
        } else {
            assertThat(back.lengthNanos()).isLessThan(before.lengthNanos());
            assertThat(view.logTable().rows().size()).isLessThan(rowsBefore);
        }
        assertThat(lane.axisRange()).isEqualTo(back);
        assertThat(view.logTable().rows()).hasSize(index().count(back.fromNanos(), back.toNanos()));
    }

    @Test
    void dragInALanePansEveryPane(FxRobot robot) {
        long mid = (FixtureEvidence.FROM + FixtureEvidence.TO) / 2;
        robot.interact(() -> state().setVisibleRange(mid - 300 * FixtureEvidence.S, mid + 300 * FixtureEvidence.S));
        TimeWindow before = state().visibleRange();
        IoChart chart = view.ioCharts().getFirst();
        double x = TimePane.GUTTER + chart.plotWidth() / 2;
        robot.drag(chart.localToScreen(x, 50)).dropTo(chart.localToScreen(x + chart.plotWidth() / 4, 50));
        WaitForAsyncUtils.waitForFxEvents();

        TimeWindow after = state().visibleRange();
        assertThat(after.lengthNanos()).isEqualTo(before.lengthNanos());
        assertThat(after.fromNanos()).isLessThan(before.fromNanos() - before.lengthNanos() / 5);
        assertThat(view.logTable().rows()).hasSize(index().count(after.fromNanos(), after.toNanos()));
    }

    @Test
    void brushingTheOverviewSetsTheVisibleRange(FxRobot robot) {
        OverviewPane overview = view.overview();
        double x0 = TimePane.GUTTER + overview.plotWidth() * 0.6;
        double x1 = TimePane.GUTTER + overview.plotWidth() * 0.8;
        long from = overview.time(x0);
        long to = overview.time(x1);
        robot.drag(overview.localToScreen(x0, 30)).dropTo(overview.localToScreen(x1, 30));
        WaitForAsyncUtils.waitForFxEvents();

        TimeWindow r = state().visibleRange();
        long tolerance = state().fullWindow().lengthNanos() / 200;
        assertThat(Math.abs(r.fromNanos() - from)).isLessThan(tolerance);
        assertThat(Math.abs(r.toNanos() - to)).isLessThan(tolerance);
        assertThat(view.healthLane().axisRange()).isEqualTo(r);
    }

    @Test
    void clickingAHealthcheckRunSelectsItAndTheLogTableFollows(FxRobot robot) {
        Span timeout = timedOutRun();
        robot.interact(() -> state().setVisibleRange(timeout.startNanos() - 60 * FixtureEvidence.S, timeout.startNanos() + 60 * FixtureEvidence.S));
        double[] centre = view.healthLane().barCentre(timeout);

        robot.clickOn(view.healthLane().localToScreen(centre[0], centre[1]));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(state().selectedSpan()).isEqualTo(timeout);
        assertThat(state().cursor()).isEqualTo(timeout.startNanos());
        TimelineIndex index = index();
        Event expected = index.event(index.nearest(timeout.startNanos()));
        Event selected = view.logTable().table().getSelectionModel().getSelectedItem();
        assertThat(selected).isEqualTo(expected);
        assertThat(state().selectedEvent()).isEqualTo(expected);
        assertThat(view.healthLane().describe(timeout)).contains("exit code -1 (never returned: timed out)").contains("duration  3s");
    }

    @Test
    void hoveringARunShowsItsStartDurationExitCodeAndOutput(FxRobot robot) {
        Span timeout = timedOutRun();
        robot.interact(() -> state().setVisibleRange(timeout.startNanos() - 60 * FixtureEvidence.S, timeout.startNanos() + 60 * FixtureEvidence.S));
        double[] centre = view.healthLane().barCentre(timeout);
        robot.moveTo(view.healthLane().localToScreen(centre[0] - 30, centre[1])).moveTo(view.healthLane().localToScreen(centre[0], centre[1]));
        WaitForAsyncUtils.waitForFxEvents();

        javafx.scene.control.Tooltip tip = view.healthLane().tooltip();
        assertThat(tip.isShowing()).isTrue();
        String start = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
                .format(io.faultline.model.EpochNanos.toInstant(timeout.startNanos()).atZone(ZoneOffset.UTC));
        assertThat(start).startsWith("2025-10-05 15:21:25.");
        assertThat(tip.getText()).isEqualTo("start     " + start + " +00:00\nduration  3s\n"
                + "timeout   3s\nexit code -1 (never returned: timed out)\noutput    Health check exceeded timeout (3s)");
    }

    @Test
    void theStatusBarCountsEventsInViewAndListsTheDiagnostics(FxRobot robot) {
        javafx.scene.control.Label inView = robot.lookup("#eventsInView").queryAs(javafx.scene.control.Label.class);
        assertThat(inView.getText()).isEqualTo("236 / 236 events in view");
        robot.interact(() -> state().setVisibleRange(FixtureEvidence.FROM, FixtureEvidence.FROM + 300 * FixtureEvidence.S));
        assertThat(inView.getText()).isEqualTo(String.format("%,d / 236 events in view",
                index().count(FixtureEvidence.FROM, FixtureEvidence.FROM + 300 * FixtureEvidence.S)));

        robot.clickOn("#diagnosticsLink");
        javafx.scene.control.TableView<?> table = robot.lookup("#diagnosticsTable").queryAs(javafx.scene.control.TableView.class);
        assertThat(table.getItems()).hasSize(2);
        assertThat(table.getItems()).isEqualTo(FixtureEvidence.evidence().diagnostics());
        assertThat(robot.lookup(".table-cell").queryAll().stream()
                .filter(n -> n instanceof TableCell<?, ?> c && "17".equals(c.getText())).count()).isEqualTo(1);
    }

    @Test
    void notesAndALinkMadeThroughTheUiGoToTheStoreAndTheBundleAndUndo(FxRobot robot) throws Exception {
        robot.interact(() -> state().setVisibleRange(FixtureEvidence.FROM + 310 * FixtureEvidence.S, FixtureEvidence.TO));
        WaitForAsyncUtils.waitForFxEvents();
        int failed = 0;
        while (!view.logTable().rows().get(failed).message().startsWith("Failed password")) {
            failed++;
        }
        int row = failed;
        robot.interact(() -> view.logTable().scrollToRow(row));
        Node cell = robot.lookup((Node n) -> n instanceof TableCell<?, ?> c && c.getText() != null
                && c.getText().startsWith("Failed password")).query();
        robot.clickOn(cell);
        Event line = state().selectedEvent();
        assertThat(line.message()).startsWith("Failed password");
        assertThat(state().cursor()).isEqualTo(line.timeNanos());

        clickNoteButton(robot);
        robot.clickOn("#noteText").write("brute force from three addresses");
        robot.clickOn("#noteTags").write("ssh, noise");
        robot.clickOn("#noteOk");
        WaitForAsyncUtils.waitForFxEvents();

        Span timeout = timedOutRun();
        robot.interact(() -> state().setVisibleRange(timeout.startNanos() - 60 * FixtureEvidence.S, timeout.startNanos() + 60 * FixtureEvidence.S));
        double[] centre = view.healthLane().barCentre(timeout);
        robot.clickOn(view.healthLane().localToScreen(centre[0], centre[1]));
        clickNoteButton(robot);
        robot.clickOn("#noteText").write("probe never returned: disk at 100 %");
        robot.clickOn("#noteOk");
        WaitForAsyncUtils.waitForFxEvents();

        List<Annotation> notes = store.snapshot().annotations();
        assertThat(notes).hasSize(2);
        assertThat(notes.get(0).target()).isEqualTo(new AnnotationTarget.OnEvent(line.id(), line.timeNanos()));
        assertThat(notes.get(0).note()).isEqualTo("brute force from three addresses");
        assertThat(notes.get(0).tags()).containsExactly("ssh", "noise");
        assertThat(notes.get(1).target()).isEqualTo(new AnnotationTarget.OnSpan(timeout.id(), timeout.kind(), timeout.startNanos(), timeout.endNanos()));

        robot.clickOn("#linkButton");
        robot.clickOn("#linkType");
        robot.clickOn("contributes to");
        robot.clickOn("#linkNote").write("sshd load");
        robot.clickOn("#linkOk");
        WaitForAsyncUtils.waitForFxEvents();

        List<CausalLink> links = store.snapshot().links();
        assertThat(links).hasSize(1);
        assertThat(links.getFirst().fromId()).isEqualTo(notes.get(0).id());
        assertThat(links.getFirst().toId()).isEqualTo(notes.get(1).id());
        assertThat(links.getFirst().type()).isEqualTo(LinkType.CONTRIBUTES_TO);
        assertThat(links.getFirst().note()).isEqualTo("sshd load");
        assertThat(view.annotationPanel().list().getItems()).hasSize(3);
        assertThat(state().annotations()).isEqualTo(store.snapshot());
        AnnotationLayer withLink = store.snapshot();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> savedLayer().equals(withLink));

        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(store.snapshot().links()).isEmpty();
        assertThat(store.snapshot().annotations()).hasSize(2);
        assertThat(view.annotationPanel().list().getItems()).hasSize(2);

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Z).release(KeyCode.Z, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(store.snapshot()).isEqualTo(withLink);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> savedLayer().equals(withLink));
    }

    @Test
    void aNoteWithNothingSelectedGoesOnTheBrushedRange(FxRobot robot) {
        OverviewPane overview = view.overview();
        double x0 = TimePane.GUTTER + overview.plotWidth() * 0.55;
        double x1 = TimePane.GUTTER + overview.plotWidth() * 0.9;
        robot.drag(overview.localToScreen(x0, 30)).dropTo(overview.localToScreen(x1, 30));
        WaitForAsyncUtils.waitForFxEvents();
        TimeWindow brushed = state().visibleRange();
        assertThat(state().selectedEvent()).isNull();
        assertThat(state().selectedSpan()).isNull();

        clickNoteButton(robot);
        robot.clickOn("#noteText").write("disk saturated from here");
        robot.clickOn("#noteOk");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(store.snapshot().annotations()).singleElement()
                .satisfies(a -> assertThat(a.target()).isEqualTo(new AnnotationTarget.OnRange(brushed.fromNanos(), brushed.toNanos())));
        assertThat(view.annotationPanel().list().getItems()).hasSize(1);
    }

    @Test
    void aPaneListensOnlyWhileItIsShown(FxRobot robot) {
        robot.interact(() -> {
            WorkbenchData data = WorkbenchData.prepare(FixtureEvidence.loaded(null));
            InvestigationState shared = new InvestigationState(data.fullWindow(), AnnotationLayer.empty());
            LogTable table = new LogTable(shared, data, null);
            assertThat(table.rows()).isEmpty();

            javafx.scene.layout.StackPane holder = new javafx.scene.layout.StackPane(table);
            new Scene(holder, 800, 400);
            assertThat(table.rows()).hasSize(data.index().size());

            shared.setVisibleRange(FixtureEvidence.FROM, FixtureEvidence.FROM + 300 * FixtureEvidence.S);
            int shown = data.index().count(FixtureEvidence.FROM, FixtureEvidence.FROM + 300 * FixtureEvidence.S);
            assertThat(table.rows()).hasSize(shown);

            holder.getChildren().clear();
            shared.resetZoom();
            assertThat(table.rows()).hasSize(shown);

            holder.getChildren().add(table);
            assertThat(table.rows()).hasSize(data.index().size());
        });
    }

    private AnnotationLayer savedLayer() throws Exception {
        try (Bundle b = Bundle.open(bundle)) {
            return b.annotations();
        }
    }

    private static void clickNoteButton(FxRobot robot) {
        Node button = robot.lookup("#noteButton").query();
        robot.clickOn(button.localToScreen(new Point2D(18, button.getBoundsInLocal().getHeight() / 2)));
    }

    private static Span timedOutRun() {
        return FixtureEvidence.evidence().spans().stream()
                .filter(s -> s.exitCode() != null && s.exitCode() == -1).findFirst().orElseThrow();
    }
}
