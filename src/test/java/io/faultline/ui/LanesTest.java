package io.faultline.ui;

import io.faultline.analysis.ContainerLifecycle;
import io.faultline.analysis.HealthCadence;
import io.faultline.analysis.SshActivity;
import io.faultline.analysis.SshAuth;
import io.faultline.annotate.AnnotationStore;
import io.faultline.capture.Bundle;
import io.faultline.ingest.Ingestor;
import io.faultline.model.AnnotationLayer;
import io.faultline.model.Event;
import io.faultline.model.Evidence;
import io.faultline.model.Series;
import io.faultline.model.Severity;
import io.faultline.model.Span;
import io.faultline.model.TimeWindow;
import io.faultline.timeline.Facet;
import io.faultline.timeline.Filter;
import io.faultline.timeline.SourceDensity;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The lanes of the investigation view on the bundled sample (a real 10-minute testbed capture): hover and click each. */
@ExtendWith(ApplicationExtension.class)
class LanesTest {
    private static final long S = 1_000_000_000L;
    private static Evidence sample;
    private WorkbenchView view;

    @BeforeAll
    static void headlessRobot() throws Exception {
        System.setProperty("testfx.robot", "glass");
        FxToolkit.preferHeadless();
        try (Bundle b = Bundle.open(Path.of("assets", "sample.flcap"))) {
            sample = Ingestor.ingest(b);
        }
    }

    @Start
    void start(Stage stage) {
        view = new WorkbenchView(new LoadedCase(null, sample, AnnotationLayer.empty()),
                new AnnotationStore(AnnotationLayer.empty(), "tester", Clock.systemUTC()));
        stage.setScene(new Scene(view.root(), 1600, 1150));
        stage.setX(0);
        stage.setY(0);
        stage.show();
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(view::close);
    }

    private static <T> T fx(FxRobot robot, Supplier<T> s) {
        AtomicReference<T> out = new AtomicReference<>();
        robot.interact(() -> out.set(s.get()));
        return out.get();
    }

    /** Scrolls the lanes so {@code lane} is in view and returns the screen point of (x, y) in it. */
    private static Point2D onScreen(FxRobot robot, TimePane lane, double[] xy) {
        return fx(robot, () -> {
            Node n = lane;
            while (n != null && !(n instanceof ScrollPane)) {
                n = n.getParent();
            }
            ScrollPane scroll = (ScrollPane) n;
            Bounds content = scroll.getContent().getLayoutBounds();
            double viewport = scroll.getViewportBounds().getHeight();
            double y = lane.localToScene(0, 0).getY() - scroll.getContent().localToScene(0, 0).getY();
            if (content.getHeight() > viewport) {
                scroll.setVvalue(Math.min(1, Math.max(0, (y + xy[1] - viewport / 2) / (content.getHeight() - viewport))));
            }
            scroll.layout();
            return lane.localToScreen(xy[0], xy[1]);
        });
    }

    private void show(FxRobot robot, long from, long to) {
        robot.interact(() -> view.state().setVisibleRange(from, to));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void densityRowsArePerSourceTheHoverCountsABucketAndAFilterKeepsOnlyItsEvents(FxRobot robot) throws Exception {
        DensityLane lane = view.densityLane();
        assertThat(fx(robot, lane::sources)).containsExactly("journal-json", "docker-events");
        TimeWindow r = fx(robot, () -> view.state().visibleRange());
        SourceDensity all = fx(robot, lane::density);
        int bucket = 0;
        while (all.total(0, bucket) == 0) {
            bucket++;
        }
        int b = bucket;
        robot.moveTo(onScreen(robot, lane, fx(robot, () -> lane.bucketCentre(0, b))));
        WaitForAsyncUtils.waitForFxEvents();
        String tip = fx(robot, () -> lane.tip().text());
        assertThat(tip).startsWith("journal-json  ").contains(String.format(Locale.ROOT, "%,d event", all.total(0, b)));
        assertThat(lane.tip().tooltip().isShowing()).isTrue();

        robot.interact(() -> view.state().filterProperty().set(Filter.all().including(Facet.SEVERITY, "ERR")));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(robot, () -> view.state().view().filtered()));
        SourceDensity kept = fx(robot, lane::density);
        long errJournal = sample.events().stream().filter(e -> e.severity() == Severity.ERR && e.source().equals("journal-json")
                && r.contains(e.timeNanos())).count();
        assertThat(errJournal).isGreaterThan(10);
        assertThat(kept.rowTotal(0)).isEqualTo(errJournal);
        assertThat(kept.rowTotal(1)).isEqualTo(sample.events().stream().filter(e -> e.severity() == Severity.ERR
                && e.source().equals("docker-events") && r.contains(e.timeNanos())).count());
        assertThat(all.rowTotal(0)).isGreaterThan(errJournal);
    }

