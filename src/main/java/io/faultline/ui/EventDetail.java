package io.faultline.ui;

import io.faultline.capture.Bundle;
import io.faultline.ingest.RawLines;
import io.faultline.model.EpochNanos;
import io.faultline.model.Event;
import io.faultline.model.SourceRef;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

/**
 * The selected log line in full, below the log table: every field as name and value (select rows and Ctrl+C, or the
 * menu, to copy them), the raw line read from the bundle's untouched bytes (on {@code reader}, never on the JavaFX
 * thread: an entry may be large) and where it came from: entry, line and byte offset.
 */
final class EventDetail extends BorderPane {
    private static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);

    /** One row of the field table. */
    record Field(String name, String value) {
    }

    private final InvestigationState state;
    private final WorkbenchData data;
    private final Executor reader;
    private final TableView<Field> fields = new TableView<>();
    private final RawLineArea raw = new RawLineArea();
    private final Label where = new Label();
    private final Label rawNote = new Label();
    private final InvalidationListener selectionListener = o -> onSelection();
    private final InvalidationListener zoneListener = o -> showTime();
    /** The last read asked for; a read that is no longer the last is skipped (set on the JavaFX thread only). */
    private volatile int request;

    EventDetail(InvestigationState state, WorkbenchData data, Executor reader) {
        this.state = state;
        this.data = data;
        this.reader = reader;
        getStyleClass().add("event-detail");
        setId("eventDetail");

        fields.setId("detailFields");
        fields.getStyleClass().add("detail-fields");
        fields.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_LAST_COLUMN);
        fields.setFixedCellSize(21);
        fields.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        fields.setPlaceholder(new Label("Select a log line to see all of it"));
        TableColumn<Field, String> name = new TableColumn<>("Field");
        name.setCellValueFactory(f -> new ReadOnlyStringWrapper(f.getValue().name()));
        name.setPrefWidth(150);
        name.setSortable(false);
        name.getStyleClass().add("mono");
        TableColumn<Field, String> value = new TableColumn<>("Value");
        value.setCellValueFactory(f -> new ReadOnlyStringWrapper(f.getValue().value()));
        value.setPrefWidth(420);
        value.setSortable(false);
        fields.getColumns().setAll(List.of(name, value));
        MenuItem copyValue = new MenuItem("Copy value");
        copyValue.setOnAction(e -> copy(fields.getSelectionModel().getSelectedItems().stream().map(Field::value)
                .collect(Collectors.joining("\n"))));
        MenuItem copyRows = new MenuItem("Copy name = value");
        copyRows.setOnAction(e -> copySelectedRows());
        MenuItem copyAll = new MenuItem("Copy all fields");
        copyAll.setOnAction(e -> copy(text(fields.getItems())));
        fields.setContextMenu(new ContextMenu(copyValue, copyRows, copyAll));
        fields.setOnKeyPressed(e -> {
            if (COPY.match(e)) {
                copySelectedRows();
                e.consume();
            }
        });

        raw.setId("detailRaw");
        raw.getStyleClass().add("detail-raw");
        raw.setPrefRowCount(3);
        where.setId("detailWhere");
        where.getStyleClass().add("detail-where");
        where.setMinWidth(0);
        rawNote.setId("detailRawNote");
        rawNote.getStyleClass().add("detail-note");
        rawNote.setMinWidth(0);
        Button copyRaw = new Button("Copy line");
        copyRaw.setId("copyRawLine");
        copyRaw.setTooltip(new Tooltip("Copy the raw line"));
        copyRaw.setOnAction(e -> copy(raw.line()));
        copyRaw.disableProperty().bind(raw.textProperty().isEmpty());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox rawBar = new HBox(8, new Label("Raw line"), rawNote, gap, copyRaw);
        rawBar.getStyleClass().add("detail-bar");
        rawBar.setAlignment(Pos.CENTER_LEFT);
        VBox.setVgrow(raw, Priority.ALWAYS);
        VBox rawBox = new VBox(rawBar, raw);
        rawBox.getStyleClass().add("detail-raw-box");
        rawBox.setMinWidth(0);

        SplitPane split = new SplitPane(fields, rawBox);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.5);
        HBox top = new HBox(8, where);
        top.getStyleClass().add("detail-bar");
        top.setAlignment(Pos.CENTER_LEFT);
        setTop(top);
        setCenter(split);
        setMinHeight(0);
        show(state.selectedEvent());

        sceneProperty().addListener((obs, was, now) -> {
            if (now != null && was == null) {
                state.selectedEventProperty().addListener(selectionListener);
                state.zoneChoiceProperty().addListener(zoneListener);
                show(state.selectedEvent());
            } else if (now == null && was != null) {
                state.selectedEventProperty().removeListener(selectionListener);
                state.zoneChoiceProperty().removeListener(zoneListener);
            }
        });
    }

    TableView<Field> fields() {
        return fields;
    }

    RawLineArea raw() {
        return raw;
    }

    Label where() {
        return where;
    }

    Label rawNote() {
        return rawNote;
    }

    /** Every field of {@code e} as the table lists it: the columns, then its other fields by name, then its origin. */
    static List<Field> fieldsOf(Event e, WorkbenchData data, ZoneChoice zone) {
        List<Field> out = new ArrayList<>();
        out.add(new Field("time", LogTable.TIME.format(EpochNanos.toInstant(e.timeNanos()).atZone(zone.resolve(data.zoneOf(e.host()))))));
        out.add(new Field("time (as written)", e.timeText()));
        out.add(new Field("host", nullable(e.host())));
        out.add(new Field("unit", nullable(e.unit())));
        out.add(new Field("identifier", nullable(e.identifier())));
        out.add(new Field("severity", e.severity().name().toLowerCase(Locale.ROOT)));
        out.add(new Field("message", e.message()));
        out.add(new Field("container", nullable(e.containerId())));
        out.add(new Field("source", nullable(e.source())));
        if (e.truncated()) {
            out.add(new Field("cut", "yes: the pager cut the line"));
        }
        for (Map.Entry<String, String> f : e.fields().entrySet()) {
            out.add(new Field(f.getKey(), nullable(f.getValue())));
        }
        SourceRef o = e.origin();
        if (o != null) {
            out.add(new Field("entry", o.entry()));
            out.add(new Field("line", o.line() > 0 ? String.valueOf(o.line()) : ""));
            out.add(new Field("byte offset", o.byteOffset() >= 0 ? String.valueOf(o.byteOffset()) : ""));
        }
        out.add(new Field("id", e.id()));
        return out;
    }

    /** The time field again in the zone now chosen; the raw line is not read again. */
    private void showTime() {
        Event e = state.selectedEvent();
        if (e != null && !fields.getItems().isEmpty()) {
            fields.getItems().set(0, fieldsOf(e, data, state.zoneChoice()).getFirst());
        }
    }

    private void onSelection() {
        show(state.selectedEvent());
    }

    private static String nullable(String s) {
        return s == null ? "" : s;
    }

    private void show(Event e) {
        int mine = ++request;
        raw.setLine("");
        rawNote.setText("");
        if (e == null) {
            fields.getItems().clear();
            where.setText("No line selected");
            return;
        }
        fields.getItems().setAll(fieldsOf(e, data, state.zoneChoice()));
        SourceRef ref = e.origin();
        if (ref == null) {
            where.setText("Read from no bundle entry");
            return;
        }
        where.setText(String.format(Locale.ROOT, "%s   line %,d   byte %,d", ref.entry(), ref.line(), ref.byteOffset()));
        Path bundle = data.loaded().bundlePath();
        if (bundle == null) {
            rawNote.setText("no bundle: the raw bytes are not at hand");
            return;
        }
        rawNote.setText("reading…");
        CompletableFuture.supplyAsync(() -> mine == request ? read(bundle, ref) : null, reader).whenComplete((line, error) -> Platform.runLater(() -> {
            if (mine != request) {
                return;
            }
            if (error != null) {
                Throwable cause = error.getCause() == null ? error : error.getCause();
                rawNote.setText("cannot be read here: " + cause.getMessage());
            } else if (line == null) {
                rawNote.setText("the entry ends before this line");
            } else {
                raw.setLine(line.text());
                rawNote.setText(line.cut() ? String.format(Locale.ROOT, "first %,d of %,d bytes", RawLines.SHOWN_BYTES, line.length())
                        : String.format(Locale.ROOT, "%,d bytes", line.length()));
            }
        }));
    }

    private static RawLines.Line read(Path bundlePath, SourceRef ref) {
        try (Bundle bundle = Bundle.open(bundlePath); InputStream in = bundle.openEntry(ref.entry())) {
            return RawLines.at(in, ref.line(), ref.byteOffset());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void copySelectedRows() {
        copy(text(fields.getSelectionModel().getSelectedItems()));
    }

    private static String text(List<Field> rows) {
        return rows.stream().map(f -> f.name() + " = " + f.value()).collect(Collectors.joining("\n"));
    }

    private static void copy(String text) {
        ClipboardContent c = new ClipboardContent();
        c.putString(text);
        Clipboard.getSystemClipboard().setContent(c);
    }
}
