package io.faultline.ui;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.testfx.api.FxRobot;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/** Saves what the workbench window shows as a PNG, to look at what a test drove. */
final class Snapshots {
    private Snapshots() {
    }

    /** Saves the window whose scene root has the id {@code rootId} (a dialog). */
    static void saveWindow(FxRobot robot, String rootId, String file) throws IOException {
        AtomicReference<WritableImage> image = new AtomicReference<>();
        robot.interact(() -> Window.getWindows().stream()
                .filter(w -> w.getScene() != null && rootId.equals(w.getScene().getRoot().getId()))
                .findFirst()
                .ifPresent(w -> image.set(w.getScene().snapshot(null))));
        if (image.get() == null) {
            throw new IllegalStateException("no window " + rootId + " to save");
        }
        write(image.get(), file);
    }

    static void save(FxRobot robot, String file) throws IOException {
        AtomicReference<WritableImage> image = new AtomicReference<>();
        robot.interact(() -> Window.getWindows().stream()
                .filter(w -> w instanceof Stage s && s.getScene() != null && s.getScene().getRoot().getStyleClass().contains("workbench"))
                .findFirst()
                .ifPresent(w -> image.set(w.getScene().snapshot(null))));
        if (image.get() == null) {
            throw new IllegalStateException("no workbench window to save");
        }
        write(image.get(), file);
    }

    private static void write(WritableImage image, String file) throws IOException {
        Path out = Path.of(file);
        Files.createDirectories(out.toAbsolutePath().getParent());
        try {
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", out.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
