package io.faultline.ui;

import io.faultline.export.Redaction;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The redaction an export will apply, for the user to check before sharing: each term found, the placeholder it
 * becomes, its kind and how often it occurs. A term can be kept (taken off the list: the export leaves it as it is)
 * and the user's own terms added (a name, a project; counted when the export runs). Self-contained: the export dialog
 * opens it with {@link #show} and gets back the edited redaction, or nothing when the user cancels.
 */
public final class RedactionDialog extends Dialog<Redaction> {
    /** The button that accepts the list. */
    public static final ButtonType USE = new ButtonType("Use this redaction", ButtonBar.ButtonData.OK_DONE);

    private final SimpleObjectProperty<Redaction> current;
    private final TableView<Redaction.Term> table = new TableView<>();
    private final Label summary = new Label();

    public RedactionDialog(Window owner, Redaction proposed) {
        Objects.requireNonNull(proposed, "proposed redaction");
        current = new SimpleObjectProperty<>(proposed);
        initOwner(owner);
        setTitle("Redact for sharing");
        setHeaderText("These are replaced in the export. Keep a term to leave it as it is; add your own.");
        getDialogPane().getStylesheets().add(Theme.of(owner).stylesheet());
        getDialogPane().getStyleClass().add("redaction-dialog");
        setResizable(true);

        table.setId("redactionTerms");
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("Nothing to replace: no address, user, host, e-mail address or secret was found."));
        table.getColumns().setAll(List.of(
                column("Found", 260, t -> t.original()),
                column("Becomes", 110, Redaction.Term::placeholder),
                column("Kind", 120, t -> t.kind().label()),
                column("Count", 70, t -> t.count() < 0 ? "at export" : String.valueOf(t.count()))));
        table.setPrefSize(640, 340);
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) {
                keepSelected();
                e.consume();
            }
        });

        Button keep = new Button("Keep unredacted");
        keep.setId("redactionKeep");
        keep.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        keep.setOnAction(e -> keepSelected());

        TextField own = new TextField();
        own.setId("redactionOwnTerm");
        own.setPromptText("your own term: a name, a project, a customer");
        HBox.setHgrow(own, Priority.ALWAYS);
        Button add = new Button("Add");
        add.setId("redactionAdd");
        add.disableProperty().bind(own.textProperty().isEmpty());
        Runnable addTerm = () -> {
            if (!own.getText().isBlank()) {
                current.set(current.get().with(own.getText()));
                own.clear();
            }
        };
        add.setOnAction(e -> addTerm.run());
        own.setOnAction(e -> addTerm.run());

        summary.setId("redactionSummary");
        HBox under = new HBox(8, keep, summary);
        under.setAlignment(Pos.CENTER_LEFT);
        HBox adding = new HBox(8, own, add);
        adding.setAlignment(Pos.CENTER_LEFT);
        VBox content = new VBox(8, table, under, adding);
        content.setPadding(new Insets(12, 12, 4, 12));
        VBox.setVgrow(table, Priority.ALWAYS);
        getDialogPane().setContent(content);
        getDialogPane().getButtonTypes().setAll(USE, ButtonType.CANCEL);
        getDialogPane().lookupButton(USE).setId("redactionOk");

        current.addListener((o, was, now) -> refresh());
        refresh();
        setResultConverter(b -> b == USE ? current.get() : null);
    }

    /** Shows the dialog and waits: the redaction as the user left it, or empty when they cancelled. */
    public static Optional<Redaction> show(Window owner, Redaction proposed) {
        return new RedactionDialog(owner, proposed).showAndWait();
    }

    /** The redaction as edited so far. */
    public Redaction redaction() {
        return current.get();
    }

    private void keepSelected() {
        Redaction r = current.get();
        for (Redaction.Term t : List.copyOf(table.getSelectionModel().getSelectedItems())) {
            r = r.without(t.original());
        }
        current.set(r);
    }

    private void refresh() {
        Redaction r = current.get();
        table.getItems().setAll(r.terms());
        Map<Redaction.Kind, Integer> kinds = new EnumMap<>(Redaction.Kind.class);
        r.terms().forEach(t -> kinds.merge(t.kind(), 1, Integer::sum));
        StringBuilder sb = new StringBuilder(r.terms().size() + (r.terms().size() == 1 ? " term" : " terms"));
        String sep = ": ";
        for (Map.Entry<Redaction.Kind, Integer> e : kinds.entrySet()) {
            sb.append(sep).append(e.getValue()).append(' ').append(e.getKey().stem());
            sep = ", ";
        }
        summary.setText(sb.toString());
    }

    private static TableColumn<Redaction.Term, String> column(String title, double width,
                                                             java.util.function.Function<Redaction.Term, String> value) {
        TableColumn<Redaction.Term, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        return c;
    }
}
