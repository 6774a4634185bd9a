package io.faultline.ui;

import io.faultline.annotate.AnnotationStore;
import io.faultline.capture.AnnotationSaver;
import io.faultline.model.Annotation;
import io.faultline.model.AnnotationLayer;
import io.faultline.model.AnnotationTarget;
import io.faultline.model.EpochNanos;
import io.faultline.model.Event;
import io.faultline.model.Span;
import io.faultline.model.TimeWindow;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitMenuButton;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The workbench: overview with brush, time axis, healthcheck lane, one IO chart per disk and the log
 * table on one shared {@link InvestigationState}; the search bar above, the facet sidebar beside the log table, the
 * annotation list on the right; status bar below. The filter and the search run in the background
 * ({@link ViewFilter}) and feed the log table, the overview and the status bar.
 * Annotations go through the {@link AnnotationStore}; every change is saved to the bundle on a background
 * executor. Create and use on the JavaFX thread; call {@link #close()} when the window goes away.
 */
public final class WorkbenchView {
    private static final Logger LOG = LoggerFactory.getLogger(WorkbenchView.class);
    private static final KeyCombination UNDO = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination REDO = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    private static final KeyCombination REDO_Y = new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination OPEN = new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination FIND = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination NEXT_HIT = new KeyCodeCombination(KeyCode.N);
    private static final KeyCombination PREVIOUS_HIT = new KeyCodeCombination(KeyCode.N, KeyCombination.SHIFT_DOWN);
    private static final KeyCombination CLEAR_SEARCH = new KeyCodeCombination(KeyCode.ESCAPE);
    private static final KeyCombination GO_TO_CURSOR = new KeyCodeCombination(KeyCode.J, KeyCombination.SHORTCUT_DOWN);
    private static final double SIDEBAR_DIVIDER = 0.15;
    private static final double NOTES_DIVIDER = 0.79;
    private static final DateTimeFormatter RANGE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private final WorkbenchData data;
    private final AnnotationStore store;
    private final InvestigationState state;
    private final BorderPane root = new BorderPane();
    private final OverviewPane overview;
    private final AxisPane axis;
    private final HealthLane healthLane;
    private final List<IoChart> ioCharts = new ArrayList<>();
    private final DensityLane densityLane;
    private final List<MetricChart> metricCharts = new ArrayList<>();
    private final LifecycleLane lifecycleLane;
    private final SshLane sshLane;
    private final LogTable logTable;
    private final AnnotationPanel annotationPanel;
    private final StatusBar statusBar;
    private final ViewFilter viewFilter;
    private final SearchBar searchBar;
    private final FacetSidebar facetSidebar;
    private final EventDetail eventDetail;
    private final GlanceStrip glanceStrip;
    private final SplitPane bottom;
    private final SplitPane vertical;
    private final SplitPane horizontal;
    private final VBox lanes = new VBox();
    private final javafx.beans.InvalidationListener fitLanes;
    private final VBox laneBody = new VBox();
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.DARK);
    private final Button undoButton = new Button("Undo");
    private final Button redoButton = new Button("Redo");
    private final Label rangeLabel = new Label();
    private final Button openButton = new Button("Open…");
    private final ExecutorService rawReader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "faultline-raw-read");
        t.setDaemon(true);
        return t;
    });
    private DiagnosticsWindow diagnosticsWindow;
    private double laneShare = 0.5;
    private double notesDivider = NOTES_DIVIDER;
    private double facetsDivider = SIDEBAR_DIVIDER;
    private Runnable onOpen;
    private final ExecutorService saveExecutor;
    private final Consumer<AnnotationLayer> uiListener = this::onAnnotationsChanged;
    private final Consumer<AnnotationLayer> saveListener = this::save;

    public WorkbenchView(LoadedCase c, AnnotationStore store) {
        this(WorkbenchData.prepare(c), store);
    }

    /** For callers that prepared the data off the JavaFX thread. */
    public WorkbenchView(WorkbenchData data, AnnotationStore store) {
        this.data = data;
        this.store = store;
        this.state = new InvestigationState(data.fullWindow(), store.snapshot());
        state.setVisibleRange(data.initialRange().fromNanos(), data.initialRange().toNanos());
        WorkbenchActions actions = new Actions();
        overview = new OverviewPane(state, data, actions);
        axis = new AxisPane(state, data, actions);
        healthLane = new HealthLane(state, data, actions);
        for (WorkbenchData.Disk d : data.disks()) {
            ioCharts.add(new IoChart(state, data, actions, d));
        }
        densityLane = new DensityLane(state, data, actions);
        for (WorkbenchData.MetricPanel p : data.diskDetails()) {
            metricCharts.add(new MetricChart(state, data, actions, p));
        }
        lifecycleLane = new LifecycleLane(state, data, actions);
        sshLane = new SshLane(state, data, actions);
        logTable = new LogTable(state, data, actions);
        annotationPanel = new AnnotationPanel(state, data, store);
        statusBar = new StatusBar(state, data, this::showDiagnostics);
        viewFilter = new ViewFilter(state, data.index(), Platform::runLater, m -> statusBar.setMessage(m, true));
        searchBar = new SearchBar(state, data, viewFilter);
        facetSidebar = new FacetSidebar(state, data);
        eventDetail = new EventDetail(state, data, rawReader);
        glanceStrip = new GlanceStrip(state, data);

        overview.setId("overview");
        axis.setId("axis");
        healthLane.setId("health");
        ioCharts.forEach(c -> c.setId("io-" + c.disk().device()));
        logTable.setId("log");
        lanes.getStyleClass().add("lanes");
        densityLane.setId("density");
        metricCharts.forEach(c -> c.setId(c.panel().title().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                + "-" + c.panel().device()));
        lifecycleLane.setId("lifecycle");
        sshLane.setId("ssh");
        laneBody.getStyleClass().add("lane-body");
        VBox body = laneBody;
        body.getChildren().add(densityLane.isEmpty() ? emptyLane("No events in this case") : densityLane);
        body.getChildren().add(healthLane);
        body.getChildren().addAll(ioCharts);
        body.getChildren().addAll(metricCharts);
        if (ioCharts.isEmpty()) {
            body.getChildren().add(emptyLane("No disk series (%util, await) in this case"));
        }
        body.getChildren().add(data.lifecycle().isEmpty()
                ? emptyLane("No container lifecycle (docker events, inspect State) in this case") : lifecycleLane);
        body.getChildren().add(data.ssh().isEmpty() ? emptyLane("No SSH logins or sessions (sshd lines) in this case") : sshLane);
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("lane-scroll");
        lanes.getChildren().addAll(overview, axis, scroll);
        lanes.setMinHeight(0);
        SplitPane tableAndDetail = new SplitPane(logTable, eventDetail);
        tableAndDetail.setOrientation(Orientation.VERTICAL);
        tableAndDetail.setDividerPositions(0.68);
        SplitPane.setResizableWithParent(eventDetail, false);
        logTable.detailsToggle().selectedProperty().addListener((obs, was, now) -> {
            if (!now) {
                tableAndDetail.getItems().remove(eventDetail);
            } else if (!tableAndDetail.getItems().contains(eventDetail)) {
                tableAndDetail.getItems().add(eventDetail);
                tableAndDetail.setDividerPositions(0.68);
            }
        });
        bottom = new SplitPane(facetSidebar, tableAndDetail);
        SplitPane.setResizableWithParent(facetSidebar, false);
        bottom.setDividerPositions(SIDEBAR_DIVIDER);
        searchBar.facetsToggle().selectedProperty().addListener((obs, was, now) -> showFacets(now));
        vertical = new SplitPane(lanes, bottom);
        vertical.setOrientation(Orientation.VERTICAL);
        SplitPane.setResizableWithParent(lanes, false);
        vertical.setDividerPositions(0.5);
        horizontal = new SplitPane(vertical, annotationPanel);
        SplitPane.setResizableWithParent(annotationPanel, false);
        horizontal.setDividerPositions(NOTES_DIVIDER);

        root.getStyleClass().add("workbench");
        root.getStylesheets().add(Theme.DARK.stylesheet());
        theme.addListener((obs, was, now) -> {
            root.getStylesheets().setAll(now.stylesheet());
            state.paletteProperty().set(Palette.of(now));
            if (diagnosticsWindow != null) {
                diagnosticsWindow.stage().getScene().getStylesheets().setAll(now.stylesheet());
            }
        });
        root.setTop(new VBox(toolBar(actions), searchBar, glanceStrip));
        root.setCenter(horizontal);
        root.setBottom(statusBar);
        root.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        state.visibleRangeProperty().addListener(o -> updateRangeLabel());
        updateRangeLabel();
        updateUndo();

        store.addListener(Platform::runLater, uiListener);
        Path bundle = data.loaded().bundlePath();
        if (bundle != null) {
            saveExecutor = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "faultline-annotation-save");
                t.setDaemon(true);
                return t;
            });
            store.addListener(saveExecutor, saveListener);
        } else {
            saveExecutor = null;
        }
        fitLanes = o -> {
            double h = vertical.getHeight();
            if (h > 0) {
                double want = lanes.prefHeight(-1);
                vertical.setDividerPositions(Math.min(laneShare, Math.max(0.25, want / h)));
            }
        };
        vertical.heightProperty().addListener(fitLanes);
    }

    /** The one-line strip a lane shows instead of itself when the case has none of its data. */
    private static Label emptyLane(String text) {
        Label none = new Label(text);
        none.getStyleClass().add("empty-lane");
        return none;
    }

    /** The look of the window: its stylesheet and the palette the canvas panes redraw with. */
    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public Theme theme() {
        return theme.get();
    }

    public void setTheme(Theme t) {
        theme.set(t);
    }

    /** The panes on the time axis, top to bottom, and the log table, by their ids ({@code overview}, {@code io-sda}, …). */
    java.util.Map<String, Region> lanes() {
        java.util.Map<String, Region> out = new java.util.LinkedHashMap<>();
        List<javafx.scene.Node> panes = new ArrayList<>(List.of(overview, axis));
        panes.addAll(laneBody.getChildren());
        for (javafx.scene.Node n : panes) {
            if (n instanceof Region r && n.getId() != null) {
                out.put(n.getId(), r);
            }
        }
        out.put(logTable.getId(), logTable);
        return out;
    }

    /** Where the dividers are and which side panels show, to remember. */
    WorkbenchPrefs.Dividers dividers() {
        double[] main = horizontal.getDividerPositions();
        double[] side = bottom.getDividerPositions();
        return new WorkbenchPrefs.Dividers(vertical.getDividerPositions()[0], main.length > 0 ? main[0] : notesDivider,
                side.length > 0 ? side[0] : facetsDivider);
    }

    /** Puts the dividers where they were remembered; the lanes no longer resize themselves to fit the window. */
    void setDividers(WorkbenchPrefs.Dividers d) {
        vertical.heightProperty().removeListener(fitLanes);
        vertical.setDividerPositions(d.lanes());
        notesDivider = d.notes();
        facetsDivider = d.facets();
        horizontal.setDividerPositions(d.notes());
        bottom.setDividerPositions(d.facets());
    }

    boolean facetsShown() {
        return searchBar.facetsToggle().isSelected();
    }

    void setFacetsShown(boolean show) {
        searchBar.facetsToggle().setSelected(show);
    }

    /** Whether the notes panel shows at the right. */
    boolean notesShown() {
        return horizontal.getItems().contains(annotationPanel);
    }

    void setNotesShown(boolean show) {
        if (show && !notesShown()) {
            horizontal.getItems().add(annotationPanel);
            horizontal.setDividerPositions(notesDivider);
        } else if (!show && notesShown()) {
            notesDivider = horizontal.getDividerPositions()[0];
            horizontal.getItems().remove(annotationPanel);
        }
    }

    /** At most this share of the height goes to the lanes (half in the window, where the log table is read; more in a picture). */
    void setLaneShare(double share) {
        laneShare = share;
    }

    private void showFacets(boolean show) {
        if (show && !bottom.getItems().contains(facetSidebar)) {
            bottom.getItems().addFirst(facetSidebar);
            bottom.setDividerPositions(facetsDivider);
        } else if (!show && bottom.getItems().contains(facetSidebar)) {
            facetsDivider = bottom.getDividerPositions()[0];
            bottom.getItems().remove(facetSidebar);
        }
    }

    public Region root() {
        return root;
    }

    public InvestigationState state() {
        return state;
    }

    public AnnotationStore store() {
        return store;
    }

    /** What "Open…" (and Ctrl+O) does; the button is hidden until one is set. */
    public void setOnOpen(Runnable action) {
        onOpen = action;
        openButton.setVisible(action != null);
        openButton.setManaged(action != null);
    }

    /** Opens (or brings forward) the diagnostics window. */
    void showDiagnostics() {
        if (diagnosticsWindow == null) {
            diagnosticsWindow = new DiagnosticsWindow(window(), state, data, rawReader);
        }
        diagnosticsWindow.show();
    }

    DiagnosticsWindow diagnosticsWindow() {
        return diagnosticsWindow;
    }

    /** Stops listening to the store, closes the diagnostics window and finishes pending saves in the background. */
    public void close() {
        if (diagnosticsWindow != null) {
            diagnosticsWindow.stage().hide();
        }
        rawReader.shutdownNow();
        viewFilter.close();
        searchBar.close();
        facetSidebar.close();
        store.removeListener(uiListener);
        if (saveExecutor != null) {
            store.removeListener(saveListener);
            saveExecutor.shutdown();
        }
    }

    OverviewPane overview() {
        return overview;
    }

    HealthLane healthLane() {
        return healthLane;
    }

    WorkbenchData data() {
        return data;
    }

    DensityLane densityLane() {
        return densityLane;
    }

    List<MetricChart> metricCharts() {
        return metricCharts;
    }

    LifecycleLane lifecycleLane() {
        return lifecycleLane;
    }

    SshLane sshLane() {
        return sshLane;
    }

    List<IoChart> ioCharts() {
        return ioCharts;
    }

    LogTable logTable() {
        return logTable;
    }

    SearchBar searchBar() {
        return searchBar;
    }

    FacetSidebar facetSidebar() {
        return facetSidebar;
    }

    EventDetail eventDetail() {
        return eventDetail;
    }

    GlanceStrip glanceStrip() {
        return glanceStrip;
    }

    AnnotationPanel annotationPanel() {
        return annotationPanel;
    }

    private ToolBar toolBar(WorkbenchActions actions) {
        openButton.setId("openButton");
        openButton.setTooltip(new Tooltip("Open a bundle, or import log files into a new one  (Ctrl+O)"));
        openButton.setOnAction(e -> open());
        setOnOpen(null);
        SplitMenuButton note = new SplitMenuButton();
        note.setId("noteButton");
        note.setText("Note…");
        note.setTooltip(new Tooltip("Note on the selected healthcheck run, else the selected log line, else the visible range"));
        note.setOnAction(e -> noteOnSelection());
        MenuItem onLine = new MenuItem("on selected log line…");
        onLine.setOnAction(e -> Optional.ofNullable(state.selectedEvent()).ifPresent(actions::noteOnEvent));
        MenuItem onRun = new MenuItem("on selected healthcheck run…");
        onRun.setOnAction(e -> Optional.ofNullable(state.selectedSpan()).ifPresent(actions::noteOnSpan));
        MenuItem onRange = new MenuItem("on visible range…");
        onRange.setOnAction(e -> actions.noteOnRange(state.visibleRange()));
        onLine.disableProperty().bind(state.selectedEventProperty().isNull());
        onRun.disableProperty().bind(state.selectedSpanProperty().isNull());
        note.getItems().addAll(onLine, onRun, onRange);

        Button link = new Button("Link…");
        link.setId("linkButton");
        link.setTooltip(new Tooltip("Link two notes: causes, contributes to, precedes, ruled out"));
        link.setOnAction(e -> linkDialog());
        undoButton.setId("undoButton");
        undoButton.setOnAction(e -> undo());
        redoButton.setId("redoButton");
        redoButton.setOnAction(e -> redo());

        Button zoomIn = new Button("+");
        zoomIn.setTooltip(new Tooltip("Zoom in (or wheel on any time pane)"));
        zoomIn.setOnAction(e -> state.zoom(0.5, centre()));
        Button zoomOut = new Button("−");
        zoomOut.setTooltip(new Tooltip("Zoom out"));
        zoomOut.setOnAction(e -> state.zoom(2, centre()));
        Button reset = new Button("Whole window");
        reset.setId("resetZoom");
        reset.setOnAction(e -> state.resetZoom());
        rangeLabel.getStyleClass().add("range-label");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label title = new Label(data.loaded().bundlePath() == null ? "unsaved case" : data.loaded().bundlePath().getFileName().toString());
        title.getStyleClass().add("case-title");
        return new ToolBar(openButton, note, link, new Separator(), undoButton, redoButton, new Separator(),
                zoomIn, zoomOut, reset, rangeLabel, spacer, title);
    }

    private long centre() {
        TimeWindow r = state.visibleRange();
        return r.fromNanos() + r.lengthNanos() / 2;
    }

    private void updateRangeLabel() {
        TimeWindow r = state.visibleRange();
        var zone = data.displayZone();
        String from = RANGE.format(EpochNanos.toInstant(r.fromNanos()).atZone(zone));
        var start = EpochNanos.toInstant(r.fromNanos()).atZone(zone);
        var end = EpochNanos.toInstant(r.toNanos()).atZone(zone);
        String to = DateTimeFormatter.ofPattern(start.toLocalDate().equals(end.toLocalDate()) ? "HH:mm:ss.SSS xxx"
                : "yyyy-MM-dd HH:mm:ss.SSS xxx").format(end);
        rangeLabel.setText(from + "  →  " + to + "   (" + Durations.compact(r.lengthNanos()) + ")");
    }

    private void open() {
        if (onOpen != null) {
            onOpen.run();
        }
    }

    private void onKey(KeyEvent e) {
        if (OPEN.match(e) && onOpen != null) {
            open();
            e.consume();
        } else if (REDO.match(e) || REDO_Y.match(e)) {
            redo();
            e.consume();
        } else if (UNDO.match(e)) {
            undo();
            e.consume();
        } else if (GO_TO_CURSOR.match(e)) {
            logTable.goToCursor();
            e.consume();
        } else if (FIND.match(e)) {
            searchBar.focusField();
            e.consume();
        } else if (!inTextField()) {
            if (NEXT_HIT.match(e)) {
                searchBar.next();
                e.consume();
            } else if (PREVIOUS_HIT.match(e)) {
                searchBar.previous();
                e.consume();
            } else if (CLEAR_SEARCH.match(e) && state.query() != null) {
                searchBar.clear();
                e.consume();
            }
        }
    }

    /** True when typing goes into a text field (the search field, say), where n and Esc are the field's. */
    private boolean inTextField() {
        return root.getScene() != null && root.getScene().getFocusOwner() instanceof TextInputControl;
    }

    private void undo() {
        if (store.canUndo()) {
            store.undo();
        }
    }

    private void redo() {
        if (store.canRedo()) {
            store.redo();
        }
    }

    private void updateUndo() {
        undoButton.setDisable(!store.canUndo());
        redoButton.setDisable(!store.canRedo());
        undoButton.setTooltip(new Tooltip(store.canUndo() ? "Undo " + store.undoDescription() + "  (Ctrl+Z)" : "Nothing to undo"));
        redoButton.setTooltip(new Tooltip(store.canRedo() ? "Redo " + store.redoDescription() + "  (Ctrl+Shift+Z)" : "Nothing to redo"));
    }

    private void onAnnotationsChanged(AnnotationLayer layer) {
        state.annotationsProperty().set(layer);
        updateUndo();
    }

    private void save(AnnotationLayer layer) {
        Path bundle = data.loaded().bundlePath();
        try {
            AnnotationSaver.save(bundle, layer);
            String at = LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss"));
            Platform.runLater(() -> statusBar.setMessage("Notes saved to " + bundle.getFileName() + " at " + at, false));
        } catch (IOException | RuntimeException e) {
            LOG.error("saving annotations to {} failed", bundle, e);
            Platform.runLater(() -> statusBar.setMessage("Saving notes failed: " + e.getMessage(), true));
        }
    }

    private void noteOnSelection() {
        if (state.selectedSpan() != null) {
            new Actions().noteOnSpan(state.selectedSpan());
        } else if (state.selectedEvent() != null) {
            new Actions().noteOnEvent(state.selectedEvent());
        } else {
            new Actions().noteOnRange(state.visibleRange());
        }
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    private void linkDialog() {
        List<Annotation> notes = store.snapshot().annotations();
        if (notes.size() < 2) {
            statusBar.setMessage("A link needs two notes: add another note first", true);
            return;
        }
        new LinkDialog(window(), notes, annotationPanel.selectedAnnotation(), annotationPanel::describe)
                .showAndWait().ifPresent(in -> store.link(in.fromId(), in.toId(), in.type(), in.note()));
    }

    private void note(AnnotationTarget target, String description) {
        new NoteDialog(window(), description).showAndWait()
                .ifPresent(in -> store.addNote(target, in.note(), in.tags()));
    }

    private String when(long nanos, String host) {
        return LogTable.TIME.format(EpochNanos.toInstant(nanos).atZone(data.zoneOf(host)));
    }

    private final class Actions implements WorkbenchActions {
        @Override
        public void noteOnEvent(Event e) {
            note(new AnnotationTarget.OnEvent(e.id(), e.timeNanos()),
                    "Log line at " + when(e.timeNanos(), e.host()) + "\n" + e.who() + ": " + TimePane.ellipsize(e.message(), 90));
        }

        @Override
        public void noteOnSpan(Span s) {
            note(new AnnotationTarget.OnSpan(s.id(), s.startNanos(), s.endNanos()),
                    "Healthcheck run at " + when(s.startNanos(), s.host()) + "\nduration "
                            + Durations.compact(s.durationNanos()) + ", exit code " + Palette.exitLabel(s.exitCode()));
        }

        @Override
        public void noteOnRange(TimeWindow r) {
            note(new AnnotationTarget.OnRange(r.fromNanos(), r.toNanos()),
                    "Time range " + when(r.fromNanos(), null) + " → " + when(r.toNanos(), null)
                            + " (" + Durations.compact(r.lengthNanos()) + ")");
        }
    }
}
