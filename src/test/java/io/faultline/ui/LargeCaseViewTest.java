package io.faultline.ui;

import io.faultline.annotate.AnnotationStore;
import io.faultline.model.AnnotationLayer;
import io.faultline.model.EpochNanos;
import io.faultline.model.Event;
import io.faultline.model.Evidence;
import io.faultline.model.HostInfo;
import io.faultline.model.Severity;
import io.faultline.model.SourceRef;
import io.faultline.model.TimeWindow;
import javafx.scene.Scene;
import javafx.scene.control.ScrollBar;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The window over a case of {@value #EVENTS} events: the log table holds a window of its rows (the scroll bar spans all
 * of them, the window follows scrolls and selections); the facet sidebar sets new counts in place.
 */
@ExtendWith(ApplicationExtension.class)
class LargeCaseViewTest {
    private static final int EVENTS = 10_000;
    private static final long FROM = Instant.parse("2026-01-01T10:00:00Z").getEpochSecond() * 1_000_000_000L;
    private static final long MS = 1_000_000L;
    private WorkbenchData data;
    private WorkbenchView view;

    @BeforeAll
    static void headlessRobot() {
        System.setProperty("testfx.robot", "glass");
        FxToolkit.preferHeadless();
    }

    @Start
    void start(Stage stage) {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            long t = FROM + i * MS;
            events.add(new Event("log#" + i, t, EpochNanos.iso(t), "h", "journal-short", "u.service", "u", Severity.INFO, "line " + i,
                    null, false, Map.of(), new SourceRef("log", i + 1, i * 10L)));
        }
        Evidence ev = new Evidence(new TimeWindow(FROM, FROM + EVENTS * MS), List.of(new HostInfo("h", "UTC", 0, 0)), events, List.of(),
                List.of(), List.of(), List.of(), List.of());
        data = WorkbenchData.prepare(new LoadedCase(Path.of("window.flcap"), ev, AnnotationLayer.empty()));
        view = new WorkbenchView(data, new AnnotationStore(AnnotationLayer.empty(), "tester", Clock.fixed(Instant.parse("2026-01-02T10:00:00Z"), ZoneOffset.UTC)));
        stage.setScene(new Scene(view.root(), 1600, 1000));
        stage.show();
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(view::close);
    }

    @Test
    void theTableHoldsAWindowOfTheRowsAndTheBarSpansThemAll(FxRobot robot) {
        LogTable log = view.logTable();
        ScrollBar bar = robot.lookup("#logScrollBar").queryAs(ScrollBar.class);
        robot.interact(() -> { });
        assertThat(log.rowCount()).isEqualTo(EVENTS);
        assertThat(log.rows()).hasSize(LogTable.WINDOW);
        assertThat(log.windowStart()).isZero();
        assertThat(bar.isVisible()).isTrue();
        assertThat(bar.getMax()).isEqualTo(EVENTS - 1);
        var thumb = bar.lookup(".thumb");
        assertThat(thumb.getBoundsInParent().getHeight()).as("a thumb one can see and grab over 10,000 rows").isGreaterThanOrEqualTo(20);
        robot.interact(() -> view.state().setVisibleRange(FROM, FROM + 1_000 * MS));
        assertThat(bar.isVisible()).as("no bar of its own over fewer rows than the window").isFalse();
        robot.interact(() -> view.state().resetZoom());
        javafx.geometry.Bounds tb = thumb.localToScene(thumb.getBoundsInLocal());
        javafx.scene.image.WritableImage[] shot = new javafx.scene.image.WritableImage[1];
        robot.interact(() -> shot[0] = view.root().getScene().snapshot(null));
        assertThat(shot[0].getPixelReader().getColor((int) tb.getCenterX(), (int) tb.getCenterY()))
                .as("the thumb is drawn").isEqualTo(javafx.scene.paint.Color.web("#3a4656"));

        robot.interact(() -> log.scrollToRow(9_000));
        int start = log.windowStart();
        assertThat(start).isPositive().isLessThanOrEqualTo(9_000);
        assertThat(start + LogTable.WINDOW).isGreaterThan(9_000);
        assertThat(log.rows().get(9_000 - start).message()).isEqualTo("line 9000");
        assertThat(bar.getValue()).isEqualTo(9_000);

        robot.interact(() -> log.scrollToRow(EVENTS - 1));
        assertThat(log.windowStart()).isEqualTo(EVENTS - LogTable.WINDOW);
        assertThat(log.rows().getLast().message()).isEqualTo("line 9999");

        robot.interact(() -> bar.setValue(4_321));
        assertThat(log.windowStart()).isLessThanOrEqualTo(4_321);
        assertThat(log.rows().get(4_321 - log.windowStart()).message()).isEqualTo("line 4321");
    }

    @Test
    void aSelectionOutsideTheWindowMovesItAndARowClickedSelectsItsEvent(FxRobot robot) {
        LogTable log = view.logTable();
        robot.interact(() -> view.state().selectEvent(7_500, data.index().event(7_500)));
        assertThat(log.windowStart()).isLessThanOrEqualTo(7_500);
        assertThat(log.windowStart() + log.table().getSelectionModel().getSelectedIndex()).isEqualTo(7_500);
        assertThat(log.table().getSelectionModel().getSelectedItem().message()).isEqualTo("line 7500");

        robot.interact(() -> log.table().getSelectionModel().clearAndSelect(10));
        int selected = log.windowStart() + 10;
        assertThat(view.state().selectedIndex()).isEqualTo(selected);
        assertThat(view.state().selectedEvent().message()).isEqualTo("line " + selected);

        robot.interact(() -> log.scrollToRow(0));
        assertThat(log.windowStart()).isZero();
        assertThat(log.table().getSelectionModel().getSelectedIndex()).isEqualTo(-1);
        assertThat(view.state().selectedIndex()).as("the selection stays when its row leaves the window").isEqualTo(selected);

        robot.interact(() -> log.scrollToRow(selected));
        assertThat(log.windowStart() + log.table().getSelectionModel().getSelectedIndex()).isEqualTo(selected);
    }

    @Test
    void aZoomThatOnlyChangesTheCountsSetsThemInTheSameRows(FxRobot robot) {
        FacetSidebar sidebar = view.facetSidebar();
        robot.interact(() -> { });
        var box = sidebar.includeBox(io.faultline.timeline.Facet.HOST, "h");
        assertThat(sidebar.shownCount(io.faultline.timeline.Facet.HOST, "h")).isEqualTo("10,000");
        robot.interact(() -> view.state().setVisibleRange(FROM, FROM + 2_500 * MS));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        assertThat(sidebar.shownCount(io.faultline.timeline.Facet.HOST, "h")).isEqualTo("2,500");
        assertThat(sidebar.includeBox(io.faultline.timeline.Facet.HOST, "h")).as("the same row, its count changed").isSameAs(box);

        robot.interact(() -> view.state().filterProperty().set(FacetFilters.exclude(view.state().filter(),
                io.faultline.timeline.Facet.HOST, "h")));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        assertThat(sidebar.includeBox(io.faultline.timeline.Facet.HOST, "h")).as("a new filter builds the rows anew").isNotSameAs(box);
    }
}
