package io.faultline.ui;

import io.faultline.annotate.AnnotationStore;
import io.faultline.annotate.UserProfile;
import io.faultline.capture.Bundle;
import io.faultline.ingest.IngestListener;
import io.faultline.model.AnnotationLayer;
import io.faultline.model.Evidence;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The workbench window. {@link #launch(String, Loader, CaseOpener)} shows the window at once with a
 * progress indicator, runs the loader on a named daemon thread, then shows the workbench (or the loader's
 * error message in the window). "Open…", Ctrl+O and files dropped on the window open another case in the
 * same window: a bundle as it is, loose files through the import dialog; the current case stays until the
 * new one is ready, and stays if it fails or the user cancels. Returns when the window is closed.
 */
public final class WorkbenchApp extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(WorkbenchApp.class);
    /** Open… while no case is shown (the workbench view has its own once one is). */
    private static final KeyCombination OPEN = new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN);

    /** Loads a case off the JavaFX thread, telling the listener how far it is and taking its cancel. */
    @FunctionalInterface
    public interface Loader {
        LoadedCase load(IngestListener listener) throws Exception;
    }

    /** Asks the user for files to open; empty when they cancel. */
    @FunctionalInterface
    interface FilePicker {
        List<Path> pick(Window owner);
    }

    private final String title;
    private final Loader loader;
    private final CaseOpener opener;
    private final FilePicker picker;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final ExecutorService loadExecutor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "faultline-load");
        t.setDaemon(true);
        return t;
    });
    private final StackPane content = new StackPane();
    private final BorderPane window = new BorderPane();
    private final Path prefsFile;
    private final Theme themeOverride;
    private final ExecutorService prefsWriter = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "faultline-prefs-save");
        t.setDaemon(true);
        return t;
    });
    private final List<ToggleGroup> themeGroups = new ArrayList<>();
    private WorkbenchPrefs prefs = WorkbenchPrefs.defaults();
    private Theme theme = Theme.DARK;
    /** The window's bounds while it was last not maximized: what a maximized window remembers. */
    private Rectangle2D normalBounds;
    private Stage stage;
    private WorkbenchView view;
    private Future<?> loading;
    private int generation;

    private WorkbenchApp(String title, Loader loader, CaseOpener opener, FilePicker picker, Path prefsFile, Theme theme) {
        this.title = title;
        this.loader = loader;
        this.opener = opener;
        this.picker = picker;
        this.prefsFile = prefsFile;
        this.themeOverride = theme;
    }

    /** Opens the window and blocks until it is closed; remembers nothing. Call from any thread but the JavaFX thread. */
    public static void launch(String title, Loader loader, CaseOpener opener) {
        launch(title, loader, opener, new ChooserPicker(), null, null);
    }

    /**
     * Opens the window like {@link #launch(String, Loader, CaseOpener)}, with the theme, layout and recent bundles
     * remembered in {@code prefsFile} ({@link WorkbenchPrefs}); {@code theme}, when not null, wins over the remembered one.
     */
    public static void launch(String title, Loader loader, CaseOpener opener, Path prefsFile, Theme theme) {
        launch(title, loader, opener, new ChooserPicker(), prefsFile, theme);
    }

    static void launch(String title, Loader loader, CaseOpener opener, FilePicker picker) {
        launch(title, loader, opener, picker, null, null);
    }

    static void launch(String title, Loader loader, CaseOpener opener, FilePicker picker, Path prefsFile, Theme theme) {
        WorkbenchApp app = new WorkbenchApp(title, loader, opener, picker, prefsFile, theme);
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
        if (prefsFile != null) {
            prefs = WorkbenchPrefs.load(prefsFile);
        }
        theme = themeOverride != null ? themeOverride : prefs.theme();
        content.getStyleClass().add("workbench");
        window.getStyleClass().add("workbench");
        MenuBar windowMenus = menuBar();
        content.getChildren().addListener((javafx.collections.ListChangeListener<javafx.scene.Node>) c ->
                window.setTop(content.getChildren().stream().anyMatch(n -> n.getStyleClass().contains("workbench")) ? null : windowMenus));
        window.setTop(windowMenus);
        window.setCenter(content);
        applyTheme(theme);
        var bounds = Screen.getPrimary().getVisualBounds();
        WorkbenchPrefs.Place place = prefs.window();
        boolean placeFits = place != null && !Screen.getScreensForRectangle(place.x(), place.y(), place.width(), place.height()).isEmpty();
        Scene scene = placeFits ? new Scene(window, place.width(), place.height())
                : new Scene(window, Math.min(1600, bounds.getWidth() * 0.92), Math.min(1000, bounds.getHeight() * 0.92));
        if (placeFits) {
            stage.setX(place.x());
            stage.setY(place.y());
            stage.setMaximized(place.maximized());
        }
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
        scene.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (view == null && opener != null && OPEN.match(e)) {
                chooseAndOpen();
                e.consume();
            }
        });
        stage.setScene(scene);
        stage.setOnHidden(e -> {
            rememberLayout();
            if (view != null) {
                view.close();
            }
            loadExecutor.shutdownNow();
            savePrefs();
            prefsWriter.shutdown();
            try {
                if (!prefsWriter.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    LOG.warn("the preferences were not written within 5 s");
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            closed.countDown();
        });
        stage.show();
        for (var p : List.of(stage.xProperty(), stage.yProperty(), stage.widthProperty(), stage.heightProperty())) {
            p.addListener(o -> {
                if (!stage.isMaximized() && !stage.isIconified()) {
                    normalBounds = new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
                }
            });
        }
        if (!stage.isMaximized()) {
            normalBounds = new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
        }
        load(title, loader);
    }

    /** The window's own menu bar, shown while no case is open (a case's view brings its menus, with these items in them). */
    private MenuBar menuBar() {
        MenuItem open = new MenuItem("Open…");
        open.setId("menuOpen");
        open.setDisable(opener == null);
        open.setOnAction(e -> chooseAndOpen());
        MenuItem quit = new MenuItem("Quit");
        quit.setOnAction(e -> stage.hide());
        Menu file = new Menu("File", null, open, recentMenu(), new SeparatorMenuItem(), quit);
        Menu viewMenu = new Menu("View", null, themeItems().toArray(MenuItem[]::new));
        viewMenu.setId("menuView");
        MenuBar bar = new MenuBar(file, viewMenu);
        bar.setId("menuBar");
        return bar;
    }

    /** File › Open Recent: filled each time it opens. */
    private Menu recentMenu() {
        Menu recent = new Menu("Open Recent");
        recent.setId("menuRecent");
        recent.setDisable(opener == null);
        recent.getItems().add(new MenuItem());
        recent.setOnShowing(e -> fillRecent(recent));
        return recent;
    }

    /** The theme items of a View menu; each menu gets its own pair, kept in step by {@link #applyTheme}. */
    private List<MenuItem> themeItems() {
        ToggleGroup group = new ToggleGroup();
        RadioMenuItem dark = new RadioMenuItem("Dark theme");
        dark.setId("themeDark");
        dark.setUserData(Theme.DARK);
        RadioMenuItem light = new RadioMenuItem("Light theme");
        light.setId("themeLight");
        light.setUserData(Theme.LIGHT);
        dark.setToggleGroup(group);
        light.setToggleGroup(group);
        dark.setSelected(theme == Theme.DARK);
        light.setSelected(theme == Theme.LIGHT);
        dark.setOnAction(e -> setTheme(Theme.DARK));
        light.setOnAction(e -> setTheme(Theme.LIGHT));
        themeGroups.add(group);
        return List.of(dark, light);
    }

    /** The recent bundles, most recent first; one that is gone shows disabled, marked as missing. */
    void fillRecent(Menu recent) {
        recent.getItems().clear();
        for (Path p : prefs.recent()) {
            boolean there = Files.isRegularFile(p);
            MenuItem item = new MenuItem(p.getFileName() + "  —  " + p.getParent() + (there ? "" : "  (missing)"));
            item.setMnemonicParsing(false);
            item.setDisable(!there);
            item.setOnAction(e -> open(List.of(p)));
            recent.getItems().add(item);
        }
        if (prefs.recent().isEmpty()) {
            MenuItem none = new MenuItem("No bundles opened yet");
            none.setDisable(true);
            recent.getItems().add(none);
        } else {
            MenuItem clear = new MenuItem("Clear the list");
            clear.setOnAction(e -> {
                prefs = prefs.withoutRecent();
                savePrefs();
            });
            recent.getItems().addAll(new SeparatorMenuItem(), clear);
        }
    }

    /** Switches the window, the case shown and the dialogs opened from now on to {@code t}, and remembers it. */
    void setTheme(Theme t) {
        applyTheme(t);
        prefs = prefs.withTheme(t);
        savePrefs();
    }

    Theme theme() {
        return theme;
    }

    private void applyTheme(Theme t) {
        theme = t;
        window.getStylesheets().setAll(t.stylesheet());
        content.getStylesheets().setAll(t.stylesheet());
        if (view != null) {
            view.setTheme(t);
        }
        for (ToggleGroup group : themeGroups) {
            group.getToggles().stream().filter(x -> x.getUserData() == t).findFirst().ifPresent(group::selectToggle);
        }
    }

    /** Takes the window's place and the open case's dividers, panels and lanes into the preferences. */
    private void rememberLayout() {
        if (stage == null) {
            return;
        }
        Rectangle2D b = normalBounds != null ? normalBounds : new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
        WorkbenchPrefs.Place place = new WorkbenchPrefs.Place(b.getMinX(), b.getMinY(), b.getWidth(), b.getHeight(), stage.isMaximized());
        prefs = view == null ? prefs.withLayout(place, prefs.dividers(), prefs.facets(), prefs.notes())
                : prefs.withLayout(place, view.dividers(), view.facetsShown(), view.notesShown())
                        .withLanes(view.laneStack().layout(prefs.lanes()));
    }

    /** Writes the preferences in the background (the last write wins; a failure is logged, never shown). */
    private void savePrefs() {
        if (prefsFile == null) {
            return;
        }
        WorkbenchPrefs snapshot = prefs;
        try {
            prefsWriter.execute(() -> {
                try {
                    snapshot.save(prefsFile);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("cannot write the preferences {}: {}", prefsFile, e.getMessage());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.warn("the preferences {} were not written: the window is closed", prefsFile);
        }
    }

    WorkbenchPrefs prefs() {
        return prefs;
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
                load(String.valueOf(bundle.getFileName()), l -> opener.openBundle(bundle, l));
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
                .ifPresent(request -> load(describe(files), l -> opener.importFiles(request, l)));
    }

    private static String describe(List<Path> files) {
        return files.size() == 1 ? String.valueOf(files.getFirst().getFileName())
                : files.getFirst().getFileName() + " and " + (files.size() - 1) + " more";
    }

    /**
     * Runs the loader off the JavaFX thread; the current case stays on screen until the new one is ready. A large case
     * shows its first screen (the events read so far) while the rest is read, with the progress and a Cancel button
     * over it; cancelling goes back to the case open before.
     */
    private void load(String name, Loader what) {
        int mine = ++generation;
        if (loading != null) {
            loading.cancel(true);
        }
        LoadProgress progress = new LoadProgress(name, mine);
        content.getChildren().removeIf(n -> n.getStyleClass().contains("loading-overlay"));
        if (view == null) {
            content.getChildren().setAll(progress.box);
        } else {
            view.root().setDisable(true);
            content.getChildren().add(progress.box);
        }
        CompletableFuture<WorkbenchData> future = CompletableFuture.supplyAsync(() -> prepare(name, what, progress), loadExecutor);
        loading = future;
        future.whenComplete((data, error) -> Platform.runLater(() -> {
            if (mine != generation) {
                return;
            }
            loading = null;
            progress.ended();
            if (error != null) {
                failed(name, error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
            } else {
                showWorkbench(name, data);
            }
        }));
    }

    /**
     * The loading screen of one load: a spinner (or the first screen, once there is one) with what is being read, how
     * far, and a Cancel button. Updated from the loading thread at most every {@value #PROGRESS_EVERY_MILLIS} ms.
     */
    private final class LoadProgress implements IngestListener {
        private static final long PROGRESS_EVERY_MILLIS = 100;
        private final int mine;
        private final String name;
        private final VBox box;
        private final ProgressBar bar = new ProgressBar(ProgressBar.INDETERMINATE_PROGRESS);
        private final Label label;
        private final ProgressIndicator spinner = new ProgressIndicator();
        private volatile boolean cancelled;
        private long lastShown;
        private WorkbenchView preview;

        LoadProgress(String name, int mine) {
            this.mine = mine;
            this.name = name;
            label = new Label("Opening " + name + " …");
            label.getStyleClass().add("loading-label");
            spinner.setMaxSize(64, 64);
            bar.setPrefWidth(320);
            box = new VBox(16, spinner, label, bar);
            box.setAlignment(Pos.CENTER);
            box.getStyleClass().add("loading-overlay");
            box.setPickOnBounds(false);
            Button cancel = new Button("Cancel");
            cancel.setId("cancelOpen");
            cancel.setOnAction(e -> cancel());
            box.getChildren().add(cancel);
        }

        private void cancel() {
            if (mine != generation) {
                return;
            }
            cancelled = true;
            generation++;
            if (loading != null) {
                loading.cancel(true);
                loading = null;
            }
            ended();
            if (view == null) {
                Label cancelledLabel = new Label(opener == null ? "Opening cancelled." : "Opening cancelled. Open… (Ctrl+O) or drop files here.");
                cancelledLabel.setId("openCancelled");
                VBox box = new VBox(12, cancelledLabel);
                if (opener != null) {
                    Button open = new Button("Open…");
                    open.setId("openAfterCancel");
                    open.setOnAction(e -> chooseAndOpen());
                    box.getChildren().add(open);
                }
                box.setAlignment(Pos.CENTER);
                content.getChildren().setAll(box);
            } else {
                content.getChildren().setAll(view.root());
                endOverlay();
            }
        }

        @Override
        public boolean cancelled() {
            return cancelled;
        }

        @Override
        public void importing(long bytesRead, long bytesTotal) {
            show(bytesRead, bytesTotal, String.format(java.util.Locale.ROOT, "Copying into a bundle: %,d of %,d MB read",
                    bytesRead >> 20, bytesTotal >> 20));
        }

        @Override
        public void progress(long bytesRead, long bytesTotal, long events) {
            show(bytesRead, bytesTotal, String.format(java.util.Locale.ROOT, "Reading %,d of %,d MB · %,d events", bytesRead >> 20,
                    bytesTotal >> 20, events));
        }

        private void show(long done, long total, String text) {
            long now = System.currentTimeMillis();
            if (now - lastShown < PROGRESS_EVERY_MILLIS && done < total) {
                return;
            }
            lastShown = now;
            double share = total <= 0 ? ProgressBar.INDETERMINATE_PROGRESS : (double) done / total;
            Platform.runLater(() -> {
                if (mine == generation) {
                    bar.setProgress(share);
                    label.setText(text);
                }
            });
        }

        @Override
        public void preview(Evidence sofar) {
            WorkbenchData data = WorkbenchData.prepare(new LoadedCase(Path.of(name + " (loading)"), sofar, AnnotationLayer.empty()));
            Platform.runLater(() -> {
                if (mine != generation) {
                    return;
                }
                preview = new WorkbenchView(data, new AnnotationStore(AnnotationLayer.empty(), System.getProperty("user.name"),
                        Clock.systemUTC()));
                preview.setTheme(theme);
                preview.root().setMouseTransparent(true);
                box.getChildren().remove(spinner);
                box.setSpacing(6);
                box.setMaxHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
                StackPane.setAlignment(box, Pos.BOTTOM_CENTER);
                box.getStyleClass().add("loading-strip");
                content.getChildren().setAll(preview.root(), box);
            });
        }

        /** The load is over: the first screen, if any, goes, and the case open before is back under the overlay. */
        void ended() {
            if (preview != null) {
                preview.close();
                preview = null;
                if (view != null) {
                    content.getChildren().setAll(view.root());
                }
            }
        }
    }

    private void endOverlay() {
        content.getChildren().removeIf(n -> n.getStyleClass().contains("loading-overlay"));
        if (view != null) {
            view.root().setDisable(false);
        }
    }

    private static WorkbenchData prepare(String name, Loader what, IngestListener listener) {
        try {
            LoadedCase loaded = what.load(listener);
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
            rememberLayout();
            view.close();
        }
        AnnotationStore store = new AnnotationStore(data.loaded().annotations(), authorForNotes(), Clock.systemUTC());
        view = new WorkbenchView(data, store);
        view.authorProperty().addListener((obs, was, now) -> saveAuthor(now));
        view.setTheme(theme);
        if (prefs.dividers() != null) {
            view.setDividers(prefs.dividers());
        }
        view.setFacetsShown(prefs.facets());
        view.setNotesShown(prefs.notes());
        if (prefs.lanes() != null) {
            view.laneStack().restore(prefs.lanes().order(), prefs.lanes().collapsed());
        }
        view.setTextSize(prefs.textSize());
        view.textSizeProperty().addListener((obs, was, now) -> {
            prefs = prefs.withTextSize(now.doubleValue());
            savePrefs();
        });
        view.addWindowItems(recentMenu(), themeItems());
        Path bundle = data.loaded().bundlePath();
        if (bundle != null && Files.isRegularFile(bundle)) {
            prefs = prefs.withOpened(bundle);
            savePrefs();
        }
        if (opener != null) {
            view.setOnOpen(this::chooseAndOpen);
        }
        content.getChildren().setAll(view.root());
        stage.setTitle("Faultline — " + name);
    }

    /**
     * The name new notes are signed with: the user's profile ({@code profile.json} beside the preferences file, shared
     * with {@code faultline profile} and {@code annotate}); with no preferences file (an embedded window) the system
     * user; blank when the profile holds none yet, so the first note asks for it. A profile that cannot be read signs
     * with the system user (said in the log).
     */
    private String authorForNotes() {
        String login = System.getProperty("user.name", "");
        if (prefsFile == null) {
            return login;
        }
        try {
            return UserProfile.load(profileFile()).author();
        } catch (IOException e) {
            LOG.warn("{}; notes are signed {}", e.getMessage(), login);
            return login;
        }
    }

    /** Keeps the name set in the window in the user's profile, where the command line finds it too. */
    private void saveAuthor(String name) {
        if (prefsFile == null || name == null || name.isBlank()) {
            return;
        }
        try {
            new UserProfile(UserProfile.checkedAuthor(name)).save(profileFile());
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("the author name is not kept in {}: {}", profileFile(), e.getMessage());
        }
    }

    private Path profileFile() {
        return prefsFile.resolveSibling(UserProfile.FILE);
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
        alert.getDialogPane().getStylesheets().add(theme.stylesheet());
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
