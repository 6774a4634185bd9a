package io.faultline.ui;

import io.faultline.annotate.AnnotationStore;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Bounds;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.transform.Transform;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Renders the workbench view of a case, or one lane of it, offscreen to a PNG, in either {@link Theme} and at any
 * output scale (2: twice the pixels each way, as on a HiDPI screen). Needs no display: when it starts the JavaFX
 * toolkit itself it selects headless Monocle with software rendering. The toolkit keeps running after
 * the call (it cannot be restarted in one JVM); a command-line caller ends with {@link Platform#exit()}.
 */
public final class PngRenderer {
    private static final long TIMEOUT_SECONDS = 60;
    /** A picture is about the timeline: the lanes may take three quarters of it. */
    private static final double PICTURE_LANE_SHARE = 0.75;

    /**
     * How to render: the size of the window laid out (scene pixels), the theme, and the output scale (the image is
     * {@code scale} times as many pixels each way; canvases draw at that resolution, not magnified).
     */
    public record Options(int width, int height, Theme theme, double scale) {
        public Options {
            if (width <= 0 || height <= 0) {
                throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
            }
            if (!(scale >= 0.5 && scale <= 4)) {
                throw new IllegalArgumentException("scale must lie between 0.5 and 4: " + scale);
            }
        }

        public Options(int width, int height) {
            this(width, height, Theme.DARK, 1);
        }
    }

    private PngRenderer() {
    }

    public static void render(LoadedCase c, Path out, int width, int height) throws IOException {
        renderWithLayout(c, out, new Options(width, height));
    }

    /** The whole workbench view. */
    public static void render(LoadedCase c, Path out, Options options) throws IOException {
        renderWithLayout(c, out, options);
    }

    /** Renders like {@link #render} and says where each pane landed in the image (scene pixels). */
    static Map<String, Rectangle2D> renderWithLayout(LoadedCase c, Path out, int width, int height) throws IOException {
        return renderWithLayout(c, out, new Options(width, height));
    }

    static Map<String, Rectangle2D> renderWithLayout(LoadedCase c, Path out, Options options) throws IOException {
        Rendered fx = renderFx(c, options, null, out);
        write(fx.view(), out);
        return fx.panes();
    }

    /**
     * One lane of the view laid out at the options' size ({@code overview}, {@code axis}, {@code health}, {@code io-sda},
     * …, {@code log}; another name fails with the list of them).
     */
    public static void renderLane(LoadedCase c, String lane, Path out, Options options) throws IOException {
        Rendered fx = renderFx(c, options, List.of(lane), out);
        write(fx.lanes().get(lane), out);
    }

    /** Every lane, each to {@code dir/<lane>-<theme>.png}; the files written, top to bottom. */
    public static List<Path> renderLanes(LoadedCase c, Path dir, Options options) throws IOException {
        Rendered fx = renderFx(c, options, List.of(), dir);
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, WritableImage> e : fx.lanes().entrySet()) {
            Path out = dir.resolve(e.getKey() + "-" + options.theme().key() + ".png");
            write(e.getValue(), out);
            written.add(out);
        }
        return written;
    }

    /**
     * Lays the view out and snapshots it; {@code lanes} null: the whole view only, empty: every lane, else the lanes
     * named.
     */
    private static Rendered renderFx(LoadedCase c, Options options, List<String> lanes, Path out) throws IOException {
        if (Platform.isFxApplicationThread()) {
            throw new IllegalStateException("PngRenderer.render waits for the JavaFX thread: call it from another thread");
        }
        WorkbenchData data = WorkbenchData.prepare(c);
        CompletableFuture<Rendered> image = new CompletableFuture<>();
        Runnable build = () -> buildAndSnapshot(data, options, lanes, image);
        FxToolkit.preferHeadless();
        if (FxToolkit.startIfNeeded(build)) {
            Platform.setImplicitExit(false);
        } else {
            Platform.runLater(build);
        }
        try {
            return image.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while rendering " + out);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IllegalArgumentException bad) {
                throw bad;
            }
            throw new IOException("rendering the workbench to " + out + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("rendering the workbench to " + out + " took more than " + TIMEOUT_SECONDS + " s", e);
        }
    }

    /** Writes through a temporary sibling moved over {@code out}, so a reader never sees half a PNG. */
    private static void write(WritableImage image, Path out) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path tmp = out.toAbsolutePath().resolveSibling("." + out.getFileName() + ".part");
        try {
            if (!ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", tmp.toFile())) {
                throw new IOException("no PNG writer available to write " + out);
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private record Rendered(WritableImage view, Map<String, Rectangle2D> panes, Map<String, WritableImage> lanes) {
    }

    private static Map<String, Rectangle2D> panes(WorkbenchView view) {
        Map<String, Rectangle2D> out = new LinkedHashMap<>();
        view.lanes().forEach((name, node) -> out.put(name, bounds(node)));
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

    private static WritableImage snapshot(Node node, Options options) {
        SnapshotParameters params = new SnapshotParameters();
        params.setTransform(Transform.scale(options.scale(), options.scale()));
        params.setFill(Palette.of(options.theme()).background());
        return node.snapshot(params, null);
    }

    /**
     * The whole window as a window of the asked size shows it: content wider or taller than the window (controls at
     * their minimum width in a narrow picture) is cut at its edge, so the picture is always the size asked for.
     */
    private static WritableImage window(Node root, Options options) {
        SnapshotParameters params = new SnapshotParameters();
        params.setTransform(Transform.scale(options.scale(), options.scale()));
        params.setFill(Palette.of(options.theme()).background());
        params.setViewport(new Rectangle2D(0, 0, Math.round(options.width() * options.scale()),
                Math.round(options.height() * options.scale())));
        return root.snapshot(params, null);
    }

    private static void buildAndSnapshot(WorkbenchData data, Options options, List<String> lanes, CompletableFuture<Rendered> result) {
        try {
            AnnotationStore store = new AnnotationStore(data.loaded().annotations(), "", Clock.systemUTC());
            WorkbenchView view = new WorkbenchView(data, store);
            view.logTable().detailsToggle().setSelected(false);
            view.setLaneShare(PICTURE_LANE_SHARE);
            view.setTheme(options.theme());
            view.state().canvasScaleProperty().set(options.scale());
            Scene scene = new Scene(view.root(), options.width(), options.height());
            view.root().applyCss();
            view.root().layout();
            Platform.runLater(() -> {
                try {
                    view.root().applyCss();
                    view.root().layout();
                    Map<String, Region> all = view.lanes();
                    Map<String, WritableImage> shots = new LinkedHashMap<>();
                    if (lanes != null) {
                        for (String name : lanes.isEmpty() ? all.keySet() : lanes) {
                            Region lane = all.get(name);
                            if (lane == null) {
                                throw new IllegalArgumentException("no lane " + name + " in this case; its lanes: "
                                        + String.join(", ", all.keySet()));
                            }
                            shots.put(name, snapshot(lane, options));
                        }
                    }
                    WritableImage whole = lanes == null ? window(scene.getRoot(), options) : null;
                    result.complete(new Rendered(whole, panes(view), shots));
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
