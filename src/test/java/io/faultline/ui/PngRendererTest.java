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
        assertThat(panes).containsOnlyKeys("overview", "axis", "density", "health", "io-sda", "io-sdb", "ssh", "log");
        panes.forEach((name, r) -> {
            assertThat(r.getHeight()).as(name).isGreaterThan(20);
            if (name.equals("ssh")) {
                assertThat(r.getMinY()).as("the SSH lane starts above the log table; the lanes scroll").isLessThan(panes.get("log").getMinY());
            } else {
                assertThat(r.getMaxY()).as(name).isLessThanOrEqualTo(1000);
            }
        });
        assertThat(count(img, plot(panes.get("density")), Palette.DARK.severity(io.faultline.model.Severity.INFO)))
                .as("info bars of journal-short in the density lane").isGreaterThan(30);
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

    @Test
    void rendersTheLightThemeWithItsOwnColours() throws Exception {
        Path out = dir.resolve("light.png");
        Map<String, Rectangle2D> panes = PngRenderer.renderWithLayout(FixtureEvidence.loaded(null), out,
                new PngRenderer.Options(1600, 1000, Theme.LIGHT, 1));

        BufferedImage img = ImageIO.read(out.toFile());
        Rectangle2D health = panes.get("health");
        assertThat(new java.awt.Color(img.getRGB((int) (health.getMinX() + TimePane.GUTTER + 3), (int) health.getMinY() + 2)))
                .as("plot background").isEqualTo(awt(Palette.LIGHT.pane()));
        assertThat(count(img, plot(health), Palette.LIGHT.exitOk())).as("healthy runs").isGreaterThan(100);
        assertThat(count(img, plot(health), Palette.LIGHT.exitFail())).as("failed runs").isGreaterThan(10);
        assertThat(count(img, plot(health), Palette.LIGHT.exitNeverReturned())).as("the run that never returned").isGreaterThan(5);
        assertThat(count(img, plot(health), Palette.DARK.exitOk())).as("no dark-theme green").isZero();
        assertThat(count(img, plot(panes.get("overview")), Palette.LIGHT.severity(io.faultline.model.Severity.ERR)))
                .as("error bars in the overview").isGreaterThan(30);
        assertThat(count(img, plot(panes.get("io-sda")), Palette.LIGHT.util())).as("sda util line").isGreaterThan(200);
        Rectangle2D log = panes.get("log");
        Rectangle2D rows = new Rectangle2D(log.getMinX(), log.getMinY() + 30, log.getWidth(), log.getHeight() - 30);
        assertThat(count(img, rows, Color.web("#ffffff")) + count(img, rows, Color.web("#f6f8fa")))
                .as("light log table rows").isGreaterThan((int) (rows.getWidth() * rows.getHeight() / 2));
    }

    @Test
    void aLaneAtScaleTwoHasTwiceThePixelsDrawnNotMagnified() throws Exception {
        var c = FixtureEvidence.loaded(null);
        Path one = dir.resolve("health-1.png");
        Path two = dir.resolve("health-2.png");
        PngRenderer.renderLane(c, "health", one, new PngRenderer.Options(1600, 1000, Theme.DARK, 1));
        PngRenderer.renderLane(c, "health", two, new PngRenderer.Options(1600, 1000, Theme.DARK, 2));

        BufferedImage a = ImageIO.read(one.toFile());
        BufferedImage b = ImageIO.read(two.toFile());
        assertThat(b.getWidth()).isEqualTo(2 * a.getWidth());
        assertThat(b.getHeight()).isEqualTo(2 * a.getHeight());
        // the gutter's labels: a 1-pixel stem drawn at twice the resolution covers whole pixels, where one magnified
        // from 1x would spread its partial coverage; fully covered text pixels grow by far more than the area's 4x
        Rectangle2D gutter = new Rectangle2D(0, 0, TimePane.GUTTER - 10, a.getHeight());
        Rectangle2D gutter2 = new Rectangle2D(0, 0, 2 * (TimePane.GUTTER - 10), b.getHeight());
        int textAt1 = count(a, gutter, Palette.DARK.text());
        int textAt2 = count(b, gutter2, Palette.DARK.text());
        assertThat(textAt1).isGreaterThan(20);
        assertThat(textAt2).isGreaterThan(5 * textAt1);
    }

    private static java.awt.Color awt(Color c) {
        return new java.awt.Color((float) c.getRed(), (float) c.getGreen(), (float) c.getBlue());
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
