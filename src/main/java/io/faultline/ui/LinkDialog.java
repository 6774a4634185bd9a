package io.faultline.ui;

import io.faultline.model.Annotation;
import io.faultline.model.LinkType;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import javafx.util.StringConverter;

import java.util.List;
import java.util.function.Function;

/** Picks two annotations, how the first relates to the second, and an optional note. */
final class LinkDialog extends Dialog<LinkDialog.Input> {
    record Input(String fromId, String toId, LinkType type, String note) {
    }

    static final ButtonType LINK = new ButtonType("Link", ButtonBar.ButtonData.OK_DONE);

    static final ButtonType SAVE = new ButtonType("Save link", ButtonBar.ButtonData.OK_DONE);

    LinkDialog(Window owner, List<Annotation> annotations, Annotation preferredFrom, Function<Annotation, String> describe) {
        this(owner, annotations, preferredFrom, describe, null);
    }

    /**
     * Edits {@code existing} (its ends fixed, its type and note filled in) when it is not null, else makes a new link
     * ({@code preferredFrom} picked as its cause when not null).
     */
    LinkDialog(Window owner, List<Annotation> annotations, Annotation preferredFrom, Function<Annotation, String> describe,
               io.faultline.model.CausalLink existing) {
        ButtonType ok = existing == null ? LINK : SAVE;
        initOwner(owner);
        setTitle(existing == null ? "Link annotations" : "Edit link " + existing.id());
        setHeaderText(existing == null ? "How does one note relate to another?" : "How does the first note relate to the second?");
        getDialogPane().getStylesheets().add(Theme.of(owner).stylesheet());
        ComboBox<Annotation> from = annotationBox("linkFrom", annotations, describe);
        ComboBox<Annotation> to = annotationBox("linkTo", annotations, describe);
        ComboBox<LinkType> type = new ComboBox<>();
        type.setId("linkType");
        type.getItems().setAll(LinkType.values());
        type.setConverter(new StringConverter<>() {
            @Override
            public String toString(LinkType t) {
                return t == null ? "" : t.label();
            }

            @Override
            public LinkType fromString(String s) {
                return LinkType.parse(s);
            }
        });
        type.setValue(LinkType.CAUSES);
        TextField note = new TextField();
        note.setId("linkNote");
        note.setPromptText("optional: why you think so");
        if (!annotations.isEmpty()) {
            Annotation first = preferredFrom != null ? preferredFrom : annotations.get(Math.max(0, annotations.size() - 2));
            from.setValue(first);
            to.setValue(annotations.stream().filter(a -> a != first).reduce((a, b) -> b).orElse(null));
        }
        if (existing != null) {
            annotations.stream().filter(a -> a.id().equals(existing.fromId())).findFirst().ifPresent(from::setValue);
            annotations.stream().filter(a -> a.id().equals(existing.toId())).findFirst().ifPresent(to::setValue);
            from.setDisable(true);
            to.setDisable(true);
            type.setValue(existing.type());
            note.setText(existing.note());
        }
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.setPadding(new Insets(12, 12, 4, 12));
        grid.addRow(0, new Label("From"), from);
        grid.addRow(1, new Label("Relation"), type);
        grid.addRow(2, new Label("To"), to);
        grid.addRow(3, new Label("Note"), note);
        getDialogPane().setContent(grid);
        getDialogPane().getButtonTypes().setAll(ok, ButtonType.CANCEL);
        getDialogPane().lookupButton(ok).setId("linkOk");
        getDialogPane().lookupButton(ok).disableProperty().bind(from.valueProperty().isNull()
                .or(to.valueProperty().isNull()).or(from.valueProperty().isEqualTo(to.valueProperty())));
        setResultConverter(b -> b == ok
                ? new Input(from.getValue().id(), to.getValue().id(), type.getValue(), note.getText().strip()) : null);
    }

    private static ComboBox<Annotation> annotationBox(String id, List<Annotation> items, Function<Annotation, String> describe) {
        ComboBox<Annotation> box = new ComboBox<>();
        box.setId(id);
        box.getItems().setAll(items);
        box.setPrefWidth(420);
        box.setCellFactory(lv -> new ListCell<>() {
            @Override
            protected void updateItem(Annotation a, boolean empty) {
                super.updateItem(a, empty);
                setText(empty || a == null ? null : describe.apply(a));
            }
        });
        box.setButtonCell(box.getCellFactory().call(null));
        return box;
    }
}
