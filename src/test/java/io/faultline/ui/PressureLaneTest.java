package io.faultline.ui;

import io.faultline.annotate.AnnotationStore;
import io.faultline.capture.Bundle;
import io.faultline.ingest.FileImporter;
import io.faultline.ingest.Ingestor;
import io.faultline.model.AnnotationLayer;
import io.faultline.model.EpochNanos;
import io.faultline.model.Evidence;
import io.faultline.model.Series;
import javafx.scene.Scene;
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
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The IO pressure lane on samples of {@code /proc/pressure/io} (src/test/resources/ui/pressure-io-spike.txt: 31 samples
 * 10 s apart; for the six intervals ending 19:28:10 to 19:29:00 UTC tasks stalled on IO 4.15 s of every 10 (some) and
 * 2.73 s (full), else 0.12 s and none), imported as a user imports loose files.
 */
@ExtendWith(ApplicationExtension.class)
class PressureLaneTest {
    private static final long S = 1_000_000_000L;
    private static final Path FIXTURE = Path.of("src/test/resources/ui/pressure-io-spike.txt");
    private static final long SPIKE = EpochNanos.of(Instant.parse("2026-12-03T19:28:40.250Z"));
    @TempDir
    static Path dir;
    private WorkbenchView view;

    @BeforeAll
    static void headlessRobot() {
        System.setProperty("testfx.robot", "glass");
        FxToolkit.preferHeadless();
    }

    @Start
    void start(Stage stage) throws Exception {
        Path bundle = dir.resolve("psi-" + System.nanoTime() + ".flcap");
        FileImporter.importFiles(new FileImporter.Request(List.of(FIXTURE), "db1", "UTC", null, null, null), bundle, "faultline-test");
        Evidence evidence;
        try (Bundle b = Bundle.open(bundle)) {
            evidence = Ingestor.ingest(b);
        }
        view = new WorkbenchView(new LoadedCase(bundle, evidence, AnnotationLayer.empty()),
                new AnnotationStore(AnnotationLayer.empty(), "tester", Clock.systemUTC()));
        stage.setScene(new Scene(view.root(), 1400, 900));
        stage.setX(0);
        stage.setY(0);
        stage.show();
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(view::close);
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    @Test
    void theLaneShowsSomeAndFullFromTheSamplesAndTheHoverSaysTheirValues(FxRobot robot) throws Exception {
        MetricChart pressure = view.metricCharts().stream().filter(c -> c.panel().title().equals("IO pressure")).findFirst().orElseThrow();
        assertThat(pressure.getId()).isEqualTo("io-pressure-io");
        assertThat(pressure.panel().host()).isEqualTo("db1");
        assertThat(pressure.panel().names()).containsExactly("some", "full");
        Series some = pressure.panel().series().get(0);
        Series full = pressure.panel().series().get(1);
        assertThat(some.metric()).isEqualTo("psi_some");
        assertThat(full.metric()).isEqualTo("psi_full");
        assertThat(some.size()).as("a rate for each interval between two samples").isEqualTo(30);
        double[] someValues = new double[some.size()];
        double[] fullValues = new double[full.size()];
        for (int i = 0; i < some.size(); i++) {
            someValues[i] = some.valueAt(i);
            fullValues[i] = full.valueAt(i);
        }
        double[] expectedSome = new double[30];
        double[] expectedFull = new double[30];
        for (int i = 0; i < 30; i++) {
            boolean spike = i >= 11 && i <= 16;
            expectedSome[i] = spike ? 41.5 : 1.2;
            expectedFull[i] = spike ? 27.3 : 0;
        }
        assertThat(someValues).containsExactly(expectedSome, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(fullValues).containsExactly(expectedFull, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(fx(pressure::scale)).as("the scale: the peak in view, rounded up").isEqualTo(50.0);

        robot.interact(() -> view.state().setVisibleRange(SPIKE - 120 * S, SPIKE + 120 * S));
        WaitForAsyncUtils.waitForFxEvents();
        double x = fx(() -> pressure.x(SPIKE));
        robot.moveTo(fx(() -> pressure.localToScreen(x, 30)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(pressure::hoverText)).isEqualTo("io IO pressure  19:28:40  some 41.50 %  full 27.30 %");
        robot.moveTo(fx(() -> pressure.localToScreen(pressure.x(SPIKE - 100 * S), 30)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(pressure::hoverText)).isEqualTo("io IO pressure  19:27:00  some 1.20 %  full 0.00 %");
        Snapshots.save(robot, "target/pressure-lane.png");
    }
}
