package io.faultline.ui;

import io.faultline.model.EpochNanos;
import io.faultline.model.Event;
import io.faultline.model.Severity;
import io.faultline.model.TimeWindow;
import io.faultline.timeline.TimelineIndex;
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
 * The events of the visible range in a virtualised table (the rows are a view of the index, not a copy).
 * Selecting a row selects the event and moves the cursor to it; moving the cursor elsewhere selects the
 * nearest row and scrolls to it.
 */
final class LogTable extends StackPane {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS xxx", Locale.ROOT);
    private static final PseudoClass ANNOTATED = PseudoClass.getPseudoClass("annotated");

    private final InvestigationState state;
    private final WorkbenchData data;
    private final TableView<Event> table = new TableView<>();
    private final InvalidationListener rangeListener = this::onRange;
    private final InvalidationListener cursorListener = this::onCursor;
    private final InvalidationListener annotationsListener = o -> refreshAnnotated();
    private Set<String> annotatedIds = Set.of();
    private boolean syncing;
    private int firstIndex;

    LogTable(InvestigationState state, WorkbenchData data, WorkbenchActions actions) {
        this.state = state;
        this.data = data;
        getStyleClass().add("log-table");
        table.setId("logTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_LAST_COLUMN);
        table.setPlaceholder(new Label("No events in the visible range"));
        table.setFixedCellSize(22);

        TableColumn<Event, String> time = column("Time", 245,
                e -> TIME.format(EpochNanos.toInstant(e.timeNanos()).atZone(data.zoneOf(e.host()))));
        time.getStyleClass().add("mono");
        TableColumn<Event, String> host = column("Host", 90, Event::host);
        TableColumn<Event, String> who = column("Unit / identifier", 170, Event::who);
        TableColumn<Event, String> severity = column("Severity", 78, e -> e.severity().name().toLowerCase(Locale.ROOT));
        severity.setCellFactory(c -> new SeverityCell());
        TableColumn<Event, String> message = column("Message", 600, Event::message);
        message.setCellFactory(c -> new MessageCell());
        table.getColumns().setAll(java.util.List.of(time, host, who, severity, message));

        table.setRowFactory(tv -> {
            TableRow<Event> row = new TableRow<>() {
                @Override
                protected void updateItem(Event item, boolean empty) {
                    super.updateItem(item, empty);
                    pseudoClassStateChanged(ANNOTATED, !empty && item != null && annotatedIds.contains(item.id()));
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
        table.getSelectionModel().selectedItemProperty().addListener((obs, was, now) -> onRowSelected(now));
        getChildren().add(table);

        sceneProperty().addListener((obs, was, now) -> {
            if (now != null && was == null) {
                state.visibleRangeProperty().addListener(rangeListener);
                state.cursorProperty().addListener(cursorListener);
                state.annotationsProperty().addListener(annotationsListener);
                refreshAnnotated();
                onRange(null);
            } else if (now == null && was != null) {
                state.visibleRangeProperty().removeListener(rangeListener);
                state.cursorProperty().removeListener(cursorListener);
                state.annotationsProperty().removeListener(annotationsListener);
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

    /** The rows shown: the events in the visible range. */
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
        TimelineIndex index = data.index();
        int from = index.lowerBound(r.fromNanos());
        int to = index.lowerBound(r.toNanos());
        firstIndex = from;
        syncing = true;
        try {
            table.setItems(FXCollections.observableList(index.events().subList(from, to)));
            Event selected = state.selectedEvent();
            if (selected != null && r.contains(selected.timeNanos())) {
                int i = positionOf(selected);
                if (i >= 0) {
                    table.getSelectionModel().select(i);
                }
            } else if (state.cursor() != null && r.contains(state.cursor())) {
                selectNearest(state.cursor());
            }
        } finally {
            syncing = false;
        }
    }

    private int positionOf(Event e) {
        TimelineIndex index = data.index();
        for (int i = index.lowerBound(e.timeNanos()); i < index.size() && index.time(i) == e.timeNanos(); i++) {
            if (index.event(i).id().equals(e.id())) {
                return i - firstIndex;
            }
        }
        return -1;
    }

    private void onCursor(Observable o) {
        Long c = state.cursor();
        Event selected = table.getSelectionModel().getSelectedItem();
        if (c == null || (selected != null && selected.timeNanos() == c) || !state.visibleRange().contains(c)) {
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
        int n = table.getItems().size();
        if (n == 0) {
            return;
        }
        int i = data.index().nearest(nanos) - firstIndex;
        i = Math.max(0, Math.min(n - 1, i));
        table.getSelectionModel().clearAndSelect(i);
        table.scrollTo(Math.max(0, i - 3));
    }

    private void onRowSelected(Event e) {
        if (e == null) {
            return;
        }
        state.selectedEventProperty().set(e);
        if (!syncing) {
            state.selectedSpanProperty().set(null);
            state.setCursor(e.timeNanos());
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
