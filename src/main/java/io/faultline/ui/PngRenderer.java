package io.faultline.ui;

import io.faultline.annotate.AnnotationStore;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Renders the workbench view of a case offscreen to a PNG. Needs no display: when it starts the JavaFX
 * toolkit itself it selects headless Monocle with software rendering. The toolkit keeps running after
 * the call (it cannot be restarted in one JVM); a command-line caller ends with {@link Platform#exit()}.
 */
public final class PngRenderer {
    private static final long TIMEOUT_SECONDS = 60;

    private PngRenderer() {
    }

    public static void render(LoadedCase c, Path out, int width, int height) throws IOException {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
        }
        if (Platform.isFxApplicationThread()) {
            throw new IllegalStateException("PngRenderer.render waits for the JavaFX thread: call it from another thread");
        }
        WorkbenchData data = WorkbenchData.prepare(c);
        CompletableFuture<WritableImage> image = new CompletableFuture<>();
        Runnable build = () -> buildAndSnapshot(data, width, height, image);
        FxToolkit.preferHeadless();
        if (!FxToolkit.startIfNeeded(build)) {
            Platform.runLater(build);
        }
        WritableImage fx;
        try {
            fx = image.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while rendering " + out);
        } catch (ExecutionException e) {
            throw new IOException("rendering the workbench to " + out + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("rendering the workbench to " + out + " took more than " + TIMEOUT_SECONDS + " s", e);
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(SwingFXUtils.fromFXImage(fx, null), "png", out.toFile())) {
            throw new IOException("no PNG writer available to write " + out);
        }
    }

    private static void buildAndSnapshot(WorkbenchData data, int width, int height, CompletableFuture<WritableImage> result) {
        try {
            AnnotationStore store = new AnnotationStore(data.loaded().annotations(), "", Clock.systemUTC());
            WorkbenchView view = new WorkbenchView(data, store);
            Scene scene = new Scene(view.root(), width, height);
            view.root().applyCss();
            view.root().layout();
            Platform.runLater(() -> {
                try {
                    view.root().applyCss();
                    view.root().layout();
                    result.complete(scene.snapshot(null));
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                } finally {
                    view.close();
                }
            });
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
    }
}
