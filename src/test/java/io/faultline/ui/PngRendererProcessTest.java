package io.faultline.ui;

import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** PNG export in a fresh JVM: no toolkit running, no DISPLAY, no JavaFX system properties given. */
class PngRendererProcessTest {
    @TempDir
    Path dir;

    @Test
    void rendersWithNoDisplayAndNoToolkitFlags() throws Exception {
        Path out = dir.resolve("workbench.png");
        Path log = dir.resolve("child.log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                RenderFixtureMain.class.getName(), out.toString());
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = pb.start();
        boolean done = p.waitFor(120, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        assertThat(done).as("render finished in time; output:\n%s", Files.readString(log)).isTrue();
        assertThat(p.exitValue()).as("exit code; output:\n%s", Files.readString(log)).isZero();

        BufferedImage img = ImageIO.read(out.toFile());
        assertThat(img.getWidth()).isEqualTo(1600);
        assertThat(img.getHeight()).isEqualTo(1000);
        Map<String, Rectangle2D> panes = new HashMap<>();
        List<String> lines = Files.readAllLines(Path.of(out + ".panes"));
        for (String line : lines) {
            String[] f = line.split(" ");
            panes.put(f[0], new Rectangle2D(Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                    Double.parseDouble(f[3]), Double.parseDouble(f[4])));
        }
        assertThat(panes).containsOnlyKeys("overview", "axis", "density", "health", "io-sda", "io-sdb", "ssh", "log");
        assertThat(PngRendererTest.count(img, PngRendererTest.plot(panes.get("overview")), Palette.DARK.severity(io.faultline.model.Severity.ERR))).isGreaterThan(30);
        assertThat(PngRendererTest.count(img, PngRendererTest.plot(panes.get("health")), Palette.DARK.exitOk())).isGreaterThan(100);
        assertThat(PngRendererTest.count(img, PngRendererTest.plot(panes.get("io-sda")), Palette.DARK.util())).isGreaterThan(200);
        assertThat(PngRendererTest.count(img, PngRendererTest.plot(panes.get("health")), Palette.DARK.note())).isGreaterThan(10);
    }
}
