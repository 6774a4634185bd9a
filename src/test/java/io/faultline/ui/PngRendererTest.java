package io.faultline.ui;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class PngRendererTest {
    @Test
    void rendersTheWorkbenchToAPng() throws Exception {
        Path out = Path.of("target", "workbench-fixture.png");
        PngRenderer.render(FixtureEvidence.loaded(null), out, 1600, 1000);
        BufferedImage img = ImageIO.read(out.toFile());
        assertThat(img.getWidth()).isEqualTo(1600);
        assertThat(img.getHeight()).isEqualTo(1000);
    }
}
