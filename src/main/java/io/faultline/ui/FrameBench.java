package io.faultline.ui;

import io.faultline.annotate.AnnotationStore;
import io.faultline.model.AnnotationLayer;
import io.faultline.model.TimeWindow;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.stage.Stage;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A benchmark, not a test: shows the real {@link WorkbenchView} of a case in a window (headless Monocle when this starts
 * the toolkit) and drives it the way a user does, timing what each step costs the JavaFX thread.
 * <p>
 * A step's <em>frame time</em> is the CPU time of the JavaFX thread from the start of the action (run on the JavaFX
 * thread: the state change and every listener it fires, canvases redrawn) to the end of the next pulse, marked by a
 * {@link Platform#runLater} posted from the scene's post-layout pulse listener, which runs once that pulse has
 * synchronised the scene graph for the renderer. CPU time counts what runs between the two (a {@code runLater} the
 * action posted) and leaves out idle waiting and the wait for the renderer. The frame's wall-clock parts are kept
 * too: the action, the pulse's CSS and layout (from its pre-layout to its post-layout listener) and the pulse's rest
 * (the scene synchronised, after waiting for the renderer to finish the previous frame). Work that lands later (a
 * background facet count shown when it ends) is outside the frame; a probe measures it: every
 * {@value #PROBE_MILLIS} ms a thread posts a runnable to the JavaFX thread, and the longest delay until it ran is the
 * longest <em>stall</em> a user could have felt during the steps of that kind.
 */
public final class FrameBench {
    static final int ZOOM_STEPS = 30;
    static final int PAN_STEPS = 30;
    static final int SCROLL_STEPS = 50;
    static final int JUMPS = 5;
    private static final int WARMUP_STEPS = 5;
    private static final long PROBE_MILLIS = 2;
    private static final long TIMEOUT_SECONDS = 120;
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    /** One wheel notch (delta 40) zooms by 0.8 ({@link TimePane}); a step here is three notches. */
    private static final double ZOOM_IN = 0.512;
    /** A pan step moves the range by a tenth of its width, a drag over a tenth of the plot. */
    private static final double PAN_SHARE = 0.1;

    /**
     * Median, 95th percentile (nearest rank) and slowest frame (JavaFX thread CPU time) of the steps of one kind, the
     * medians of a frame's three wall-clock parts (the action; the pulse's CSS and layout; the pulse's rest: synchronising
     * the scene for the renderer, which first waits for it to finish the previous frame), and the longest stall during
     * the steps.
     */
    public record Kind(String name, String how, int steps, double medianMillis, double p95Millis, double maxMillis,
                       double medianActionMillis, double medianLayoutMillis, double medianSyncMillis, double maxStallMillis) {
    }

    /**
     * @param showBuildMillis the view built, put in a scene and the window shown, on the JavaFX thread
     * @param showPulseMillis the first pulse after that (CSS, layout, the first draw of every pane)
     * @param showStallMillis the longest stall from the start of the show until {@code settleMillis} after the first pulse
     * @param tableRows       rows of the log table at the whole window (what the scroll steps move through)
     */
    public record Result(int events, int width, int height, double showBuildMillis, double showPulseMillis, double showMillis,
                         double showStallMillis, int tableRows, List<Kind> kinds) {
    }

    private FrameBench() {
    }

    /**
     * Shows {@code data} in a {@code width} x {@code height} window, drives it and closes it; saves a PNG of the window at
     * the whole range to {@code png} unless it is null. Call from any thread but the JavaFX thread.
     */
    public static Result run(WorkbenchData data, int width, int height, long seed, Path png) throws IOException {
        if (Platform.isFxApplicationThread()) {
            throw new IllegalStateException("FrameBench.run waits for the JavaFX thread: call it from another thread");
        }
        FxToolkit.preferHeadless();
        CompletableFuture<Void> started = new CompletableFuture<>();
        if (FxToolkit.startIfNeeded(() -> started.complete(null))) {
            Platform.setImplicitExit(false);
        } else {
            started.complete(null);
        }
        await(started);
        try (Probe probe = new Probe(); Driver d = new Driver(probe)) {
            probe.start();
            Show show = d.show(data, width, height);
            Map<String, List<long[]>> frames = new LinkedHashMap<>();
            Map<String, Long> stalls = new LinkedHashMap<>();
            Map<String, String> how = new LinkedHashMap<>();
            Random random = new Random(seed);

            how.put("zoom", ZOOM_STEPS / 2 + " steps in by " + ZOOM_IN + " then as many out, around the middle of the range"
                    + " (InvestigationState.zoom, as the wheel and the +/- buttons)");
            warm(d, () -> d.zoom(ZOOM_IN), () -> d.zoom(1 / ZOOM_IN));
            d.frame(() -> d.view.state().resetZoom());
            probe.reset();
            frames.put("zoom", steps(d, ZOOM_STEPS, i -> d.zoom(i < ZOOM_STEPS / 2 ? ZOOM_IN : 1 / ZOOM_IN)));
            stalls.put("zoom", probe.reset());

            how.put("pan", PAN_STEPS / 2 + " steps right by " + PAN_SHARE + " of the range, then as many left, at 1/16 of the"
                    + " window (InvestigationState.pan, as a drag)");
            d.frame(() -> {
                TimeWindow f = d.view.state().fullWindow();
                long mid = f.fromNanos() + f.lengthNanos() / 2;
                d.view.state().setVisibleRange(mid - f.lengthNanos() / 32, mid + f.lengthNanos() / 32);
            });
            warm(d, () -> d.pan(PAN_SHARE), () -> d.pan(-PAN_SHARE));
            probe.reset();
            frames.put("pan", steps(d, PAN_STEPS, i -> d.pan(i < PAN_STEPS / 2 ? PAN_SHARE : -PAN_SHARE)));
            stalls.put("pan", probe.reset());

            d.frame(() -> d.view.state().resetZoom());
            int tableRows = d.onFx(() -> d.view.logTable().rowCount());
            how.put("scroll", SCROLL_STEPS + " scrolls of the log table to random rows of " + tableRows + " (LogTable.scrollToRow, as its scroll bar)");
            warm(d, () -> d.scrollTo(random.nextInt(Math.max(1, tableRows))), () -> d.scrollTo(0));
            probe.reset();
            frames.put("scroll", steps(d, SCROLL_STEPS, i -> d.scrollTo(random.nextInt(Math.max(1, tableRows)))));
            stalls.put("scroll", probe.reset());

            how.put("jump", JUMPS + " jumps to the last row and " + JUMPS + " back to the first (LogTable.scrollToRow, as its scroll bar)");
            frames.put("jump", steps(d, 2 * JUMPS, i -> d.scrollTo(i % 2 == 0 ? tableRows - 1 : 0)));
            stalls.put("jump", probe.reset());

            if (png != null) {
                d.snapshot(png);
            }
            List<Kind> kinds = new ArrayList<>();
            for (Map.Entry<String, List<long[]>> e : frames.entrySet()) {
                kinds.add(kind(e.getKey(), how.get(e.getKey()), e.getValue(), stalls.get(e.getKey())));
            }
            return new Result(data.index().size(), width, height, show.buildNanos / 1e6, pulse(show.pulse) / 1e6,
                    (show.buildNanos + pulse(show.pulse)) / 1e6, show.stallNanos / 1e6, tableRows, List.copyOf(kinds));
        }
    }

    private static void warm(Driver d, Runnable forth, Runnable back) throws IOException {
        for (int i = 0; i < WARMUP_STEPS; i++) {
            d.frame(forth);
        }
        for (int i = 0; i < WARMUP_STEPS; i++) {
            d.frame(back);
        }
    }

    private interface Step {
        void run(int i);
    }

    private static List<long[]> steps(Driver d, int n, Step step) throws IOException {
        List<long[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            out.add(d.frame(() -> step.run(k)));
        }
        return out;
    }

    /** The statistics of frames given as {action, layout, sync, cpu} nanoseconds each. */
    static Kind kind(String name, String how, List<long[]> frames, long stallNanos) {
        long[] sorted = frames.stream().mapToLong(f -> f[3]).sorted().toArray();
        int n = sorted.length;
        long p95 = sorted[Math.max(0, (int) Math.ceil(0.95 * n) - 1)];
        return new Kind(name, how, n, median(sorted) / 1e6, p95 / 1e6, sorted[n - 1] / 1e6, part(frames, 0), part(frames, 1),
                part(frames, 2), stallNanos / 1e6);
    }

    private static double part(List<long[]> frames, int k) {
        return median(frames.stream().mapToLong(f -> f[k]).sorted().toArray()) / 1e6;
    }

    private static double median(long[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    private static long pulse(long[] frame) {
        return frame[1] + frame[2];
    }

    private record Show(long buildNanos, long[] pulse, long stallNanos) {
    }

    /** The window under test and the pulse listeners that time a frame. */
    private static final class Driver implements AutoCloseable {
        private static final long SETTLE_MILLIS = 1500;
        private final Probe probe;
        private Stage stage;
        private Scene scene;
        private WorkbenchView view;
        private long pulseStart;
        private CompletableFuture<long[]> pending;
        private long actionNanos;
        private long cpuStart;

        Driver(Probe probe) {
            this.probe = probe;
        }

        Show show(WorkbenchData data, int width, int height) throws IOException {
            probe.reset();
            CompletableFuture<long[]> pulse = new CompletableFuture<>();
            long build = onFx(() -> {
                cpuStart = CPU.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                AnnotationStore store = new AnnotationStore(AnnotationLayer.empty(), "bench", Clock.systemUTC());
                view = new WorkbenchView(data, store);
                scene = new Scene(view.root(), width, height);
                scene.addPreLayoutPulseListener(this::preLayout);
                scene.addPostLayoutPulseListener(this::postLayout);
                stage = new Stage();
                stage.setScene(scene);
                stage.setX(0);
                stage.setY(0);
                stage.show();
                long took = System.nanoTime() - t0;
                pending = pulse;
                actionNanos = 0;
                Platform.requestNextPulse();
                return took;
            });
            long[] first = await(pulse);
            sleep(SETTLE_MILLIS);
            frame(() -> { });
            return new Show(build, first, probe.reset());
        }

        void zoom(double factor) {
            TimeWindow r = view.state().visibleRange();
            view.state().zoom(factor, r.fromNanos() + r.lengthNanos() / 2);
        }

        void pan(double share) {
            view.state().pan(Math.round(view.state().visibleRange().lengthNanos() * share));
        }

        void scrollTo(int row) {
            view.logTable().scrollToRow(row);
        }

        /** Runs {@code action} on the JavaFX thread; returns its time and those of the pulse after it: {action, layout, sync}. */
        long[] frame(Runnable action) throws IOException {
            CompletableFuture<long[]> done = new CompletableFuture<>();
            Platform.runLater(() -> {
                cpuStart = CPU.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                try {
                    action.run();
                } catch (RuntimeException e) {
                    done.completeExceptionally(e);
                    return;
                }
                actionNanos = System.nanoTime() - t0;
                pending = done;
                Platform.requestNextPulse();
            });
            return await(done);
        }

        private void preLayout() {
            pulseStart = System.nanoTime();
        }

        private void postLayout() {
            CompletableFuture<long[]> p = pending;
            if (p == null) {
                return;
            }
            pending = null;
            long laidOut = System.nanoTime();
            long layout = laidOut - pulseStart;
            long action = actionNanos;
            long cpu = cpuStart;
            Platform.runLater(() -> p.complete(new long[]{action, layout, System.nanoTime() - laidOut, CPU.getCurrentThreadCpuTime() - cpu}));
        }

        <T> T onFx(Supplier<T> work) throws IOException {
            CompletableFuture<T> f = new CompletableFuture<>();
            Platform.runLater(() -> {
                try {
                    f.complete(work.get());
                } catch (RuntimeException e) {
                    f.completeExceptionally(e);
                }
            });
            return await(f);
        }

        void snapshot(Path png) throws IOException {
            frame(() -> view.state().resetZoom());
            var image = onFx(() -> scene.snapshot(null));
            Path parent = png.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", png.toFile())) {
                throw new IOException("no PNG writer available to write " + png);
            }
        }

        @Override
        public void close() throws IOException {
            if (view != null) {
                onFx(() -> {
                    stage.hide();
                    view.close();
                    return null;
                });
            }
        }
    }

    /** Posts a runnable to the JavaFX thread every {@value #PROBE_MILLIS} ms and keeps the longest wait until it ran. */
    private static final class Probe implements AutoCloseable {
        private final Thread thread = Thread.ofPlatform().daemon().name("faultline-frame-probe").unstarted(this::loop);
        private volatile boolean running = true;
        private long longest;

        void start() {
            thread.start();
        }

        private void loop() {
            while (running) {
                CompletableFuture<Void> ran = new CompletableFuture<>();
                long posted = System.nanoTime();
                Platform.runLater(() -> {
                    record(System.nanoTime() - posted);
                    ran.complete(null);
                });
                try {
                    ran.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    Thread.sleep(PROBE_MILLIS);
                } catch (InterruptedException e) {
                    return;
                } catch (ExecutionException | TimeoutException e) {
                    running = false;
                }
            }
        }

        private synchronized void record(long nanos) {
            longest = Math.max(longest, nanos);
        }

        /** The longest wait since the last reset, and starts again. */
        synchronized long reset() {
            long l = longest;
            longest = 0;
            return l;
        }

        @Override
        public void close() {
            running = false;
            thread.interrupt();
        }
    }

    private static void sleep(long millis) throws InterruptedIOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
    }

    private static <T> T await(CompletableFuture<T> f) throws IOException {
        try {
            return f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the JavaFX thread");
        } catch (ExecutionException e) {
            throw new IOException("a step on the JavaFX thread failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("the JavaFX thread did not answer within " + TIMEOUT_SECONDS + " s", e);
        }
    }
}