    @Test
    void clickingAHealthcheckRunPutsTheCursorAtItsStartTheLogTableThereAndShowsItsOutput(FxRobot robot) {
        HealthLane lane = view.healthLane();
        WorkbenchData.HealthRow health = view.data().healthRows().stream().filter(h -> h.label().equals("fl-health")).findFirst().orElseThrow();
        Span run = health.runs().get(health.runs().size() / 2);
        show(robot, run.startNanos() - 20 * S, run.startNanos() + 20 * S);
        robot.clickOn(onScreen(robot, lane, fx(robot, () -> lane.barCentre(run))));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(view.state().selectedSpan()).isEqualTo(run);
        assertThat(view.state().cursor()).isEqualTo(run.startNanos());
        Event selected = fx(robot, () -> view.logTable().table().getSelectionModel().getSelectedItem());
        Event nearest = view.data().index().event(view.data().index().nearest(run.startNanos()));
        assertThat(selected.timeNanos()).isEqualTo(nearest.timeNanos());
        String tip = fx(robot, () -> lane.tip().text());
        assertThat(tip).contains("duration  " + Durations.compact(run.durationNanos()))
                .contains("timeout   1s").contains("exit code " + Palette.exitLabel(run.exitCode()))
                .contains("output    " + run.output().strip().substring(0, 20));
        assertThat(lane.tooltip().isShowing()).isTrue();
    }

    @Test
    void hoveringAMissingBeatSaysWhenItWasDue(FxRobot robot) {
        HealthLane lane = view.healthLane();
        WorkbenchData.HealthRow health = view.data().healthRows().get(1);
        assertThat(health.label()).isEqualTo("fl-health");
        long firstComplete = health.runs().stream().filter(r -> !r.output().startsWith("seen in dockerd's log"))
                .mapToLong(Span::startNanos).min().orElseThrow();
        assertThat(health.beats()).as("before 19:09:20 only the timed-out probes are known (dockerd's log): none is missing there")
                .isNotEmpty().noneMatch(b -> b.kind() == HealthCadence.Beat.Kind.MISSING && b.expectedNanos() < firstComplete);
        int row = 0;
        WorkbenchData.HealthRow loop = view.data().healthRows().get(row);
        assertThat(loop.label()).isEqualTo("fl-crashloop");
        HealthCadence.Beat missing = loop.beats().stream().filter(b -> b.kind() == HealthCadence.Beat.Kind.MISSING)
                .findFirst().orElseThrow();
        show(robot, missing.expectedNanos() - 2 * S, missing.expectedNanos() + 2 * S);
        robot.moveTo(onScreen(robot, lane, fx(robot, () -> lane.beatCentre(row, missing))));
        WaitForAsyncUtils.waitForFxEvents();

        String due = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS xxx")
                .format(io.faultline.model.EpochNanos.toInstant(missing.expectedNanos()).atZone(java.time.ZoneOffset.UTC));
        assertThat(fx(robot, () -> lane.tip().text())).isEqualTo("missing beat  expected " + due
                + "\nno run within 3s of the previous one (missing on the host, or not in the evidence)");
    }

