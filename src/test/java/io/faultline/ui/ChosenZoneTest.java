package io.faultline.ui;

import io.faultline.analysis.ContainerLifecycle;
import io.faultline.analysis.SshActivity;
import io.faultline.annotate.AnnotationStore;
import io.faultline.capture.Bundle;
import io.faultline.ingest.Ingestor;
import io.faultline.model.Annotation;
import io.faultline.model.AnnotationLayer;
import io.faultline.model.AnnotationTarget;
import io.faultline.model.EpochNanos;
import io.faultline.model.Event;
import io.faultline.model.Evidence;
import io.faultline.model.HostInfo;
import io.faultline.model.Series;
import io.faultline.model.Span;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
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
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every time the window shows follows the zone chosen (host, UTC, laptop): the hover of every lane, the detail pane,
 * the notes panel, the glance tiles and the status bar. The bundled sample's host is put in Asia/Shanghai (+08:00) so
 * the host zone and UTC differ by eight hours.
 */
@ExtendWith(ApplicationExtension.class)
class ChosenZoneTest {
    private static final long S = 1_000_000_000L;
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS xxx", Locale.ROOT);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx", Locale.ROOT);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static Evidence sample;
    private WorkbenchView view;
    private AnnotationStore store;

    @BeforeAll
    static void headlessRobot() throws Exception {
        System.setProperty("testfx.robot", "glass");
        FxToolkit.preferHeadless();
        Evidence e;
        try (Bundle b = Bundle.open(Path.of("assets", "sample.flcap"))) {
            e = Ingestor.ingest(b);
        }
        List<HostInfo> hosts = e.hosts().stream().map(h -> new HostInfo(h.name(), SHANGHAI.getId(), h.clockOffsetMs(), h.offsetUncertaintyMs())).toList();
        sample = new Evidence(e.window(), hosts, e.events(), e.spans(), e.series(), e.containers(), e.sources(), e.diagnostics());
    }

    @Start
    void start(Stage stage) {
        store = new AnnotationStore(AnnotationLayer.empty(), "tester", Clock.fixed(Instant.parse("2026-01-02T10:00:00Z"), ZoneOffset.UTC));
        view = new WorkbenchView(new LoadedCase(null, sample, AnnotationLayer.empty()), store);
        stage.setScene(new Scene(view.root(), 1600, 1150));
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

    private static String at(DateTimeFormatter f, long nanos, ZoneId zone) {
        return f.format(EpochNanos.toInstant(nanos).atZone(zone));
    }

    private void choose(FxRobot robot, ZoneChoice z) {
        robot.interact(() -> view.state().zoneChoiceProperty().set(z));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void show(FxRobot robot, long from, long to) {
        robot.interact(() -> view.state().setVisibleRange(from, to));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void everyLaneHoverFollowsTheZoneChosen(FxRobot robot) {
        WorkbenchData data = view.data();
        Span run = data.healthRows().get(1).runs().get(10);
        ContainerLifecycle.Marker die = data.lifecycle().getFirst().markers().stream()
                .filter(m -> m.kind() == ContainerLifecycle.Kind.DIE && !m.fromInspect()).findFirst().orElseThrow();
        SshActivity.Hit hit = view.sshLane().rows().getFirst().hits().getFirst();
        IoChart disk = view.ioCharts().getFirst();
        Series util = disk.disk().util();
        long sample = util.timeAt(util.size() / 2);
        MetricChart queue = view.metricCharts().getFirst();
        long queued = queue.panel().series().getFirst().timeAt(queue.panel().series().getFirst().size() / 2);

        for (ZoneChoice choice : List.of(ZoneChoice.HOST, ZoneChoice.UTC)) {
            choose(robot, choice);
            ZoneId zone = choice == ZoneChoice.HOST ? SHANGHAI : ZoneOffset.UTC;
            String offset = choice == ZoneChoice.HOST ? " +08:00" : " +00:00";

            assertThat(fx(robot, () -> view.healthLane().describe(run))).startsWith("start     " + at(FULL, run.startNanos(), zone) + "\n");

            show(robot, die.timeNanos() - S, die.timeNanos() + S);
            String lifecycle = fx(robot, () -> {
                double[] xy = view.lifecycleLane().markerCentre(0, die);
                return view.lifecycleLane().describeAt(xy[0], xy[1]);
            });
            assertThat(lifecycle).isEqualTo("fl-crashloop  die exit 3\n" + at(FULL, die.timeNanos(), zone));

            show(robot, hit.timeNanos() - 10 * S, hit.timeNanos() + 10 * S);
            String ssh = fx(robot, () -> {
                double[] xy = view.sshLane().hitCentre(0, hit);
                return view.sshLane().describeAt(xy[0], xy[1]);
            });
            assertThat(ssh.lines().toList().get(1)).startsWith(at(SECONDS, hit.timeNanos(), zone) + "  ");

            assertThat(fx(robot, () -> disk.readout(sample))).startsWith(disk.disk().device() + "  " + at(CLOCK, sample, zone) + "  util ");
            assertThat(fx(robot, () -> queue.readout(queued))).startsWith(queue.panel().device() + " queue  " + at(CLOCK, queued, zone) + "  ");

            show(robot, sample - 300 * S, sample + 300 * S);
            String density = fx(robot, () -> {
                DensityLane lane = view.densityLane();
                for (int b = 0; b < 400; b++) {
                    double[] xy = lane.bucketCentre(0, b);
                    String tip = lane.describeAt(xy[0], xy[1]);
                    if (tip != null) {
                        return tip;
                    }
                }
                return null;
            });
            String span = density.lines().findFirst().orElseThrow();
            assertThat(span).matches("journal-json  \\d\\d:\\d\\d:\\d\\d–\\d\\d:\\d\\d:\\d\\d" + java.util.regex.Pattern.quote(offset));
            int hour = Integer.parseInt(span.substring("journal-json  ".length(), "journal-json  ".length() + 2));
            assertThat(hour).isEqualTo(EpochNanos.toInstant(sample).atZone(zone).getHour());
        }
    }

    @Test
    void theDetailPaneNotesTilesAndStatusBarFollowTheZoneChosen(FxRobot robot) {
        WorkbenchData data = view.data();
        Event line = data.index().event(data.index().size() / 2);
        robot.interact(() -> view.state().selectEvent(data.index().size() / 2, line));
        Annotation note = fx(robot, () -> store.addNote(new AnnotationTarget.OnEvent(line.id(), line.timeNanos()), "here", List.of()));
        WaitForAsyncUtils.waitForFxEvents();
        long peak = data.glance().diskPeak().timeNanos();

        for (ZoneChoice choice : List.of(ZoneChoice.HOST, ZoneChoice.UTC, ZoneChoice.HOST)) {
            choose(robot, choice);
            ZoneId zone = choice == ZoneChoice.HOST ? SHANGHAI : ZoneOffset.UTC;

            assertThat(fx(robot, () -> view.eventDetail().fields().getItems().getFirst()))
                    .isEqualTo(new EventDetail.Field("time", at(FULL, line.timeNanos(), zone)));

            String when = at(DateTimeFormatter.ofPattern("MM-dd HH:mm:ss xxx", Locale.ROOT), line.timeNanos(), zone);
            assertThat(fx(robot, () -> view.annotationPanel().describeTarget(note))).startsWith(when + " · line · ");
            assertThat(fx(robot, () -> view.annotationPanel().list().lookupAll(".annotation-meta").stream()
                    .map(n -> ((Label) n).getText()).filter(t -> t.startsWith("✎ " + note.id())).findFirst().orElseThrow()))
                    .isEqualTo("✎ " + note.id() + " · " + when + " · line · " + line.who());

            assertThat(fx(robot, () -> detail("#glanceDisk"))).isEqualTo(data.glance().diskPeak().device() + " at " + at(CLOCK, peak, zone));

            assertThat(fx(robot, () -> view.statusBar().zoneText()))
                    .isEqualTo(choice == ZoneChoice.HOST ? "times in UTC+08:00 (host zone Asia/Shanghai)" : "times in UTC");
            assertThat(fx(robot, () -> ((Label) view.statusBar().lookup("#statusZone")).getText())).isEqualTo(fx(robot, () -> view.statusBar().zoneText()));
        }
    }

    @Test
    void theHoverShownByTheMouseIsInTheZoneChosen(FxRobot robot) {
        HealthLane lane = view.healthLane();
        Span run = view.data().healthRows().get(1).runs().get(10);
        choose(robot, ZoneChoice.UTC);
        show(robot, run.startNanos() - 20 * S, run.startNanos() + 20 * S);
        robot.moveTo(fx(robot, () -> {
            double[] xy = lane.barCentre(run);
            return lane.localToScreen(xy[0], xy[1]);
        }));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(robot, () -> lane.tip().text())).startsWith("start     " + at(FULL, run.startNanos(), ZoneOffset.UTC));
        assertThat(lane.tooltip().isShowing()).isTrue();
    }

    private String detail(String tile) {
        Node t = view.glanceStrip().lookup(tile);
        return ((Label) t.lookup(".glance-detail")).getText();
    }
}
