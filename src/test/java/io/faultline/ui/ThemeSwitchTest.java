package io.faultline.ui;

import io.faultline.annotate.AnnotationStore;
import io.faultline.model.AnnotationLayer;
import javafx.geometry.Bounds;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Switching the theme of an open view: its stylesheet, and the canvas panes redraw in the new palette. */
@ExtendWith(ApplicationExtension.class)
class ThemeSwitchTest {
    private WorkbenchView view;

    @BeforeAll
    static void headlessRobot() {
        System.setProperty("testfx.robot", "glass");
        FxToolkit.preferHeadless();
    }

    @Start
    void start(Stage stage) {
        AnnotationStore store = new AnnotationStore(AnnotationLayer.empty(), "tester",
                Clock.fixed(Instant.parse("2026-01-02T10:00:00Z"), ZoneOffset.UTC));
        view = new WorkbenchView(FixtureEvidence.loaded(null), store);
        stage.setScene(new Scene(view.root(), 1600, 1000));
        stage.show();
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(view::close);
    }

    @Test
    void switchingTheThemeSwapsTheStylesheetAndRedrawsTheCanvases(FxRobot robot) {
        assertThat(fx(robot, () -> List.copyOf(view.root().getStylesheets()))).containsExactly(Theme.DARK.stylesheet());
        assertThat(paneBackground(robot)).as("health lane plot, dark").isEqualTo(Palette.DARK.pane());

        robot.interact(() -> view.setTheme(Theme.LIGHT));
        assertThat(fx(robot, () -> List.copyOf(view.root().getStylesheets()))).containsExactly(Theme.LIGHT.stylesheet());
        assertThat(paneBackground(robot)).as("health lane plot, light").isEqualTo(Palette.LIGHT.pane());
        assertThat(fx(robot, () -> ((Region) view.logTable().lookup(".table-view")).getBackground().getFills().getFirst().getFill()))
                .as("the log table follows the stylesheet").isEqualTo(Color.web("#ffffff"));

        robot.interact(() -> view.setTheme(Theme.DARK));
        assertThat(paneBackground(robot)).as("health lane plot, dark again").isEqualTo(Palette.DARK.pane());
    }

    private static <T> T fx(FxRobot robot, Supplier<T> read) {
        AtomicReference<T> out = new AtomicReference<>();
        robot.interact(() -> out.set(read.get()));
        return out.get();
    }

    /** A pixel of the health lane's plot right of its gutter, near the top edge, where no run is drawn. */
    private Color paneBackground(FxRobot robot) {
        AtomicReference<Color> colour = new AtomicReference<>();
        robot.interact(() -> {
            HealthLane lane = view.healthLane();
            WritableImage shot = view.root().snapshot(null, null);
            Bounds b = lane.localToScene(lane.getBoundsInLocal());
            colour.set(shot.getPixelReader().getColor((int) (b.getMinX() + TimePane.GUTTER + 3), (int) b.getMinY() + 2));
        });
        return colour.get();
    }
}
