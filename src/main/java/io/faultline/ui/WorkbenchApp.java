package io.faultline.ui;

import io.faultline.annotate.AnnotationStore;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The workbench window. {@link #launch(String, Callable)} shows the window at once with a progress
 * indicator, runs the loader on a named daemon thread, then shows the workbench (or the loader's error
 * message in the window). Returns when the window is closed.
 */
public final class WorkbenchApp extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(WorkbenchApp.class);

    private final String title;
    private final Callable<LoadedCase> loader;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final ExecutorService loadExecutor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "faultline-load");
        t.setDaemon(true);
        return t;
    });
    private final StackPane content = new StackPane();
    private WorkbenchView view;

    private WorkbenchApp(String title, Callable<LoadedCase> loader) {
        this.title = title;
        this.loader = loader;
    }

    /** Opens the window and blocks until it is closed. Call from any thread but the JavaFX thread. */
    public static void launch(String title, Callable<LoadedCase> loader) {
        WorkbenchApp app = new WorkbenchApp(title, loader);
        Runnable show = () -> {
            try {
                app.start(new Stage());
            } catch (RuntimeException e) {
                LOG.error("the workbench window could not be opened", e);
                app.closed.countDown();
            }
        };
        if (!FxToolkit.startIfNeeded(show)) {
            Platform.runLater(show);
        }
        try {
            app.closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start(Stage stage) {
        content.getStyleClass().add("workbench");
        content.getStylesheets().add(WorkbenchView.STYLESHEET);
        ProgressIndicator progress = new ProgressIndicator();
        progress.setMaxSize(64, 64);
        Label loading = new Label("Opening " + title + " …");
        loading.getStyleClass().add("loading-label");
        VBox box = new VBox(16, progress, loading);
        box.setAlignment(Pos.CENTER);
        content.getChildren().setAll(box);
        var bounds = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(content, Math.min(1600, bounds.getWidth() * 0.92), Math.min(1000, bounds.getHeight() * 0.92));
        stage.setTitle("Faultline — " + title);
        for (int size : new int[] {16, 32, 64, 256}) {
            var icon = WorkbenchApp.class.getResource("/assets/icons/faultline-" + size + ".png");
            if (icon != null) {
                stage.getIcons().add(new javafx.scene.image.Image(icon.toExternalForm()));
            }
        }
        stage.setScene(scene);
        stage.setOnHidden(e -> {
            if (view != null) {
                view.close();
            }
            loadExecutor.shutdownNow();
            closed.countDown();
        });
        stage.show();
        CompletableFuture.supplyAsync(this::load, loadExecutor).whenComplete((data, error) -> Platform.runLater(() -> {
            if (error != null) {
                showFailure(error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error);
            } else {
                showWorkbench(data);
            }
        }));
    }

    private WorkbenchData load() {
        try {
            LoadedCase loaded = loader.call();
            if (loaded == null) {
                throw new IllegalStateException("nothing was loaded for " + title);
            }
            return WorkbenchData.prepare(loaded);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new java.util.concurrent.CompletionException(e);
        }
    }

    private void showWorkbench(WorkbenchData data) {
        AnnotationStore store = new AnnotationStore(data.loaded().annotations(), System.getProperty("user.name"), Clock.systemUTC());
        view = new WorkbenchView(data, store);
        content.getChildren().setAll(view.root());
    }

    private void showFailure(Throwable error) {
        LOG.error("could not open {}", title, error);
        Label head = new Label("Could not open " + title);
        head.getStyleClass().add("failure-title");
        StringBuilder message = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (message.indexOf(m) < 0) {
                message.append(message.isEmpty() ? "" : "\ncaused by: ").append(m);
            }
        }
        Label body = new Label(message.toString());
        body.setId("failureMessage");
        body.getStyleClass().add("failure-message");
        body.setWrapText(true);
        body.setMaxWidth(900);
        VBox box = new VBox(12, head, body);
        box.setAlignment(Pos.CENTER);
        content.getChildren().setAll(box);
    }
}
