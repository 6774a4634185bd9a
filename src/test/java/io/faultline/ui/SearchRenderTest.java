package io.faultline.ui;

import io.faultline.annotate.AnnotationStore;
import io.faultline.capture.Bundle;
import io.faultline.ingest.Ingestor;
import io.faultline.model.Evidence;
import io.faultline.timeline.Facet;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Bounds;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
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

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundled sample with a search and a facet filter on, as the window shows it: written to
 * {@code target/workbench-search.png} for a look, and checked for the hit ticks, the kept bars and the chips.
 */
@ExtendWith(ApplicationExtension.class)
class SearchRenderTest {
    private static final Path OUT = Path.of("target", "workbench-search.png");
    private WorkbenchView view;
    private Evidence evidence;

    @BeforeAll
    static void headlessRobot() {
        System.setProperty("testfx.robot", "glass");
        FxToolkit.preferHeadless();
    }

    @Start
    void start(Stage stage) throws Exception {
        try (Bundle b = Bundle.open(Path.of("assets", "sample.flcap"))) {
            evidence = Ingestor.ingest(b);
            view = new WorkbenchView(new LoadedCase(null, evidence, b.annotations()),
                    new AnnotationStore(b.annotations(), "", Clock.systemUTC()));
        }
        stage.setScene(new Scene(view.root(), 1600, 1000));
        stage.setX(0);
        stage.setY(0);
        stage.show();
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(view::close);
    }

    @Test
    void theSampleWithASearchAndAFacetFilter(FxRobot robot) throws Exception {
        long hits = evidence.events().stream().filter(e -> !"runuser".equals(e.identifier())
                && e.message().toLowerCase(java.util.Locale.ROOT).contains("invalid user")).count();
        assertThat(hits).isPositive();
        robot.clickOn(view.facetSidebar().excludeButton(Facet.IDENTIFIER, "runuser"));
        robot.clickOn("#searchField").write("invalid user");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.searchBar().count().getText().equals(hits + " hits"));
        robot.type(KeyCode.ENTER);
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.searchBar().count().getText()).isEqualTo("2 of " + hits + " hits");

        BufferedImage img = snapshot(robot);
        Files.createDirectories(OUT.getParent());
        ImageIO.write(img, "png", OUT.toFile());

        Bounds overview = sceneBounds(view.overview());
        double stripTop = overview.getMaxY() - OverviewPane.AXIS - OverviewPane.HIT_STRIP;
        assertThat(count(img, overview.getMinX() + TimePane.GUTTER, stripTop, overview.getMaxX(), stripTop + OverviewPane.HIT_STRIP, Palette.DARK.hit()))
                .as("hit ticks on the overview").isGreaterThan(5);
        assertThat(count(img, overview.getMinX() + TimePane.GUTTER, overview.getMinY(), overview.getMaxX(), stripTop, Palette.DARK.kept()))
                .as("kept events over the faded histogram").isGreaterThan(50);
        Bounds sidebar = sceneBounds(view.facetSidebar());
        assertThat(sidebar.getWidth()).as("the sidebar leaves the log table the room").isBetween(170.0, 320.0);
        assertThat(sceneBounds(view.logTable()).getWidth()).isGreaterThan(800);
    }

    private BufferedImage snapshot(FxRobot robot) {
        WritableImage[] image = new WritableImage[1];
        robot.interact(() -> image[0] = view.root().getScene().snapshot(null));
        return SwingFXUtils.fromFXImage(image[0], null);
    }

    private static Bounds sceneBounds(javafx.scene.Node n) {
        return n.localToScene(n.getBoundsInLocal());
    }

    private static int count(BufferedImage img, double x0, double y0, double x1, double y1, Color c) {
        int want = ((int) Math.round(c.getRed() * 255) << 16) | ((int) Math.round(c.getGreen() * 255) << 8) | (int) Math.round(c.getBlue() * 255);
        int n = 0;
        for (int y = (int) Math.max(0, y0); y < Math.min(img.getHeight(), y1); y++) {
            for (int x = (int) Math.max(0, x0); x < Math.min(img.getWidth(), x1); x++) {
                if ((img.getRGB(x, y) & 0xffffff) == want) {
                    n++;
                }
            }
        }
        return n;
    }
}
