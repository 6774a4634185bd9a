package io.faultline.ui;

import javafx.application.Platform;
import javafx.geometry.Rectangle2D;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Run in a fresh JVM by {@link PngRendererProcessTest}: renders the annotated fixture to {@code args[0]}
 * and writes where each pane landed to {@code args[0] + ".panes"} (name x y width height per line).
 */
public final class RenderFixtureMain {
    private RenderFixtureMain() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        var ev = FixtureEvidence.evidence();
        try {
            Map<String, Rectangle2D> panes = PngRenderer.renderWithLayout(
                    new LoadedCase(null, ev, FixtureEvidence.annotated(ev)), out, 1600, 1000);
            List<String> lines = new ArrayList<>();
            panes.forEach((name, r) -> lines.add(String.format(Locale.ROOT, "%s %.0f %.0f %.0f %.0f",
                    name, r.getMinX(), r.getMinY(), r.getWidth(), r.getHeight())));
            Files.write(Path.of(args[0] + ".panes"), lines);
        } finally {
            Platform.exit();
        }
    }
}
