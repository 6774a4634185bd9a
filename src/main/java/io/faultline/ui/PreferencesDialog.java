package io.faultline.ui;

import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/**
 * File › Preferences…: the author name written on the notes made from now on (remembered in {@link WorkbenchPrefs}).
 * Shown by itself before the first note when no name is set yet ({@code firstNote}). The result is the name, stripped.
 */
final class PreferencesDialog extends Dialog<String> {
    static final ButtonType SAVE = new ButtonType("Save", ButtonBar.ButtonData.OK_DONE);

    PreferencesDialog(Window owner, String author, boolean firstNote) {
        initOwner(owner);
        setTitle("Preferences");
        setHeaderText(firstNote ? "Before the first note: the name to sign your notes with (asked once; File › Preferences… changes it)"
                : "The name to sign your notes with (notes made before keep theirs)");
        getDialogPane().getStylesheets().add(Theme.of(owner).stylesheet());
        getDialogPane().setId("preferencesDialog");
        TextField name = new TextField(author == null || author.isBlank() ? System.getProperty("user.name", "") : author);
        name.setId("authorName");
        name.setPromptText("e.g. Ada (on call)");
        name.setPrefColumnCount(28);
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.setPadding(new Insets(12, 12, 4, 12));
        grid.addRow(0, new Label("Author"), name);
        getDialogPane().setContent(grid);
        getDialogPane().getButtonTypes().setAll(SAVE, ButtonType.CANCEL);
        getDialogPane().lookupButton(SAVE).setId("preferencesOk");
        getDialogPane().lookupButton(SAVE).disableProperty().bind(name.textProperty().map(String::isBlank));
        setResultConverter(b -> b == SAVE ? name.getText().strip() : null);
        Platform.runLater(() -> {
            name.requestFocus();
            name.selectAll();
        });
    }
}
