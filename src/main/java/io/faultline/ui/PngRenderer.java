package io.faultline.ui;

import io.faultline.annotate.AnnotationStore;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Bounds;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
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
    /** A picture is about the timeline: the lanes may take three quarters of it. */
    private static final double PICTURE_LANE_SHARE = 0.75;

    private PngRenderer() {
    }

    public static void render(LoadedCase c, Path out, int width, int height) throws IOException {
        renderWithLayout(c, out, width, height);
    }

    /** Renders like {@link #render} and says where each pane landed in the image (scene pixels). */
    static Map<String, Rectangle2D> renderWithLayout(LoadedCase c, Path out, int width, int height) throws IOException {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
        }
        if (Platform.isFxApplicationThread()) {
            throw new IllegalStateException("PngRenderer.render waits for the JavaFX thread: call it from another thread");
        }
        WorkbenchData data = WorkbenchData.prepare(c);
        CompletableFuture<Rendered> image = new CompletableFuture<>();
        Runnable build = () -> buildAndSnapshot(data, width, height, image);
        FxToolkit.preferHeadless();
        if (FxToolkit.startIfNeeded(build)) {
            Platform.setImplicitExit(false);
        } else {
            Platform.runLater(build);
        }
        Rendered fx;
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
        if (!ImageIO.write(SwingFXUtils.fromFXImage(fx.image(), null), "png", out.toFile())) {
            throw new IOException("no PNG writer available to write " + out);
        }
        return fx.panes();
    }

    private record Rendered(WritableImage image, Map<String, Rectangle2D> panes) {
    }

    private static Map<String, Rectangle2D> panes(WorkbenchView view) {
        Map<String, Rectangle2D> out = new LinkedHashMap<>();
        out.put("overview", bounds(view.overview()));
        putIfShown(out, "density", view.densityLane());
        out.put("health", bounds(view.healthLane()));
        for (IoChart chart : view.ioCharts()) {
            out.put("io:" + chart.disk().device(), bounds(chart));
        }
        for (MetricChart chart : view.metricCharts()) {
            out.put("metric:" + chart.panel().device() + " " + chart.panel().title(), bounds(chart));
        }
        putIfShown(out, "lifecycle", view.lifecycleLane());
        putIfShown(out, "ssh", view.sshLane());
        out.put("log", bounds(view.logTable()));
        return out;
    }

    private static void putIfShown(Map<String, Rectangle2D> out, String name, Node lane) {
        if (lane.getScene() != null) {
            out.put(name, bounds(lane));
        }
    }

    private static Rectangle2D bounds(Node node) {
        Bounds b = node.localToScene(node.getBoundsInLocal());
        return new Rectangle2D(b.getMinX(), b.getMinY(), b.getWidth(), b.getHeight());
    }

    private static void buildAndSnapshot(WorkbenchData data, int width, int height, CompletableFuture<Rendered> result) {
        try {
            AnnotationStore store = new AnnotationStore(data.loaded().annotations(), "", Clock.systemUTC());
            WorkbenchView view = new WorkbenchView(data, store);
            view.logTable().detailsToggle().setSelected(false);
            view.setLaneShare(PICTURE_LANE_SHARE);
            Scene scene = new Scene(view.root(), width, height);
            view.root().applyCss();
            view.root().layout();
            Platform.runLater(() -> {
                try {
                    view.root().applyCss();
                    view.root().layout();
                    result.complete(new Rendered(scene.snapshot(null), panes(view)));
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