    @Test
    void clickingADieMarkerSelectsItsDockerEventAndTheHoverNamesTheExitCode(FxRobot robot) {
        LifecycleLane lane = view.lifecycleLane();
        int row = 0;
        ContainerLifecycle.Row loop = view.data().lifecycle().get(row);
        assertThat(loop.label()).isEqualTo("fl-crashloop");
        ContainerLifecycle.Marker die = loop.markers().stream().filter(m -> m.kind() == ContainerLifecycle.Kind.DIE && !m.fromInspect())
                .findFirst().orElseThrow();
        assertThat(die.label()).isEqualTo("die exit 3");
        show(robot, die.timeNanos() - 500_000_000L, die.timeNanos() + 500_000_000L);
        Point2D at = onScreen(robot, lane, fx(robot, () -> lane.markerCentre(row, die)));
        robot.moveTo(at.add(-40, 0)).moveTo(at);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(robot, () -> lane.tip().text())).startsWith("fl-crashloop  die exit 3\n");

        robot.clickOn(at);
        WaitForAsyncUtils.waitForFxEvents();
        Event event = view.data().index().event(die.eventIndex());
        assertThat(view.state().selectedEvent()).isEqualTo(event);
        assertThat(event.message()).startsWith("container die fl-crashloop exitCode=3");
        assertThat(fx(robot, () -> view.logTable().table().getSelectionModel().getSelectedItem())).isEqualTo(event);
    }

    @Test
    void diskDetailsShowQueueAndThroughputWithTheirValuesOnHover(FxRobot robot) {
        assertThat(view.metricCharts()).extracting(c -> c.panel().title()).containsExactly("queue", "throughput");
        MetricChart throughput = view.metricCharts().get(1);
        Series write = throughput.panel().series().get(1);
        assertThat(write.metric()).isEqualTo("wkB_s");
        int peak = 0;
        for (int i = 0; i < write.size(); i++) {
            peak = write.valueAt(i) > write.valueAt(peak) ? i : peak;
        }
        long t = write.timeAt(peak);
        show(robot, t - 30 * S, t + 30 * S);
        double[] xy = fx(robot, () -> new double[]{throughput.x(t), 30});
        robot.moveTo(onScreen(robot, throughput, xy));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(robot, throughput::hoverText))
                .contains(String.format(Locale.ROOT, "write %,.0f kB/s", write.valueAt(peak)))
                .startsWith("vda throughput  ");
    }

    @Test
    void sshFailuresArePerAddressAndClickingOneSelectsItsLine(FxRobot robot) {
        SshLane lane = view.sshLane();
        assertThat(lane.rows()).extracting(SshLane.Row::label).containsExactly("127.0.0.1", "sessions opened");
        SshActivity.Hit invalid = lane.rows().getFirst().hits().stream()
                .filter(h -> h.auth().kind() == SshAuth.Kind.INVALID_USER).findFirst().orElseThrow();
        assertThat(lane.rows().getFirst().hits()).hasSize(14);
        show(robot, invalid.timeNanos() - 10 * S, invalid.timeNanos() + 10 * S);
        Point2D at = onScreen(robot, lane, fx(robot, () -> lane.hitCentre(0, invalid)));
        robot.moveTo(at.add(0, 30)).moveTo(at);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(robot, () -> lane.tip().text())).startsWith("invalid user '" + invalid.auth().user() + "' from 127.0.0.1\n");

        robot.clickOn(at);
        WaitForAsyncUtils.waitForFxEvents();
        Event line = view.data().index().event(invalid.eventIndex());
        assertThat(line.message()).startsWith("Invalid user " + invalid.auth().user() + " from 127.0.0.1 port ");
        assertThat(view.state().selectedEvent()).isEqualTo(line);
        assertThat(view.state().cursor()).isEqualTo(line.timeNanos());
        assertThat(fx(robot, () -> view.logTable().table().getSelectionModel().getSelectedItem())).isEqualTo(line);
    }
}
