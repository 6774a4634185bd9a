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
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
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
import java.time.ZoneId;
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
    private static final KeyCombination QUIT = new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination FIND = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination NEXT_HIT = new KeyCodeCombination(KeyCode.N);
    private static final KeyCombination PREVIOUS_HIT = new KeyCodeCombination(KeyCode.N, KeyCombination.SHIFT_DOWN);
    private static final KeyCombination CLEAR_SEARCH = new ShownKey(new KeyCodeCombination(KeyCode.ESCAPE), "Esc");
    private static final KeyCombination ZOOM_IN = new ShownKey(new KeyCodeCombination(KeyCode.PLUS), "+");
    private static final KeyCombination ZOOM_OUT = new ShownKey(new KeyCodeCombination(KeyCode.MINUS), "-");
    private static final KeyCombination WHOLE_WINDOW = new KeyCodeCombination(KeyCode.DIGIT0, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination BACK = new KeyCodeCombination(KeyCode.LEFT, KeyCombination.ALT_DOWN);
    private static final KeyCombination FORWARD = new KeyCodeCombination(KeyCode.RIGHT, KeyCombination.ALT_DOWN);
    private static final KeyCombination PAN_LEFT = new KeyCodeCombination(KeyCode.LEFT);
    private static final KeyCombination PAN_RIGHT = new KeyCodeCombination(KeyCode.RIGHT);
    private static final KeyCombination PAGE_LEFT = new KeyCodeCombination(KeyCode.LEFT, KeyCombination.SHIFT_DOWN);
    private static final KeyCombination PAGE_RIGHT = new KeyCodeCombination(KeyCode.RIGHT, KeyCombination.SHIFT_DOWN);
    private static final KeyCombination GO_TO_CURSOR = new ShownKey(new KeyCodeCombination(KeyCode.C), "C / Ctrl+J");
    private static final KeyCombination CONTEXT = new KeyCodeCombination(KeyCode.X);
    private static final KeyCombination TEXT_LARGER = new ShownKey(
            new KeyCodeCombination(KeyCode.EQUALS, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_ANY), "Ctrl++");
    private static final KeyCombination TEXT_SMALLER = new ShownKey(
            new KeyCodeCombination(KeyCode.MINUS, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_ANY), "Ctrl+-");
    private static final KeyCombination TEXT_RESET = new KeyCodeCombination(KeyCode.DIGIT0, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    private static final KeyCombination GO_TO_CURSOR_J = new KeyCodeCombination(KeyCode.J, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination CHAIN = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    private static final KeyCombination EXPORT = new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination PREFERENCES = new KeyCodeCombination(KeyCode.COMMA, KeyCombination.SHORTCUT_DOWN);
    /** Zoom factor of + and - (and the toolbar's buttons). */
    static final double KEY_ZOOM = 0.5;
    /** Presses of one key closer than this (a key held down) are one zoom history entry. */
    static final long KEY_GESTURE_MILLIS = 500;
    /** Share of the visible range an arrow key pans; Shift+arrow pans a whole range. */
    static final double KEY_PAN = 0.1;
    private static final double TEXT_STEP = TextSize.STEP;
    /** Row heights of the log table and the detail fields at text size 1. */
    private static final double TABLE_ROW = 22;
    private static final double DETAIL_ROW = 21;
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
    private final ChainPanel chainPanel;
    /** The right side: the notes list above the causal chain. */
    private final SplitPane side;
    private final javafx.beans.property.StringProperty author = new javafx.beans.property.SimpleStringProperty(this, "author");
    private final Button exportButton = new Button("Export…");
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
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.DARK);
    /** The text size setting: a factor on the font sizes of the panes read most ({@link TextSize}); 1 as the theme says. */
    private final DoubleProperty textSize = new SimpleDoubleProperty(this, "textSize", 1);
    private final Button undoButton = new Button("Undo");
    private final Button redoButton = new Button("Redo");
    private final Label rangeLabel = new Label();
    private final Button openButton = new Button("Open…");
    private final LaneStack laneStack = new LaneStack();
    private final WorkbenchCommands commands = new WorkbenchCommands(this::inTextField);
    private final ComboBox<ZoneChoice> zoneBox = new ComboBox<>();
    /** Keys held down or pressed in a row: one zoom history entry (see {@link #keyGesture}). */
    private Object keyGesture;
    private String keyGestureCommand;
    private long keyGestureMillis;
    private final ExecutorService rawReader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "faultline-raw-read");
        t.setDaemon(true);
        return t;
    });
    private MenuItem undoItem;
    private Menu fileMenu;
    private Menu viewMenu;
    private MenuItem redoItem;
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
        state.clearHistory();
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
        chainPanel = new ChainPanel(state, data, annotationPanel::describeTarget, new ChainEdits());
        author.set(store.author());
        author.addListener((obs, was, now) -> store.setAuthor(now));
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
        laneStack.add("density", "Events per source", densityLane.isEmpty() ? emptyLane("No events in this case") : densityLane);
        laneStack.add("health", "Healthchecks", healthLane);
        for (IoChart chart : ioCharts) {
            laneStack.add(chart.getId(), "Disk " + chart.disk().device() + " · " + chart.disk().host(), chart);
        }
        if (ioCharts.isEmpty()) {
            laneStack.add("disks", "Disks", emptyLane("No disk series (%util, await) in this case"));
        }
        for (MetricChart chart : metricCharts) {
            laneStack.add(chart.getId(), chart.panel().title() + " " + chart.panel().device(), chart);
        }
        laneStack.add("lifecycle", "Containers", data.lifecycle().isEmpty()
                ? emptyLane("No container lifecycle (docker events, inspect State) in this case") : lifecycleLane);
        laneStack.add("ssh", "SSH and auth", data.ssh().isEmpty() ? emptyLane("No SSH logins or sessions (sshd lines) in this case") : sshLane);
        ScrollPane scroll = new ScrollPane(laneStack);
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
        side = new SplitPane(annotationPanel, chainPanel);
        side.setOrientation(Orientation.VERTICAL);
        side.setDividerPositions(0.42);
        horizontal = new SplitPane(vertical, side);
        SplitPane.setResizableWithParent(side, false);
        horizontal.setDividerPositions(NOTES_DIVIDER);

        root.getStyleClass().add("workbench");
        root.getStylesheets().add(Theme.DARK.stylesheet());
        textSize.addListener(o -> applyTextSize());
        theme.addListener((obs, was, now) -> {
            applyTextSize();
            state.paletteProperty().set(Palette.of(now));
            if (diagnosticsWindow != null) {
                diagnosticsWindow.stage().getScene().getStylesheets().setAll(now.stylesheet());
            }
        });
        defineCommands();
        ToolBar tools = toolBar(actions);
        HBox.setHgrow(tools, Priority.ALWAYS);
        MenuBar menus = menuBar();
        menus.setMinWidth(Region.USE_PREF_SIZE);
        HBox top = new HBox(menus, tools);
        top.getStyleClass().add("top-bar");
        root.setTop(new VBox(top, searchBar, glanceStrip));
        root.setCenter(horizontal);
        root.setBottom(statusBar);
        root.addEventFilter(KeyEvent.KEY_PRESSED, commands::onKeyPressed);
        root.addEventFilter(KeyEvent.KEY_RELEASED, commands::onKeyReleased);
        state.visibleRangeProperty().addListener(o -> updateRangeLabel());
        state.zoneChoiceProperty().addListener(o -> updateRangeLabel());
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
        laneStack.collapsed().addListener(fitLanes);
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

    /** The text size of the log table, detail pane, sidebar, notes and lane headers: 1 as the theme says, 0.8 to 2. */
    public DoubleProperty textSizeProperty() {
        return textSize;
    }

    /** Sets the text size, kept within {@link TextSize#MIN} and {@link TextSize#MAX} and rounded to a tenth. */
    public void setTextSize(double factor) {
        textSize.set(TextSize.clamp(factor));
    }

    /** The theme's stylesheet and the text size's over it; the table rows grow with the text. */
    private void applyTextSize() {
        double f = textSize.get();
        String scaled = TextSize.stylesheet(theme.get(), f);
        if (scaled == null) {
            root.getStylesheets().setAll(theme.get().stylesheet());
        } else {
            root.getStylesheets().setAll(theme.get().stylesheet(), scaled);
        }
        logTable.setTextSize(f, TABLE_ROW);
        eventDetail.fields().setFixedCellSize(Math.round(DETAIL_ROW * f));
    }

    /** The panes on the time axis, top to bottom, and the log table, by their ids ({@code overview}, {@code io-sda}, …). */
    java.util.Map<String, Region> lanes() {
        java.util.Map<String, Region> out = new java.util.LinkedHashMap<>();
        List<javafx.scene.Node> panes = new ArrayList<>(List.of(overview, axis));
        laneStack.order().forEach(id -> panes.add(laneStack.content(id)));
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
        return horizontal.getItems().contains(side);
    }

    void setNotesShown(boolean show) {
        if (show && !notesShown()) {
            horizontal.getItems().add(side);
            horizontal.setDividerPositions(notesDivider);
        } else if (!show && notesShown()) {
            notesDivider = horizontal.getDividerPositions()[0];
            horizontal.getItems().remove(side);
        }
    }

    /** Whether the causal chain shows (under the notes list, in the notes panel). */
    boolean chainShown() {
        return notesShown() && side.getItems().contains(chainPanel);
    }

    /** Shows the causal chain under the notes list (and the notes panel with it), or hides it. */
    void setChainShown(boolean show) {
        if (show) {
            setNotesShown(true);
            if (!side.getItems().contains(chainPanel)) {
                side.getItems().add(chainPanel);
                side.setDividerPositions(0.42);
            }
        } else {
            side.getItems().remove(chainPanel);
        }
    }

    ChainPanel chainPanel() {
        return chainPanel;
    }

    /** The name new notes are signed with; blank: asked before the first note. The window keeps it in its preferences. */
    public javafx.beans.property.StringProperty authorProperty() {
        return author;
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

    AxisPane axis() {
        return axis;
    }

    /** The lanes under the axis: their order and which are collapsed, to save and put back. */
    public LaneStack laneStack() {
        return laneStack;
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

    StatusBar statusBar() {
        return statusBar;
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

        Button back = button("◀", "back", "backButton");
        Button forward = button("▶", "forward", "forwardButton");
        Button zoomIn = button("+", "zoomIn", "zoomInButton");
        Button zoomOut = button("−", "zoomOut", "zoomOutButton");
        Button reset = button("Whole window", "wholeWindow", "resetZoom");
        zoneBox.setId("zoneChoice");
        zoneBox.getStyleClass().add("zone-choice");
        zoneBox.getItems().setAll(ZoneChoice.values());
        zoneBox.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(ZoneChoice c) {
                return c == null ? "" : zoneText(c);
            }

            @Override
            public ZoneChoice fromString(String s) {
                return null;
            }
        });
        zoneBox.valueProperty().bindBidirectional(state.zoneChoiceProperty());
        zoneBox.setTooltip(new Tooltip("The zone times are shown in: each host's own, UTC, or this laptop's"));
        rangeLabel.getStyleClass().add("range-label");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label title = new Label(data.loaded().bundlePath() == null ? "unsaved case" : data.loaded().bundlePath().getFileName().toString());
        title.getStyleClass().add("case-title");
        exportButton.setId("exportButton");
        exportButton.setTooltip(commands.get("export").tooltip());
        exportButton.setOnAction(e -> commands.get("export").run());
        return new ToolBar(openButton, note, link, exportButton, new Separator(), undoButton, redoButton, new Separator(),
                back, forward, zoomIn, zoomOut, reset, zoneBox, rangeLabel, spacer, title);
    }

    /** A toolbar button that runs a command, disabled with it. */
    private Button button(String text, String command, String id) {
        WorkbenchCommands.Command c = commands.get(command);
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(c.tooltip());
        b.setOnAction(e -> c.run());
        b.disableProperty().bind(c.disabledBinding());
        return b;
    }

    private String zoneText(ZoneChoice c) {
        ZoneId zone = c.resolve(data.displayZone());
        String offset = zone.getRules().getOffset(EpochNanos.toInstant(state.visibleRange().fromNanos())).getId();
        String utc = "UTC" + ("Z".equals(offset) ? "+00:00" : offset);
        return switch (c) {
            case HOST -> "Host zone · " + zone.getId() + " (" + utc + ")";
            case UTC -> "UTC";
            case LAPTOP -> "This laptop · " + zone.getId() + " (" + utc + ")";
        };
    }

    /** Where + and - zoom around: the cursor line when it is in view, else the middle. */
    private long zoomAnchor() {
        TimeWindow r = state.visibleRange();
        Long c = state.cursor();
        return c != null && r.contains(c) ? c : r.fromNanos() + r.lengthNanos() / 2;
    }

    /**
     * The history gesture of a key: presses of the same command less than {@value #KEY_GESTURE_MILLIS} ms
     * apart (a key held down) are one zoom history entry.
     */
    private Object keyGesture(String command) {
        long now = System.currentTimeMillis();
        if (keyGesture == null || !command.equals(keyGestureCommand) || now - keyGestureMillis > KEY_GESTURE_MILLIS) {
            keyGesture = new Object();
            keyGestureCommand = command;
        }
        keyGestureMillis = now;
        return keyGesture;
    }

    private void zoomBy(String command, double factor) {
        state.zoom(keyGesture(command), factor, zoomAnchor());
    }

    private void panBy(String command, double share) {
        state.pan(keyGesture(command), Math.round(share * state.visibleRange().lengthNanos()));
    }

    private void quit() {
        Window w = window();
        if (w != null) {
            w.hide();
        }
    }

    /** Every action of the window, once: the menu bar, the toolbar and the keys call these. */
    private void defineCommands() {
        var c = commands;
        c.add("open", "Open…", OPEN, false, this::open).disabledWhen(openButton.visibleProperty().not());
        c.add("quit", "Quit", QUIT, false, this::quit);
        c.add("export", "Export…", EXPORT, false, this::export);
        c.add("preferences", "Preferences…", PREFERENCES, false, this::preferences);
        c.add("chain", "Causal chain", CHAIN, false, () -> setChainShown(!chainShown()));
        c.add("undo", "Undo", UNDO, false, this::undo);
        c.add("redo", "Redo", REDO, false, this::redo, REDO_Y);
        c.add("find", "Find…", FIND, false, searchBar::focusField);
        c.add("clearSearch", "Clear search", CLEAR_SEARCH, true, searchBar::clear).disabledWhen(state.queryProperty().isNull());
        c.add("zoomIn", "Zoom in", ZOOM_IN, true, () -> zoomBy("zoomIn", KEY_ZOOM),
                new KeyCodeCombination(KeyCode.ADD), new KeyCodeCombination(KeyCode.EQUALS, KeyCombination.SHIFT_ANY));
        c.add("zoomOut", "Zoom out", ZOOM_OUT, true, () -> zoomBy("zoomOut", 1 / KEY_ZOOM),
                new KeyCodeCombination(KeyCode.SUBTRACT));
        c.add("wholeWindow", "Whole window", WHOLE_WINDOW, false, state::resetZoom);
        c.add("back", "Back", BACK, true, state::back).disabledWhen(state.canGoBackProperty().not());
        c.add("forward", "Forward", FORWARD, true, state::forward).disabledWhen(state.canGoForwardProperty().not());
        c.add("panLeft", "Pan left", PAN_LEFT, true, () -> panBy("panLeft", -KEY_PAN));
        c.add("panRight", "Pan right", PAN_RIGHT, true, () -> panBy("panRight", KEY_PAN));
        c.add("pageLeft", "Page left", PAGE_LEFT, true, () -> panBy("pageLeft", -1));
        c.add("pageRight", "Page right", PAGE_RIGHT, true, () -> panBy("pageRight", 1));
        c.add("collapseLanes", "Collapse all lanes", null, false, () -> laneStack.setAllCollapsed(true));
        c.add("expandLanes", "Expand all lanes", null, false, () -> laneStack.setAllCollapsed(false));
        c.add("nextHit", "Next hit", NEXT_HIT, true, searchBar::next);
        c.add("previousHit", "Previous hit", PREVIOUS_HIT, true, searchBar::previous);
        c.add("goToCursor", "Go to cursor", GO_TO_CURSOR, true, logTable::goToCursor, GO_TO_CURSOR_J)
                .disabledWhen(state.cursorProperty().isNull());
        c.add("context", "Context ± lines", CONTEXT, true, logTable::toggleContext);
        c.add("textLarger", "Larger text", TEXT_LARGER, false, () -> setTextSize(textSize.get() + TEXT_STEP),
                new KeyCodeCombination(KeyCode.PLUS, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_ANY),
                new KeyCodeCombination(KeyCode.ADD, KeyCombination.SHORTCUT_DOWN))
                .disabledWhen(textSize.greaterThanOrEqualTo(TextSize.MAX - 1e-9));
        c.add("textSmaller", "Smaller text", TEXT_SMALLER, false, () -> setTextSize(textSize.get() - TEXT_STEP),
                new KeyCodeCombination(KeyCode.SUBTRACT, KeyCombination.SHORTCUT_DOWN))
                .disabledWhen(textSize.lessThanOrEqualTo(TextSize.MIN + 1e-9));
        c.add("textReset", "Reset text size", TEXT_RESET, false, () -> setTextSize(1))
                .disabledWhen(textSize.isEqualTo(1, 1e-9));
    }

    private MenuBar menuBar() {
        var c = commands;
        Menu file = new Menu("File");
        file.getItems().addAll(c.get("open").menuItem(), new SeparatorMenuItem(), c.get("export").menuItem(),
                new SeparatorMenuItem(), c.get("preferences").menuItem(), new SeparatorMenuItem(), c.get("quit").menuItem());
        Menu edit = new Menu("Edit");
        MenuItem undo = c.get("undo").menuItem();
        MenuItem redo = c.get("redo").menuItem();
        undo.setDisable(!store.canUndo());
        redo.setDisable(!store.canRedo());
        undoItem = undo;
        redoItem = redo;
        edit.getItems().addAll(undo, redo, new SeparatorMenuItem(), c.get("find").menuItem(), c.get("clearSearch").menuItem());
        Menu zone = new Menu("Time zone");
        ToggleGroup zones = new ToggleGroup();
        for (ZoneChoice z : ZoneChoice.values()) {
            RadioMenuItem item = new RadioMenuItem(z.label());
            item.setId("menu-zone-" + z.name().toLowerCase(java.util.Locale.ROOT));
            item.setUserData(z);
            item.setToggleGroup(zones);
            item.setSelected(state.zoneChoice() == z);
            item.setOnAction(e -> state.zoneChoiceProperty().set(z));
            state.zoneChoiceProperty().addListener((obs, was, now) -> item.setSelected(now == z));
            zone.getItems().add(item);
        }
        zone.setOnShowing(e -> zone.getItems().forEach(i -> i.setText(zoneText((ZoneChoice) i.getUserData()))));
        Menu view = new Menu("View");
        view.setId("menuView");
        fileMenu = file;
        viewMenu = view;
        CheckMenuItem facets = new CheckMenuItem("Facet sidebar");
        facets.setOnAction(e -> setFacetsShown(facets.isSelected()));
        CheckMenuItem notes = new CheckMenuItem("Notes panel");
        notes.setOnAction(e -> setNotesShown(notes.isSelected()));
        CheckMenuItem chain = new CheckMenuItem("Causal chain");
        chain.setId("menu-chain");
        chain.setAccelerator(CHAIN);
        chain.setOnAction(e -> setChainShown(chain.isSelected()));
        view.setOnShowing(e -> {
            facets.setSelected(facetsShown());
            notes.setSelected(notesShown());
            chain.setSelected(chainShown());
        });
        view.getItems().addAll(c.get("zoomIn").menuItem(), c.get("zoomOut").menuItem(), c.get("wholeWindow").menuItem(),
                new SeparatorMenuItem(), c.get("back").menuItem(), c.get("forward").menuItem(), new SeparatorMenuItem(),
                c.get("panLeft").menuItem(), c.get("panRight").menuItem(), c.get("pageLeft").menuItem(), c.get("pageRight").menuItem(),
                new SeparatorMenuItem(), zone, new SeparatorMenuItem(), c.get("collapseLanes").menuItem(), c.get("expandLanes").menuItem(),
                new SeparatorMenuItem(), c.get("textLarger").menuItem(), c.get("textSmaller").menuItem(), c.get("textReset").menuItem(),
                new SeparatorMenuItem(), facets, notes, chain);
        Menu navigate = new Menu("Navigate");
        navigate.getItems().addAll(c.get("nextHit").menuItem(), c.get("previousHit").menuItem(), new SeparatorMenuItem(),
                c.get("goToCursor").menuItem(), c.get("context").checkMenuItem(logTable.contextToggle().selectedProperty()));
        MenuBar bar = new MenuBar(file, edit, view, navigate);
        bar.setId("menuBar");
        return bar;
    }

    /**
     * Puts the window's items into this view's menus: {@code recent} after File › Open…, {@code themeItems} at the end
     * of View (the window shows no menu bar of its own while a case is open).
     */
    void addWindowItems(Menu recent, List<MenuItem> themeItems) {
        fileMenu.getItems().add(1, recent);
        viewMenu.getItems().add(new SeparatorMenuItem());
        viewMenu.getItems().addAll(themeItems);
    }

    private void updateRangeLabel() {
        TimeWindow r = state.visibleRange();
        var zone = state.zoneChoice().resolve(data.displayZone());
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
        undoItem.setDisable(!store.canUndo());
        redoItem.setDisable(!store.canRedo());
        undoItem.setText(store.canUndo() ? "Undo " + store.undoDescription() : "Undo");
        redoItem.setText(store.canRedo() ? "Redo " + store.redoDescription() : "Redo");
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
            java.time.Instant at = java.time.Instant.now();
            Platform.runLater(() -> statusBar.setSaved(bundle.getFileName().toString(), at));
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
        linkDialog(annotationPanel.selectedAnnotation());
    }

    private void linkDialog(Annotation from) {
        List<Annotation> notes = store.snapshot().annotations();
        if (notes.size() < 2) {
            statusBar.setMessage("A link needs two notes: add another note first", true);
            return;
        }
        new LinkDialog(window(), notes, from, annotationPanel::describe)
                .showAndWait().ifPresent(in -> store.link(in.fromId(), in.toId(), in.type(), in.note()));
    }

    private void note(AnnotationTarget target, String description) {
        if (!authorKnown()) {
            return;
        }
        new NoteDialog(window(), description).showAndWait()
                .ifPresent(in -> store.addNote(target, in.note(), in.tags(), in.severity()));
    }

    /** True once notes have an author: asks for the name before the first note when none is set. */
    private boolean authorKnown() {
        if (author.get() != null && !author.get().isBlank()) {
            return true;
        }
        Optional<String> name = new PreferencesDialog(window(), author.get(), true).showAndWait();
        name.ifPresent(author::set);
        return name.isPresent();
    }

    private void preferences() {
        new PreferencesDialog(window(), author.get(), false).showAndWait().ifPresent(author::set);
    }

    /** Edits a note (its text and tags) or a link (its type and note) in a dialog: one undoable step. */
    private void edit(Object item) {
        if (item instanceof Annotation a) {
            new NoteDialog(window(), annotationPanel.describeTarget(a), a).showAndWait()
                    .filter(in -> !in.note().equals(a.note()) || !in.tags().equals(a.tags()))
                    .ifPresent(in -> store.edit(a.id(), in.note(), in.tags(), in.severity()));
        } else if (item instanceof io.faultline.model.CausalLink l) {
            new LinkDialog(window(), store.snapshot().annotations(), null, annotationPanel::describe, l).showAndWait()
                    .filter(in -> in.type() != l.type() || !in.note().equals(l.note()))
                    .ifPresent(in -> store.editLink(l.id(), in.type(), in.note()));
        }
    }

    /** Deletes a note (and its links) or a link: one undoable step. */
    private void delete(Object item) {
        if (item instanceof Annotation a) {
            store.remove(a.id());
            statusBar.setMessage("Deleted note " + a.id() + " (Ctrl+Z brings it back)", false);
        } else if (item instanceof io.faultline.model.CausalLink l) {
            store.remove(l.id());
            statusBar.setMessage("Deleted link " + l.id() + " (Ctrl+Z brings it back)", false);
        }
    }

    /** File › Export…: the export dialog over the current notes, the visible range and the chain's selection. */
    private void export() {
        new ExportDialog(window(), data, store.snapshot(), state, theme.get()).show();
    }

    /** The chain panel's buttons and right click. */
    private final class ChainEdits implements ChainPanel.Edits {
        @Override
        public void addNote() {
            noteOnSelection();
        }

        @Override
        public void link(Annotation from) {
            linkDialog(from);
        }

        @Override
        public void edit(Object item) {
            WorkbenchView.this.edit(item);
        }

        @Override
        public void delete(Object item) {
            WorkbenchView.this.delete(item);
        }
    }

    private String when(long nanos, String host) {
        return LogTable.TIME.format(EpochNanos.toInstant(nanos).atZone(state.zoneChoice().resolve(data.zoneOf(host))));
    }

    private final class Actions implements WorkbenchActions {
        @Override
        public void noteOnEvent(Event e) {
            note(new AnnotationTarget.OnEvent(e.id(), e.timeNanos()),
                    "Log line at " + when(e.timeNanos(), e.host()) + "\n" + e.who() + ": " + TimePane.ellipsize(e.message(), 90));
        }

        @Override
        public void noteOnSpan(Span s) {
            note(new AnnotationTarget.OnSpan(s.id(), s.kind(), s.startNanos(), s.endNanos()),
                    "Healthcheck run at " + when(s.startNanos(), s.host()) + "\nduration "
                            + Durations.compact(s.durationNanos()) + ", exit code " + Palette.exitLabel(s.exitCode()));
        }

        @Override
        public void editAnnotation(Object item) {
            edit(item);
        }

        @Override
        public void deleteAnnotation(Object item) {
            delete(item);
        }

        @Override
        public void linkFrom(Annotation from) {
            linkDialog(from);
        }

        @Override
        public void noteOnRange(TimeWindow r) {
            note(new AnnotationTarget.OnRange(r.fromNanos(), r.toNanos()),
                    "Time range " + when(r.fromNanos(), null) + " → " + when(r.toNanos(), null)
                            + " (" + Durations.compact(r.lengthNanos()) + ")");
        }
    }
}
