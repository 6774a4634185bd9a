package io.faultline.ui;

import io.faultline.annotate.AnnotationStore;
import io.faultline.capture.Bundle;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The workbench window. {@link #launch(String, Callable, CaseOpener)} shows the window at once with a
 * progress indicator, runs the loader on a named daemon thread, then shows the workbench (or the loader's
 * error message in the window). "Open…", Ctrl+O and files dropped on the window open another case in the
 * same window: a bundle as it is, loose files through the import dialog; the current case stays until the
 * new one is ready, and stays if it fails or the user cancels. Returns when the window is closed.
 */
public final class WorkbenchApp extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(WorkbenchApp.class);

    /** Asks the user for files to open; empty when they cancel. */
    @FunctionalInterface
    interface FilePicker {
        List<Path> pick(Window owner);
    }

    private final String title;
    private final Callable<LoadedCase> loader;
    private final CaseOpener opener;
    private final FilePicker picker;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final ExecutorService loadExecutor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "faultline-load");
        t.setDaemon(true);
        return t;
    });
    private final StackPane content = new StackPane();
    private Stage stage;
    private WorkbenchView view;
    private Future<?> loading;
    private int generation;

    private WorkbenchApp(String title, Callable<LoadedCase> loader, CaseOpener opener, FilePicker picker) {
        this.title = title;
        this.loader = loader;
        this.opener = opener;
        this.picker = picker;
    }

    /** Opens the window and blocks until it is closed. Call from any thread but the JavaFX thread. */
    public static void launch(String title, Callable<LoadedCase> loader, CaseOpener opener) {
        launch(title, loader, opener, new ChooserPicker());
    }

    static void launch(String title, Callable<LoadedCase> loader, CaseOpener opener, FilePicker picker) {
        WorkbenchApp app = new WorkbenchApp(title, loader, opener, picker);
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
        this.stage = stage;
        content.getStyleClass().add("workbench");
        content.getStylesheets().add(WorkbenchView.STYLESHEET);
        var bounds = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(content, Math.min(1600, bounds.getWidth() * 0.92), Math.min(1000, bounds.getHeight() * 0.92));
        for (int size : new int[] {16, 32, 64, 256}) {
            var icon = WorkbenchApp.class.getResource("/assets/icons/faultline-" + size + ".png");
            if (icon != null) {
                stage.getIcons().add(new javafx.scene.image.Image(icon.toExternalForm()));
            }
        }
        scene.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles() && opener != null) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        scene.setOnDragDropped(e -> {
            boolean ok = e.getDragboard().hasFiles() && opener != null;
            if (ok) {
                List<Path> files = e.getDragboard().getFiles().stream().map(java.io.File::toPath).toList();
                Platform.runLater(() -> open(files));
            }
            e.setDropCompleted(ok);
            e.consume();
        });
        stage.setScene(scene);
        stage.setOnHidden(e -> {
            if (view != null) {
                view.close();
            }
            loadExecutor.shutdownNow();
            closed.countDown();
        });
        stage.show();
        load(title, loader);
    }

    /** Asks for files and opens them. */
    void chooseAndOpen() {
        List<Path> files = picker.pick(stage);
        if (files != null && !files.isEmpty()) {
            open(files);
        }
    }

    /** Opens a lone bundle as it is; anything else goes through the import dialog first. */
    void open(List<Path> files) {
        try {
            if (files.size() == 1 && Bundle.looksLikeBundle(files.getFirst())) {
                Path bundle = files.getFirst();
                load(String.valueOf(bundle.getFileName()), () -> opener.openBundle(bundle));
                return;
            }
        } catch (IOException e) {
            failed(String.valueOf(files.getFirst().getFileName()), e);
            return;
        }
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                failed(String.valueOf(f.getFileName()), new IOException(f + ": not a file that can be read"));
                return;
            }
        }
        new ImportDialog(stage, files).showAndWait()
                .ifPresent(request -> load(describe(files), () -> opener.importFiles(request)));
    }

    private static String describe(List<Path> files) {
        return files.size() == 1 ? String.valueOf(files.getFirst().getFileName())
                : files.getFirst().getFileName() + " and " + (files.size() - 1) + " more";
    }

    /** Runs the loader off the JavaFX thread; the current case stays on screen until the new one is ready. */
    private void load(String name, Callable<LoadedCase> what) {
        int mine = ++generation;
        if (loading != null) {
            loading.cancel(true);
        }
        Node progress = progress(name, mine);
        content.getChildren().removeIf(n -> n.getStyleClass().contains("loading-overlay"));
        if (view == null) {
            content.getChildren().setAll(progress);
        } else {
            view.root().setDisable(true);
            content.getChildren().add(progress);
        }
        CompletableFuture<WorkbenchData> future = CompletableFuture.supplyAsync(() -> prepare(name, what), loadExecutor);
        loading = future;
        future.whenComplete((data, error) -> Platform.runLater(() -> {
            if (mine != generation) {
                return;
            }
            loading = null;
            if (error != null) {
                failed(name, error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
            } else {
                showWorkbench(name, data);
            }
        }));
    }

    private Node progress(String name, int mine) {
        ProgressIndicator indicator = new ProgressIndicator();
        indicator.setMaxSize(64, 64);
        Label label = new Label("Opening " + name + " …");
        label.getStyleClass().add("loading-label");
        VBox box = new VBox(16, indicator, label);
        box.setAlignment(Pos.CENTER);
        box.getStyleClass().add("loading-overlay");
        if (view != null) {
            Button cancel = new Button("Cancel");
            cancel.setId("cancelOpen");
            cancel.setOnAction(e -> {
                if (mine == generation) {
                    generation++;
                    loading.cancel(true);
                    loading = null;
                    endOverlay();
                }
            });
            box.getChildren().add(cancel);
        }
        return box;
    }

    private void endOverlay() {
        content.getChildren().removeIf(n -> n.getStyleClass().contains("loading-overlay"));
        if (view != null) {
            view.root().setDisable(false);
        }
    }

    private static WorkbenchData prepare(String name, Callable<LoadedCase> what) {
        try {
            LoadedCase loaded = what.call();
            if (loaded == null) {
                throw new IllegalStateException("nothing was loaded for " + name);
            }
            return WorkbenchData.prepare(loaded);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    private void showWorkbench(String name, WorkbenchData data) {
        if (view != null) {
            view.close();
        }
        AnnotationStore store = new AnnotationStore(data.loaded().annotations(), System.getProperty("user.name"), Clock.systemUTC());
        view = new WorkbenchView(data, store);
        if (opener != null) {
            view.setOnOpen(this::chooseAndOpen);
        }
        content.getChildren().setAll(view.root());
        stage.setTitle("Faultline — " + name);
    }

    /** A failure replaces the loading screen when no case is open; otherwise it is a message over the case. */
    private void failed(String name, Throwable error) {
        LOG.error("could not open {}", name, error);
        String message = messageOf(error);
        if (view == null) {
            showFailure(name, message);
            return;
        }
        endOverlay();
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.initOwner(stage);
        alert.setTitle("Could not open " + name);
        alert.setHeaderText("Could not open " + name);
        alert.setContentText(message);
        alert.getDialogPane().getStylesheets().add(WorkbenchView.STYLESHEET);
        alert.getDialogPane().setId("openFailure");
        alert.show();
    }

    private static String messageOf(Throwable error) {
        StringBuilder message = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (message.indexOf(m) < 0) {
                message.append(message.isEmpty() ? "" : "\ncaused by: ").append(m);
            }
        }
        return message.toString();
    }

    private void showFailure(String name, String message) {
        stage.setTitle("Faultline — " + name);
        Label head = new Label("Could not open " + name);
        head.getStyleClass().add("failure-title");
        Label body = new Label(message);
        body.setId("failureMessage");
        body.getStyleClass().add("failure-message");
        body.setWrapText(true);
        body.setMaxWidth(900);
        VBox box = new VBox(12, head, body);
        if (opener != null) {
            Button other = new Button("Open something else…");
            other.setId("openOther");
            other.setOnAction(e -> chooseAndOpen());
            box.getChildren().add(other);
        }
        box.setAlignment(Pos.CENTER);
        content.getChildren().setAll(box);
    }

    /** The platform's file chooser, starting where the last pick was made. */
    private static final class ChooserPicker implements FilePicker {
        private java.io.File lastFolder;

        @Override
        public List<Path> pick(Window owner) {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Open a bundle, or log files to import");
            chooser.getExtensionFilters().addAll(
                    new FileChooser.ExtensionFilter("All files", "*"),
                    new FileChooser.ExtensionFilter("Faultline bundles", "*.flcap"));
            if (lastFolder != null && lastFolder.isDirectory()) {
                chooser.setInitialDirectory(lastFolder);
            }
            List<java.io.File> files = chooser.showOpenMultipleDialog(owner);
            if (files == null || files.isEmpty()) {
                return List.of();
            }
            lastFolder = files.getFirst().getParentFile();
            return files.stream().map(java.io.File::toPath).toList();
        }
    }
}
