package io.faultline.ui;

import io.faultline.model.EpochNanos;
import io.faultline.model.Event;
import io.faultline.model.Severity;
import io.faultline.model.TimeWindow;
import io.faultline.timeline.Selection;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
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
 */
final class LogTable extends StackPane {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS xxx", Locale.ROOT);
    private static final PseudoClass ANNOTATED = PseudoClass.getPseudoClass("annotated");
    private static final PseudoClass HIT = PseudoClass.getPseudoClass("hit");

    private final InvestigationState state;
    private final WorkbenchData data;
    private final TableView<Event> table = new TableView<>();
    private final InvalidationListener rangeListener = this::onRange;
    private final InvalidationListener cursorListener = this::onCursor;
    private final InvalidationListener annotationsListener = o -> refreshAnnotated();
    private final InvalidationListener viewListener = this::onRange;
    private final InvalidationListener selectedListener = this::onSelectedIndex;
    private final Label placeholder = new Label();
    private Set<String> annotatedIds = Set.of();
    private boolean syncing;
    private EventRows rows;
    private Selection marked;

    LogTable(InvestigationState state, WorkbenchData data, WorkbenchActions actions) {
        this.state = state;
        this.data = data;
        getStyleClass().add("log-table");
        table.setId("logTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_LAST_COLUMN);
        table.setPlaceholder(placeholder);
        table.setFixedCellSize(22);

        TableColumn<Event, String> time = column("Time", 245,
                e -> TIME.format(EpochNanos.toInstant(e.timeNanos()).atZone(data.zoneOf(e.host()))));
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
                    pseudoClassStateChanged(HIT, !empty && item != null && marked != null && getIndex() < rows.size()
                            && marked.contains(rows.eventIndex(getIndex())));
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
        getChildren().add(table);

        sceneProperty().addListener((obs, was, now) -> {
            if (now != null && was == null) {
                state.visibleRangeProperty().addListener(rangeListener);
                state.cursorProperty().addListener(cursorListener);
                state.annotationsProperty().addListener(annotationsListener);
                state.viewProperty().addListener(viewListener);
                state.selectedIndexProperty().addListener(selectedListener);
                refreshAnnotated();
                onRange(null);
            } else if (now == null && was != null) {
                state.visibleRangeProperty().removeListener(rangeListener);
                state.cursorProperty().removeListener(cursorListener);
                state.annotationsProperty().removeListener(annotationsListener);
                state.viewProperty().removeListener(viewListener);
                state.selectedIndexProperty().removeListener(selectedListener);
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

    /** The rows shown: the events in the visible range that the filter keeps. */
    ObservableList<Event> rows() {
        return table.getItems();
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
        syncing = true;
        try {
            table.setItems(FXCollections.observableList(rows));
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
        if (syncing || row < 0 || row == table.getSelectionModel().getSelectedIndex()) {
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

    private void select(int row) {
        table.getSelectionModel().clearAndSelect(row);
        table.scrollTo(Math.max(0, row - 3));
    }

    private void onRowSelected(int row) {
        if (row < 0 || row >= rows.size()) {
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
            getStyleClass().removeIf(s -> s.startsWith("sev-"));
            Event e = getTableRow() == null ? null : getTableRow().getItem();
            if (empty || item == null || e == null) {
                setText(null);
                return;
            }
            setText(item);
            getStyleClass().add("sev-" + cssName(e.severity()));
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
            getStyleClass().removeIf(s -> s.startsWith("sev-"));
            Event e = getTableRow() == null ? null : getTableRow().getItem();
            if (empty || item == null || e == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            getStyleClass().add("sev-" + cssName(e.severity()));
            setText(e.truncated() ? item + " …" : item);
            setGraphic(e.truncated() ? badge : null);
            setContentDisplay(javafx.scene.control.ContentDisplay.RIGHT);
        }
    }
}
