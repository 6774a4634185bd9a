package io.faultline.ui;

import io.faultline.model.NoteSeverity;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.stage.Window;
import javafx.util.StringConverter;

import java.util.Arrays;
import java.util.List;

/** The small dialog for a note: its text, comma-separated tags and severity. */
final class NoteDialog extends Dialog<NoteDialog.Input> {
    /** What the engineer typed. */
    record Input(String note, List<String> tags, NoteSeverity severity) {
    }

    static final ButtonType ADD = new ButtonType("Add note", ButtonBar.ButtonData.OK_DONE);

    static final ButtonType SAVE = new ButtonType("Save note", ButtonBar.ButtonData.OK_DONE);

    NoteDialog(Window owner, String targetDescription) {
        this(owner, targetDescription, null);
    }

    /** Edits {@code existing} (its text, tags and severity filled in) when it is not null, else adds a note. */
    NoteDialog(Window owner, String targetDescription, io.faultline.model.Annotation existing) {
        ButtonType ok = existing == null ? ADD : SAVE;
        initOwner(owner);
        setTitle(existing == null ? "Add note" : "Edit note " + existing.id());
        setHeaderText(targetDescription);
        getDialogPane().getStylesheets().add(Theme.of(owner).stylesheet());
        getDialogPane().getStyleClass().add("note-dialog");
        TextArea text = new TextArea();
        text.setId("noteText");
        text.setPromptText("What does this show? e.g. \"mount line every 30 s: the healthcheck exec, not a 3 s probe\"");
        text.setWrapText(true);
        text.setPrefRowCount(4);
        text.setPrefColumnCount(44);
        TextField tags = new TextField();
        tags.setId("noteTags");
        tags.setPromptText("tags, comma separated (e.g. io, healthcheck)");
        ChoiceBox<NoteSeverity> severity = new ChoiceBox<>();
        severity.setId("noteSeverity");
        severity.getItems().setAll(NoteSeverity.values());
        severity.setConverter(new StringConverter<>() {
            @Override
            public String toString(NoteSeverity s) {
                return s == null ? "" : s.key();
            }

            @Override
            public NoteSeverity fromString(String text) {
                return NoteSeverity.parse(text);
            }
        });
        severity.setValue(NoteSeverity.INFO);
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.setPadding(new Insets(12, 12, 4, 12));
        grid.addRow(0, new Label("Note"), text);
        grid.addRow(1, new Label("Tags"), tags);
        grid.addRow(2, new Label("Severity"), severity);
        GridPane.setHgrow(text, Priority.ALWAYS);
        getDialogPane().setContent(grid);
        if (existing != null) {
            text.setText(existing.note());
            tags.setText(String.join(", ", existing.tags()));
            severity.setValue(existing.severity());
        }
        getDialogPane().getButtonTypes().setAll(ok, ButtonType.CANCEL);
        getDialogPane().lookupButton(ok).setId("noteOk");
        getDialogPane().lookupButton(ok).disableProperty().bind(text.textProperty().isEmpty());
        setResultConverter(b -> b == ok ? new Input(text.getText().strip(), parseTags(tags.getText()), severity.getValue()) : null);
        Platform.runLater(text::requestFocus);
    }

    static List<String> parseTags(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }
}
