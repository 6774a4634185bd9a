package io.faultline.ui;

import io.faultline.capture.Bundle;
import io.faultline.ingest.RawLines;
import io.faultline.model.Diagnostic;
import io.faultline.model.Event;
import io.faultline.model.EventTable;
import io.faultline.model.SourceRef;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Every diagnostic of the case in a table; below it the raw lines around the selected one, read from the
 * bundle, with the line it names marked. "Show on timeline" (or a double click, or Enter) moves every pane
 * to the nearest event read from the same entry. A window of its own, so it can stay open while the
 * engineer walks through them.
 */
final class DiagnosticsWindow {
    static final int CONTEXT_LINES = 6;
    /** At most this much time is shown around the line a diagnostic leads to. */
    static final long SHOWN_AROUND_NANOS = 120_000_000_000L;

    private final InvestigationState state;
    private final WorkbenchData data;
    private final Executor reader;
    private final Stage stage = new Stage();
    private final TableView<Diagnostic> table = new TableView<>();
    private final ListView<RawLines.Line> excerpt = new ListView<>();
    private final Label where = new Label();
    private final Button show = new Button("Show on timeline");
    private long target;
    private int request;

    DiagnosticsWindow(Window owner, InvestigationState state, WorkbenchData data, Executor reader) {
        this.state = state;
        this.data = data;
        this.reader = reader;
        stage.initOwner(owner);
        List<Diagnostic> diagnostics = data.evidence().diagnostics();
        stage.setTitle("Diagnostics — " + diagnostics.size() + " of them: what could not be read, and where");

        table.setId("diagnosticsTable");
        table.getColumns().setAll(List.of(
                column("Level", 80, d -> d.level().name()),
                column("Entry", 240, d -> d.where().entry()),
                column("Line", 60, d -> d.where().line() > 0 ? String.valueOf(d.where().line()) : ""),
                column("Byte", 80, d -> d.where().byteOffset() >= 0 ? String.valueOf(d.where().byteOffset()) : ""),
                column("Reason", 560, Diagnostic::reason)));
        table.getItems().setAll(diagnostics);
        table.setPlaceholder(new Label("Every source was read without a problem."));
        table.setRowFactory(t -> {
            TableRow<Diagnostic> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !row.isEmpty()) {
                    showOnTimeline();
                }
            });
            return row;
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                showOnTimeline();
                e.consume();
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((obs, was, now) -> select(now));

        excerpt.setId("diagnosticExcerpt");
        excerpt.getStyleClass().add("raw-excerpt");
        excerpt.setPlaceholder(new Label("Select a diagnostic to see its raw lines"));
        excerpt.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(RawLines.Line line, boolean empty) {
                super.updateItem(line, empty);
                getStyleClass().remove("diag-target");
                if (empty || line == null) {
                    setText(null);
                    return;
                }
                setText(String.format("%7d  %s%s", line.number(), line.text(),
                        line.cut() ? "  … (" + line.length() + " bytes in all)" : ""));
                if (line.number() == target) {
                    getStyleClass().add("diag-target");
                }
            }
        });

        show.setId("diagShowOnTimeline");
        show.setOnAction(e -> showOnTimeline());
        show.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        where.setId("diagnosticWhere");
        where.getStyleClass().add("diag-where");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(10, where, spacer, show);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 6, 8));
        BorderPane lower = new BorderPane(excerpt);
        lower.setTop(bar);
        SplitPane split = new SplitPane(table, lower);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.5);
        Scene scene = new Scene(split, 1080, 560);
        scene.getStylesheets().add(Theme.of(owner).stylesheet());
        split.getStyleClass().add("workbench");
        stage.setScene(scene);
    }

    void show() {
        stage.show();
        stage.toFront();
        if (table.getSelectionModel().isEmpty() && !table.getItems().isEmpty()) {
            table.getSelectionModel().selectFirst();
        }
        table.requestFocus();
    }

    Stage stage() {
        return stage;
    }

    private static TableColumn<Diagnostic, String> column(String title, double width, Function<Diagnostic, String> value) {
        TableColumn<Diagnostic, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(f -> new ReadOnlyStringWrapper(value.apply(f.getValue())));
        return c;
    }

    private void select(Diagnostic d) {
        int mine = ++request;
        excerpt.getItems().clear();
        if (d == null) {
            where.setText("");
            return;
        }
        SourceRef ref = d.where();
        target = ref.line();
        where.setText(ref.line() > 0 ? ref.entry() + ", line " + ref.line() : ref.entry() + " (the whole entry; its first lines)");
        Path bundle = data.loaded().bundlePath();
        if (bundle == null) {
            where.setText(where.getText() + ": no bundle, the raw bytes are not at hand");
            return;
        }
        CompletableFuture.supplyAsync(() -> read(bundle, ref), reader).whenComplete((lines, error) -> Platform.runLater(() -> {
            if (mine != request) {
                return;
            }
            if (error != null) {
                Throwable cause = error.getCause() == null ? error : error.getCause();
                where.setText(ref.entry() + ": the raw bytes cannot be read here (" + cause.getMessage() + ")");
                return;
            }
            excerpt.getItems().setAll(lines);
            lines.stream().filter(l -> l.number() == target).findFirst().ifPresent(l -> {
                int i = lines.indexOf(l);
                excerpt.scrollTo(Math.max(0, i - 3));
            });
        }));
    }

    private static List<RawLines.Line> read(Path bundlePath, SourceRef ref) {
        try (Bundle bundle = Bundle.open(bundlePath); InputStream in = bundle.openEntry(ref.entry())) {
            return RawLines.around(in, ref.line(), CONTEXT_LINES);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Moves the panes to the event read nearest before the diagnostic's line in the same entry, and selects it. */
    private void showOnTimeline() {
        Diagnostic d = table.getSelectionModel().getSelectedItem();
        if (d == null) {
            return;
        }
        Event e = nearestEvent(data.index().events(), d.where());
        if (e == null) {
            where.setText(d.where().entry() + ": no event was read from this entry, so it has no place on the timeline");
            return;
        }
        long half = Math.min(state.visibleRange().lengthNanos(), SHOWN_AROUND_NANOS) / 2;
        state.setVisibleRange(e.timeNanos() - half, e.timeNanos() + half);
        state.selectedSpanProperty().set(null);
        state.selectedEventProperty().set(e);
        state.setCursor(e.timeNanos());
        where.setText(d.where().entry() + ": shown at line " + e.origin().line() + ", the nearest line read as an event");
    }

    /** The last event from the entry at or before the line; else the entry's first event after it; else null. */
    static Event nearestEvent(EventTable events, SourceRef ref) {
        int row = events.nearest(ref.entry(), ref.line());
        return row < 0 ? null : events.get(row);
    }
}
