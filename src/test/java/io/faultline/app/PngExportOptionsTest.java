package io.faultline.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code export --format png} with --theme, --scale and --lane. */
class PngExportOptionsTest {
    private static final String SAMPLE = Path.of("assets", "sample.flcap").toString();
    @TempDir
    Path dir;

    @Test
    void writesEveryLaneInTheThemeAsked() throws Exception {
        Cli r = Cli.run("export", SAMPLE, "--format", "png", "--lane", "all", "--theme", "light", "-o", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        for (String lane : new String[] {"overview", "axis", "health", "log"}) {
            assertThat(dir.resolve(lane + "-light.png")).exists();
        }
        BufferedImage health = ImageIO.read(dir.resolve("health-light.png").toFile());
        assertThat(new java.awt.Color(health.getRGB(195, 2))).as("light plot background").isEqualTo(java.awt.Color.WHITE);
        try (var files = Files.list(dir)) {
            assertThat(files.filter(p -> p.getFileName().toString().endsWith(".part"))).isEmpty();
        }
    }

    @Test
    void oneLaneAtScaleTwo() throws Exception {
        Path one = dir.resolve("health.png");
        Path two = dir.resolve("health2.png");
        assertThat(Cli.run("export", SAMPLE, "--format", "png", "--lane", "health", "-o", one.toString()).code()).isZero();
        assertThat(Cli.run("export", SAMPLE, "--format", "png", "--lane", "health", "--scale", "2", "-o", two.toString())
                .code()).isZero();
        BufferedImage a = ImageIO.read(one.toFile());
        BufferedImage b = ImageIO.read(two.toFile());
        assertThat(b.getWidth()).isEqualTo(2 * a.getWidth());
        assertThat(b.getHeight()).isEqualTo(2 * a.getHeight());
    }

    @Test
    void anUnknownLaneOrThemeIsAUsageError() {
        Cli lane = Cli.run("export", SAMPLE, "--format", "png", "--lane", "nope", "-o", dir.resolve("x.png").toString());
        assertThat(lane.code()).isEqualTo(2);
        assertThat(lane.err()).contains("no lane nope").contains("overview, axis, density, health");
        assertThat(dir.resolve("x.png")).doesNotExist();
        Cli theme = Cli.run("export", SAMPLE, "--format", "png", "--theme", "pink", "-o", dir.resolve("y.png").toString());
        assertThat(theme.code()).isEqualTo(2);
        assertThat(theme.err()).contains("unknown theme pink");
        Cli html = Cli.run("export", SAMPLE, "--format", "html", "--theme", "light", "-o", dir.resolve("z.html").toString());
        assertThat(html.code()).isEqualTo(2);
        assertThat(html.err()).contains("for --format png");
    }
}
