package io.faultline.ui;

import io.faultline.model.EpochNanos;
import io.faultline.model.Event;
import io.faultline.model.Severity;
import io.faultline.model.TimeWindow;
import io.faultline.timeline.Query;
import io.faultline.timeline.Selection;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.css.PseudoClass;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Spinner;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;

import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The events of the visible range that the filter keeps, in a virtualised table: the rows are {@link EventRows}, a
 * view over event indices that reads an event only when its row is drawn. Search hits are marked when the search does
 * not filter. Selecting a row selects the event and moves the cursor to it; moving the cursor elsewhere selects the
 * nearest row, and selecting an event elsewhere (a search hit) selects its row; both scroll to it.
 * <p>
 * The table holds at most {@value #WINDOW} rows at a time, a window over the rows: JavaFX's {@link VirtualFlow} walks
 * every row before the one it scrolls to and every row when the row count changes, so a table of a million rows cost
 * far more per frame than one of a hundred. Over more rows than that, a scroll bar of this pane's own spans all the rows
 * (the table's is hidden) and the window moves when the view nears its edge or the bar is dragged elsewhere.
 * <p>
 * The bar above the table: <b>Context ±N</b> shows instead the N events before and after the selected line (else the
 * one nearest the cursor) in time order across every source, those the filter hides dimmed; a selection made elsewhere
 * (a search hit, a tile) centres it anew, a click inside it does not. <b>Go to cursor</b> (Ctrl+J) shows and selects
 * the line nearest the cursor. The text a search finds is marked inside the message cells that are drawn.
 */
final class LogTable extends StackPane {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS xxx", Locale.ROOT);
    private static final PseudoClass ANNOTATED = PseudoClass.getPseudoClass("annotated");
    private static final PseudoClass HIT = PseudoClass.getPseudoClass("hit");
    private static final PseudoClass FILTERED_OUT = PseudoClass.getPseudoClass("filtered-out");
    /** Lines shown before and after the centre in context, at first. */
    static final int CONTEXT_DEFAULT = 5;
    private static final String[] SEVERITY_NAMES = {"crit", "err", "warning", "notice", "info", "debug"};
    /** A cell's severity colour as a pseudo-class: changing one restyles the cell, changing a style class re-matches every rule. */
    private static final PseudoClass[] SEVERITY = java.util.Arrays.stream(SEVERITY_NAMES).map(n -> PseudoClass.getPseudoClass("sev-" + n))
            .toArray(PseudoClass[]::new);
    /** The most rows the table holds at a time. */
    static final int WINDOW = 2_000;
    /** Rows from a window edge at which the window moves to keep the view in its middle. */
    private static final int MARGIN = WINDOW / 8;
    private static final double MIN_THUMB_PX = 24;

    private final InvestigationState state;
    private final WorkbenchData data;
    private final TableView<Event> table = new TableView<>();
    private final InvalidationListener rangeListener = this::onRange;
    private final InvalidationListener cursorListener = this::onCursor;
    private final InvalidationListener annotationsListener = o -> refreshAnnotated();
    private final InvalidationListener viewListener = this::onRange;
    private final InvalidationListener selectedListener = this::onSelectedIndex;
    private final InvalidationListener zoneListener = o -> table.refresh();
    private final Label placeholder = new Label();
    private final ScrollBar bar = new ScrollBar();
    private Set<String> annotatedIds = Set.of();
    private boolean syncing;
    private EventRows rows;
    private Selection marked;
    /** What the filter keeps; rows not in it are dimmed in context (null: every event). */
    private Selection kept;
    /** The search whose matches are marked inside the messages; null when none. */
    private Query highlight;
    private final ToggleButton contextToggle = new ToggleButton("Context ±");
    private final Spinner<Integer> contextLines = new Spinner<>(1, 1000, CONTEXT_DEFAULT);
    private final Label contextLabel = new Label();
    private final Button goToCursor = new Button("Go to cursor");
    private final ToggleButton detailsToggle = new ToggleButton("Details");
    /** Each column's preferred and least width at text size 1. */
    private final java.util.Map<TableColumn<Event, ?>, double[]> baseWidths = new java.util.HashMap<>();
    /** The row (of {@link #rows}) the table's first item shows. */
    private int base;
    private VirtualFlow<?> flow;
    private boolean adjusting;
    private boolean recentring;

    LogTable(InvestigationState state, WorkbenchData data, WorkbenchActions actions) {
        this.state = state;
        this.data = data;
        getStyleClass().add("log-table");
        table.setId("logTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_LAST_COLUMN);
        table.setPlaceholder(placeholder);
        table.setFixedCellSize(22);

        TableColumn<Event, String> time = column("Time", 245,
                e -> TIME.format(EpochNanos.toInstant(e.timeNanos()).atZone(state.zoneChoice().resolve(data.zoneOf(e.host())))));
        time.textProperty().bind(state.zoneChoiceProperty().map(
                z -> z == ZoneChoice.UTC ? "Time (UTC)" : "Time (" + z.label().toLowerCase(Locale.ROOT) + ")"));
        time.getStyleClass().add("mono");
        time.setMinWidth(215);
        TableColumn<Event, String> host = column("Host", 90, Event::host);
        TableColumn<Event, String> who = column("Unit / identifier", 170, Event::who);
        TableColumn<Event, String> severity = column("Severity", 78, e -> e.severity().name().toLowerCase(Locale.ROOT));
        severity.setCellFactory(c -> new SeverityCell());
        TableColumn<Event, String> message = column("Message", 420, Event::message);
        message.setCellFactory(c -> new MessageCell());
        table.getColumns().setAll(java.util.List.of(time, host, who, severity, message));
        for (TableColumn<Event, ?> c : table.getColumns()) {
            baseWidths.put(c, new double[]{c.getPrefWidth(), c.getMinWidth()});
        }

        table.setRowFactory(tv -> {
            TableRow<Event> row = new TableRow<>() {
                @Override
                protected void updateItem(Event item, boolean empty) {
                    super.updateItem(item, empty);
                    pseudoClassStateChanged(ANNOTATED, !empty && item != null && annotatedIds.contains(item.id()));
                    int index = !empty && item != null && base + getIndex() < rows.size() ? rows.eventIndex(base + getIndex()) : -1;
                    pseudoClassStateChanged(HIT, index >= 0 && marked != null && marked.contains(index));
                    pseudoClassStateChanged(FILTERED_OUT, index >= 0 && kept != null && !kept.contains(index));
                }
            };
            MenuItem note = new MenuItem("Note on this line…");
            note.setOnAction(a -> {
                if (row.getItem() != null) {
                    table.getSelectionModel().select(row.getItem());
                    actions.noteOnEvent(row.getItem());
                }
            });
            row.contextMenuProperty().bind(javafx.beans.binding.Bindings.when(row.emptyProperty())
                    .then((ContextMenu) null).otherwise(new ContextMenu(note)));
            return row;
        });
        table.getSelectionModel().selectedIndexProperty().addListener((obs, was, now) -> onRowSelected(now.intValue()));
        table.skinProperty().addListener((obs, was, now) -> hookFlow());
        bar.heightProperty().addListener(o -> updateBarSpan());
        bar.setOrientation(Orientation.VERTICAL);
        bar.setId("logScrollBar");
        bar.setUnitIncrement(1);
        bar.valueProperty().addListener((obs, was, now) -> {
            if (!adjusting) {
                scrollToRow((int) Math.round(now.doubleValue()));
            }
        });
        BorderPane pane = new BorderPane(table);
        pane.setRight(bar);
        pane.setTop(header());
        getChildren().add(pane);

        sceneProperty().addListener((obs, was, now) -> {
            if (now != null && was == null) {
                state.visibleRangeProperty().addListener(rangeListener);
                state.cursorProperty().addListener(cursorListener);
                state.annotationsProperty().addListener(annotationsListener);
                state.viewProperty().addListener(viewListener);
                state.selectedIndexProperty().addListener(selectedListener);
                state.zoneChoiceProperty().addListener(zoneListener);
                refreshAnnotated();
                onRange(null);
            } else if (now == null && was != null) {
                state.visibleRangeProperty().removeListener(rangeListener);
                state.cursorProperty().removeListener(cursorListener);
                state.annotationsProperty().removeListener(annotationsListener);
                state.viewProperty().removeListener(viewListener);
                state.selectedIndexProperty().removeListener(selectedListener);
                state.zoneChoiceProperty().removeListener(zoneListener);
            }
        });
    }

    private HBox header() {
        contextToggle.setId("contextToggle");
        contextToggle.setTooltip(new Tooltip("Show the lines before and after the selected line (else the cursor) in time order,"
                + " across every source; lines the filter hides are dimmed  (X)"));
        contextToggle.selectedProperty().addListener(o -> onRange(null));
        contextLines.setId("contextLines");
        contextLines.setEditable(true);
        contextLines.setPrefWidth(72);
        contextLines.valueProperty().addListener(o -> {
            if (contextMode()) {
                onRange(null);
            }
        });
        contextLabel.setId("contextLabel");
        contextLabel.getStyleClass().add("context-label");
        contextLabel.setMinWidth(0);
        goToCursor.setId("goToCursor");
        goToCursor.setTooltip(new Tooltip("Show and select the line nearest the cursor  (C or Ctrl+J)"));
        goToCursor.setOnAction(e -> goToCursor());
        goToCursor.disableProperty().bind(state.cursorProperty().isNull());
        detailsToggle.setId("detailsToggle");
        detailsToggle.setSelected(true);
        detailsToggle.setTooltip(new Tooltip("Show or hide the details of the selected line"));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox header = new HBox(6, contextToggle, contextLines, new Label("lines"), contextLabel, gap, goToCursor, detailsToggle);
        header.getStyleClass().add("log-header");
        header.setAlignment(Pos.CENTER_LEFT);
        return header;
    }

    /** Rows and columns as high and wide as text {@code factor} times the theme's needs ({@link TextSize}). */
    void setTextSize(double factor, double rowHeight) {
        table.setFixedCellSize(Math.round(rowHeight * factor));
        baseWidths.forEach((c, w) -> {
            c.setMinWidth(Math.round(w[1] * factor));
            c.setPrefWidth(Math.round(w[0] * factor));
        });
    }

    /** Context ± N lines on or off (the view's X key and Navigate menu item). */
    ToggleButton contextToggle() {
        return contextToggle;
    }

    /** Turns context ± N lines on or off. */
    void toggleContext() {
        contextToggle.setSelected(!contextToggle.isSelected());
    }

    /** Shows or hides the detail pane below the table (the view owns it). */
    ToggleButton detailsToggle() {
        return detailsToggle;
    }

    Spinner<Integer> contextLines() {
        return contextLines;
    }

    Label contextLabel() {
        return contextLabel;
    }

    /** True when the table shows the context of a line rather than the visible range. */
    boolean contextMode() {
        return contextToggle.isSelected();
    }

    /**
     * Ctrl+J: the visible range moves to the cursor when it is outside, and the line nearest the cursor is selected and
     * scrolled to; in context, the context is centred on it. The cursor stays where it is.
     */
    void goToCursor() {
        Long c = state.cursor();
        if (c == null) {
            return;
        }
        TimeWindow r = state.visibleRange();
        if (!r.contains(c)) {
            state.setVisibleRange(c - r.lengthNanos() / 2, c - r.lengthNanos() / 2 + r.lengthNanos());
        }
        if (contextMode()) {
            int i = data.index().nearest(c);
            if (i >= 0) {
                showContext(i);
            }
            table.requestFocus();
            return;
        }
        syncing = true;
        try {
            selectNearest(c);
        } finally {
            syncing = false;
        }
        table.requestFocus();
    }

    private static TableColumn<Event, String> column(String title, double width, java.util.function.Function<Event, String> value) {
        TableColumn<Event, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setReorderable(false);
        c.setCellValueFactory(f -> new ReadOnlyStringWrapper(f.getValue() == null ? "" : value.apply(f.getValue())));
        return c;
    }

    TableView<Event> table() {
        return table;
    }

    /** The rows the table holds: the events in the visible range that the filter keeps, or a window of them over {@value #WINDOW}. */
    ObservableList<Event> rows() {
        return table.getItems();
    }

    /** All rows: the events in the visible range that the filter keeps. */
    int rowCount() {
        return rows == null ? 0 : rows.size();
    }

    /** The row (of all rows) the table's first item shows. */
    int windowStart() {
        return base;
    }

    /** Scrolls so that {@code row} (of all rows) is the top one shown, moving the window there if needed; what the scroll bar does. */
    void scrollToRow(int row) {
        if (rows == null || rows.size() == 0) {
            return;
        }
        int r = Math.clamp(row, 0, rows.size() - 1);
        ensureWindow(r);
        scrollTable(r);
    }

    /** Scrolls the table so that {@code top} (of all rows, in the window) is its first row, and sets the bar there. */
    private void scrollTable(int top) {
        adjusting = true;
        try {
            table.scrollTo(top - base);
            bar.setValue(top);
        } finally {
            adjusting = false;
        }
    }

    private boolean windowed() {
        return rows != null && rows.size() > WINDOW;
    }

    private int shownRows() {
        return Math.max(1, (int) (table.getHeight() / table.getFixedCellSize()));
    }

    /** Moves the window unless {@code row} and the rows shown below it are inside it, away from an edge that has rows beyond. */
    private void ensureWindow(int row) {
        if (!windowed()) {
            return;
        }
        int end = base + WINDOW;
        int low = base > 0 ? base + MARGIN : 0;
        int high = end < rows.size() ? end - MARGIN : end;
        if (row < low || row + shownRows() > high) {
            setWindow(Math.clamp(row - WINDOW / 2, 0, rows.size() - WINDOW));
        }
    }

    /** Puts rows [start, start + {@value #WINDOW}) in the table and selects the selected event's row if it is among them. */
    private void setWindow(int start) {
        boolean was = syncing;
        boolean moving = adjusting;
        syncing = true;
        adjusting = true;
        try {
            base = start;
            table.setItems(FXCollections.observableList(rows.subList(base, Math.min(rows.size(), base + WINDOW))));
            int selected = state.selectedIndex() < 0 ? -1 : rows.rowOf(state.selectedIndex());
            if (selected >= base && selected < base + table.getItems().size()) {
                table.getSelectionModel().select(selected - base);
            }
        } finally {
            syncing = was;
            adjusting = moving;
        }
    }

    private void hookFlow() {
        if (table.lookup(".virtual-flow") instanceof VirtualFlow<?> f && f != flow) {
            flow = f;
            flow.positionProperty().addListener(o -> onFlowMoved());
        }
    }

    /** The table scrolled (wheel, keys, a selection): the bar follows, and the window moves when the view nears its edge. */
    private void onFlowMoved() {
        if (adjusting || !windowed() || flow == null) {
            return;
        }
        IndexedCell<?> first = flow.getFirstVisibleCell();
        if (first == null || first.getIndex() < 0) {
            return;
        }
        int top = base + first.getIndex();
        updateBar(top);
        if (!recentring && (top < base + MARGIN && base > 0 || top + shownRows() > base + WINDOW - MARGIN && base + WINDOW < rows.size())) {
            recentring = true;
            Platform.runLater(() -> {
                recentring = false;
                table.layout();
                IndexedCell<?> now = flow.getFirstVisibleCell();
                if (windowed() && now != null && now.getIndex() >= 0) {
                    scrollToRow(base + now.getIndex());
                }
            });
        }
    }

    /**
     * The thumb stands for the rows shown, but is at least {@value #MIN_THUMB_PX} px long: over a million rows a thumb of
     * the rows shown would be a fraction of a pixel.
     */
    private void updateBarSpan() {
        if (windowed()) {
            double track = Math.max(1, bar.getHeight() > 0 ? bar.getHeight() : table.getHeight());
            bar.setVisibleAmount(Math.max(shownRows(), rows.size() * MIN_THUMB_PX / track));
            bar.setBlockIncrement(shownRows());
        }
    }

    private void updateBar(int top) {
        adjusting = true;
        try {
            bar.setValue(top);
        } finally {
            adjusting = false;
        }
    }

    private void refreshAnnotated() {
        Set<String> ids = new HashSet<>();
        if (state.annotations() != null) {
            for (var a : state.annotations().annotations()) {
                if (a.target() instanceof io.faultline.model.AnnotationTarget.OnEvent on) {
                    ids.add(on.eventId());
                }
            }
        }
        annotatedIds = Set.copyOf(ids);
        table.refresh();
    }

    private void onRange(Observable o) {
        FilteredView view = state.view();
        if (highlight != view.query()) {
            highlight = view.query();
            // a cell whose message is unchanged is not updated: it would keep the marks of the last search
            table.refresh();
        }
        if (contextMode()) {
            int centre = state.selectedIndex();
            if (centre < 0 && state.cursor() != null) {
                centre = data.index().nearest(state.cursor());
            }
            if (centre < 0) {
                centre = Math.min(data.index().lowerBound(state.visibleRange().fromNanos()), data.index().size() - 1);
            }
            showContext(centre);
            return;
        }
        contextLabel.setText("");
        kept = null;
        TimeWindow r = state.visibleRange();
        rows = EventRows.of(data.index(), view.kept(), r.fromNanos(), r.toNanos());
        marked = view.toHits() ? null : view.hits();
        placeholder.setText(view.filtered() ? "No event in the visible range passes the filter" : "No events in the visible range");
        boolean windowed = windowed();
        bar.setVisible(windowed);
        bar.setManaged(windowed);
        getStyleClass().remove("windowed");
        if (windowed) {
            getStyleClass().add("windowed");
            bar.setMax(rows.size() - 1);
            updateBarSpan();
        }
        syncing = true;
        try {
            setWindow(0);
            updateBar(0);
            int row = state.selectedIndex() < 0 ? -1 : rows.rowOf(state.selectedIndex());
            if (row >= 0) {
                table.getSelectionModel().select(row);
            } else if (state.cursor() != null && r.contains(state.cursor())) {
                selectNearest(state.cursor());
            }
        } finally {
            syncing = false;
        }
    }

    /** Shows the {@link #contextLines} events before and after event {@code centre} (all sources, the filter's dimmed) and selects it. */
    private void showContext(int centre) {
        if (centre < 0) {
            rows = EventRows.between(data.index(), 0, 0);
            setWindow(0);
            contextLabel.setText("");
            return;
        }
        FilteredView view = state.view();
        int n = contextLines.getValue();
        int from = Math.max(0, centre - n);
        int to = Math.min(data.index().size(), centre + n + 1);
        rows = EventRows.between(data.index(), from, to);
        kept = view.kept();
        marked = view.hits();
        int hidden = 0;
        for (int i = from; kept != null && i < to; i++) {
            hidden += kept.contains(i) ? 0 : 1;
        }
        contextLabel.setText(String.format("%d before, %d after, every source%s", centre - from, to - centre - 1,
                hidden == 0 ? "" : String.format("; %d hidden by the filter, dimmed", hidden)));
        placeholder.setText("No events");
        bar.setVisible(false);
        bar.setManaged(false);
        getStyleClass().remove("windowed");
        syncing = true;
        try {
            setWindow(0);
            int row = centre - from;
            table.getSelectionModel().clearAndSelect(row);
            scrollTable(Math.max(0, row - shownRows() / 2));
        } finally {
            syncing = false;
        }
    }

    private void onSelectedIndex(Observable o) {
        int index = state.selectedIndex();
        int row = index < 0 ? -1 : rows.rowOf(index);
        if (contextMode() && !syncing && index >= 0 && row != base + table.getSelectionModel().getSelectedIndex()) {
            showContext(index);
            return;
        }
        if (syncing || row < 0 || row == base + table.getSelectionModel().getSelectedIndex()) {
            return;
        }
        syncing = true;
        try {
            select(row);
        } finally {
            syncing = false;
        }
    }

    private void onCursor(Observable o) {
        Long c = state.cursor();
        Event selected = table.getSelectionModel().getSelectedItem();
        if (syncing || contextMode() || c == null || (selected != null && selected.timeNanos() == c) || !state.visibleRange().contains(c)) {
            return;
        }
        syncing = true;
        try {
            selectNearest(c);
        } finally {
            syncing = false;
        }
    }

    private void selectNearest(long nanos) {
        int row = rows.nearestRow(nanos);
        if (row >= 0) {
            select(row);
        }
    }

    /** Selects {@code row} (of all rows) and scrolls it into view, three rows below the top. */
    private void select(int row) {
        int top = Math.max(0, row - 3);
        ensureWindow(top);
        table.getSelectionModel().clearAndSelect(row - base);
        scrollTable(top);
    }

    private void onRowSelected(int tableRow) {
        int row = base + tableRow;
        if (tableRow < 0 || row >= rows.size()) {
            return;
        }
        int index = rows.eventIndex(row);
        Event e = rows.get(row);
        if (syncing) {
            state.selectRow(index, e);
        } else {
            state.selectEvent(index, e);
        }
    }

    private static final class SeverityCell extends TableCell<Event, String> {
        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            Event e = getTableRow() == null ? null : getTableRow().getItem();
            markSeverity(this, empty || item == null || e == null ? null : e.severity());
            if (empty || item == null || e == null) {
                setText(null);
                return;
            }
            setText(item);
        }
    }

    /** Turns on the pseudo-class {@code :sev-NAME} of {@code s} ({@link #cssName}) and the others off; none for null. */
    static void markSeverity(TableCell<?, ?> cell, Severity s) {
        String on = s == null ? null : cssName(s);
        for (int i = 0; i < SEVERITY.length; i++) {
            cell.pseudoClassStateChanged(SEVERITY[i], SEVERITY_NAMES[i].equals(on));
        }
    }

    static String cssName(Severity s) {
        return switch (s) {
            case EMERG, ALERT, CRIT -> "crit";
            case ERR -> "err";
            case WARNING -> "warning";
            case NOTICE -> "notice";
            case INFO -> "info";
            case DEBUG, UNKNOWN -> "debug";
        };
    }

    /** The message, with what the search finds in it marked (each match a label of its own); only cells drawn do this. */
    private final class MessageCell extends TableCell<Event, String> {
        private final Label badge = new Label("cut");
        private final MarkedParts parts = new MarkedParts(badge);

        MessageCell() {
            badge.getStyleClass().add("truncated-badge");
            parts.getStyleClass().add("msg-parts");
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            Event e = getTableRow() == null ? null : getTableRow().getItem();
            markSeverity(this, empty || item == null || e == null ? null : e.severity());
            if (empty || item == null || e == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            String text = e.truncated() ? item + " …" : item;
            int[] found = highlight == null ? new int[0] : highlight.find(item);
            if (found.length == 0) {
                setText(text);
                setGraphic(e.truncated() ? badge : null);
                setContentDisplay(ContentDisplay.RIGHT);
                return;
            }
            parts.getChildren().clear();
            int at = 0;
            for (int k = 0; k < found.length; k += 2) {
                addPart(text.substring(at, found[k]), false);
                addPart(text.substring(found[k], found[k + 1]), true);
                at = found[k + 1];
            }
            addPart(text.substring(at), false);
            if (e.truncated()) {
                parts.getChildren().add(badge);
            }
            setText(null);
            setGraphic(parts);
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        }

        private void addPart(String text, boolean match) {
            if (text.isEmpty()) {
                return;
            }
            Label l = new Label(text);
            l.getStyleClass().add(match ? "msg-match" : "msg-part");
            l.setMinWidth(0);
            parts.getChildren().add(l);
        }

    }

    /**
     * A message with its matches marked, as labels left to right: the label that crosses the right edge is cut to the
     * room left and ends in "…" as a plain message does, the ones after it are hidden; the "cut" badge (when it is the
     * last child) keeps its place at the right.
     */
    static final class MarkedParts extends Region {
        private final Node badge;

        MarkedParts(Node badge) {
            this.badge = badge;
            setMinWidth(0);
        }

        @Override
        public ObservableList<Node> getChildren() {
            return super.getChildren();
        }

        @Override
        protected double computePrefWidth(double height) {
            double w = snappedLeftInset() + snappedRightInset();
            for (Node n : getManagedChildren()) {
                w += n.prefWidth(-1);
            }
            return w;
        }

        @Override
        protected double computePrefHeight(double width) {
            double h = 0;
            for (Node n : getManagedChildren()) {
                h = Math.max(h, n.prefHeight(-1));
            }
            return snappedTopInset() + h + snappedBottomInset();
        }

        @Override
        protected double computeMinWidth(double height) {
            return 0;
        }

        @Override
        protected void layoutChildren() {
            java.util.List<Node> children = getManagedChildren();
            boolean withBadge = !children.isEmpty() && children.getLast() == badge;
            double badgeWidth = withBadge ? snapSizeX(badge.prefWidth(-1)) : 0;
            double top = snappedTopInset();
            double height = getHeight() - top - snappedBottomInset();
            double x = snappedLeftInset();
            double right = getWidth() - snappedRightInset() - badgeWidth;
            for (Node n : children) {
                if (n == badge && withBadge) {
                    continue;
                }
                double want = snapSizeX(n.prefWidth(-1));
                double w = Math.max(0, Math.min(want, right - x));
                n.setVisible(w > 0);
                double h = Math.min(height, n.prefHeight(-1));
                n.resizeRelocate(x, top + (height - h) / 2, w, h);
                x += w;
            }
            if (withBadge) {
                double h = Math.min(height, badge.prefHeight(-1));
                badge.resizeRelocate(Math.min(x, right), top + (height - h) / 2, badgeWidth, h);
            }
        }
    }
}
