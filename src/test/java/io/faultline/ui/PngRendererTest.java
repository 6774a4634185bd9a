package io.faultline.ui;

import javafx.geometry.Rectangle2D;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Renders in this JVM (starting the toolkit when no other test has yet).
 * {@link PngRendererProcessTest} covers a fresh JVM with no toolkit, no display and no JavaFX flags.
 */
class PngRendererTest {
    @TempDir
    Path dir;

    @Test
    void rendersEveryPaneWithItsDataOffscreen() throws Exception {
        Path out = dir.resolve("out/workbench.png");
        Map<String, Rectangle2D> panes = PngRenderer.renderWithLayout(FixtureEvidence.loaded(null), out, 1600, 1000);

        BufferedImage img = ImageIO.read(out.toFile());
        assertThat(img.getWidth()).isEqualTo(1600);
        assertThat(img.getHeight()).isEqualTo(1000);
        assertThat(panes).containsOnlyKeys("overview", "axis", "health", "io-sda", "io-sdb", "log");
        for (Rectangle2D r : panes.values()) {
            assertThat(r.getHeight()).isGreaterThan(20);
            assertThat(r.getMaxY()).isLessThanOrEqualTo(1000);
        }
        assertThat(count(img, plot(panes.get("overview")), Palette.DARK.severity(io.faultline.model.Severity.ERR)))
                .as("error bars in the overview").isGreaterThan(30);
        assertThat(count(img, plot(panes.get("overview")), Palette.DARK.severity(io.faultline.model.Severity.INFO)))
                .as("info bars in the overview").isGreaterThan(30);
        assertThat(count(img, plot(panes.get("health")), Palette.DARK.exitOk())).as("healthy runs").isGreaterThan(100);
        assertThat(count(img, plot(panes.get("health")), Palette.DARK.exitFail())).as("failed runs").isGreaterThan(10);
        assertThat(count(img, plot(panes.get("health")), Palette.DARK.exitNeverReturned())).as("the run that never returned").isGreaterThan(5);
        assertThat(count(img, plot(panes.get("io-sda")), Palette.DARK.util())).as("sda util line").isGreaterThan(200);
        assertThat(count(img, plot(panes.get("io-sda")), Palette.DARK.await())).as("sda await line").isGreaterThan(200);
        assertThat(count(img, plot(panes.get("io-sdb")), Palette.DARK.await())).as("sdb await line").isGreaterThan(200);
        Rectangle2D log = panes.get("log");
        Rectangle2D rows = new Rectangle2D(log.getMinX(), log.getMinY() + 30, log.getWidth(), log.getHeight() - 30);
        assertThat(differing(img, rows, Color.web("#121920"), Color.web("#141b23"))).as("text in the log table")
                .isGreaterThan(5_000);
    }

    @Test
    void drawsNotesAsMarkersOnTheTimePanes() throws Exception {
        var ev = FixtureEvidence.evidence();
        Path out = Path.of("target", "workbench-fixture.png");
        Map<String, Rectangle2D> panes = PngRenderer.renderWithLayout(
                new LoadedCase(null, ev, FixtureEvidence.annotated(ev)), out, 1600, 1000);

        BufferedImage img = ImageIO.read(out.toFile());
        assertThat(count(img, plot(panes.get("health")), Palette.DARK.note())).as("note markers in the health lane").isGreaterThan(10);
        assertThat(count(img, plot(panes.get("io-sda")), Palette.DARK.note())).as("note markers in the IO chart").isGreaterThan(10);
    }

    /** The plot area of a time pane: right of the gutter. */
    static Rectangle2D plot(Rectangle2D pane) {
        return new Rectangle2D(pane.getMinX() + TimePane.GUTTER, pane.getMinY(),
                pane.getWidth() - TimePane.GUTTER - TimePane.RIGHT, pane.getHeight());
    }

    static int count(BufferedImage img, Rectangle2D r, Color c) {
        int n = 0;
        for (int y = (int) r.getMinY(); y < (int) r.getMaxY(); y++) {
            for (int x = (int) r.getMinX(); x < (int) r.getMaxX(); x++) {
                if (distance(img.getRGB(x, y), c) < 0.06) {
                    n++;
                }
            }
        }
        return n;
    }

    private static int differing(BufferedImage img, Rectangle2D r, Color... backgrounds) {
        int n = 0;
        for (int y = (int) r.getMinY(); y < (int) r.getMaxY(); y++) {
            for (int x = (int) r.getMinX(); x < (int) r.getMaxX(); x++) {
                int rgb = img.getRGB(x, y);
                boolean background = false;
                for (Color b : backgrounds) {
                    background |= distance(rgb, b) < 0.03;
                }
                if (!background) {
                    n++;
                }
            }
        }
        return n;
    }

    private static double distance(int rgb, Color c) {
        double r = ((rgb >> 16) & 0xff) / 255.0 - c.getRed();
        double g = ((rgb >> 8) & 0xff) / 255.0 - c.getGreen();
        double b = (rgb & 0xff) / 255.0 - c.getBlue();
        return Math.sqrt(r * r + g * g + b * b);
    }
}
