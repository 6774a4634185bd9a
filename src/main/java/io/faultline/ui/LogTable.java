package io.faultline.ui;

import io.faultline.model.EpochNanos;
import io.faultline.model.Event;
import io.faultline.model.Severity;
import io.faultline.model.TimeWindow;
import io.faultline.timeline.Selection;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.geometry.Orientation;
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
 */
final class LogTable extends StackPane {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS xxx", Locale.ROOT);
    private static final PseudoClass ANNOTATED = PseudoClass.getPseudoClass("annotated");
    private static final PseudoClass HIT = PseudoClass.getPseudoClass("hit");
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

        table.setRowFactory(tv -> {
            TableRow<Event> row = new TableRow<>() {
                @Override
                protected void updateItem(Event item, boolean empty) {
                    super.updateItem(item, empty);
                    pseudoClassStateChanged(ANNOTATED, !empty && item != null && annotatedIds.contains(item.id()));
                    pseudoClassStateChanged(HIT, !empty && item != null && marked != null && base + getIndex() < rows.size()
                            && marked.contains(rows.eventIndex(base + getIndex())));
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
        TimeWindow r = state.visibleRange();
        FilteredView view = state.view();
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

    private void onSelectedIndex(Observable o) {
        int index = state.selectedIndex();
        int row = index < 0 ? -1 : rows.rowOf(index);
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
        if (syncing || c == null || (selected != null && selected.timeNanos() == c) || !state.visibleRange().contains(c)) {
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

    private static final class MessageCell extends TableCell<Event, String> {
        private final Label badge = new Label("cut");

        MessageCell() {
            badge.getStyleClass().add("truncated-badge");
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
            setText(e.truncated() ? item + " …" : item);
            setGraphic(e.truncated() ? badge : null);
            setContentDisplay(javafx.scene.control.ContentDisplay.RIGHT);
        }
    }
}
