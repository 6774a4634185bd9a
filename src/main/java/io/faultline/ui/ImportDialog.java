package io.faultline.ui;

import io.faultline.capture.SourceKind;
import io.faultline.ingest.FileImporter;
import io.faultline.ingest.FormatDetector;
import io.faultline.ingest.RawLines;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.ComboBoxTableCell;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.StringConverter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Before loose files are imported: each file with the format its content was detected as, which the user
 * may override; the first lines of the selected file, to judge by; the zone for times that carry none and
 * the host name. The result is the import request.
 */
final class ImportDialog extends Dialog<FileImporter.Request> {
    static final ButtonType IMPORT = new ButtonType("Import and open", ButtonBar.ButtonData.OK_DONE);
    private static final int PREVIEW_LINES = 12;

    /** One file: what detection said and what the user chose. */
    static final class Row {
        final Path file;
        final long size;
        final byte[] head;
        final SourceKind detected;
        final ObjectProperty<SourceKind> chosen;

        Row(Path file) {
            this.file = file;
            long s = -1;
            byte[] h = new byte[0];
            try (InputStream in = Files.newInputStream(file)) {
                s = Files.size(file);
                h = in.readNBytes(FormatDetector.HEAD_BYTES);
            } catch (IOException e) {
                h = null;
            }
            this.size = s;
            this.head = h;
            this.detected = h == null ? SourceKind.UNKNOWN : FormatDetector.detect(String.valueOf(file.getFileName()), h);
            this.chosen = new SimpleObjectProperty<>(detected);
        }

        String name() {
            return String.valueOf(file.getFileName());
        }
    }

    private final TableView<Row> table = new TableView<>();
    private final ComboBox<String> zone = new ComboBox<>();
    private final TextField host = new TextField();
    private final Label problem = new Label();

    ImportDialog(Window owner, List<Path> files) {
        initOwner(owner);
        setTitle("Import files");
        setHeaderText(files.size() == 1 ? "Import " + files.getFirst().getFileName() + " into a new bundle"
                : "Import " + files.size() + " files into a new bundle");
        setResizable(true);
        getDialogPane().getStylesheets().add(Theme.of(owner).stylesheet());
        getDialogPane().getStyleClass().add("import-dialog");

        table.setId("importFiles");
        table.setEditable(true);
        table.getItems().setAll(files.stream().map(Row::new).toList());
        table.getColumns().setAll(List.of(text("File", 260, Row::name), text("Size", 90, r -> size(r.size)), formatColumn()));
        table.setPrefSize(640, 60 + 26.0 * Math.min(8, files.size()));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        TextArea preview = new TextArea();
        preview.setId("importPreview");
        preview.setEditable(false);
        preview.setWrapText(false);
        preview.setPrefRowCount(PREVIEW_LINES);
        preview.getStyleClass().add("mono");
        table.getSelectionModel().selectedItemProperty().addListener((obs, was, now) -> preview.setText(preview(now)));

        zone.setId("importZone");
        zone.setEditable(true);
        zone.setItems(FXCollections.observableList(zoneChoices()));
        zone.setValue(ZoneId.systemDefault().getId());
        zone.setPrefWidth(260);
        host.setId("importHost");
        host.setPromptText("as each line names it; 'imported' where none does");
        host.setPrefWidth(260);
        problem.setId("importProblem");
        problem.getStyleClass().add("error");

        GridPane options = new GridPane();
        options.setHgap(10);
        options.setVgap(8);
        options.addRow(0, new Label("Zone of times without one"), zone);
        options.addRow(1, new Label("Host name (blank: as the lines say)"), host);
        Label hint = new Label("Each file's format was detected from its content; click a format to change it."
                + " The files are stored byte for byte in the bundle.");
        hint.setWrapText(true);
        VBox box = new VBox(8, hint, table, new Label("First lines of the selected file"), preview, options, problem);
        box.setPadding(new Insets(12, 12, 4, 12));
        VBox.setVgrow(table, Priority.ALWAYS);
        getDialogPane().setContent(box);
        getDialogPane().getButtonTypes().setAll(IMPORT, ButtonType.CANCEL);
        getDialogPane().lookupButton(IMPORT).setId("importOk");

        zone.getEditor().textProperty().addListener(o -> validate());
        zone.valueProperty().addListener(o -> validate());
        host.textProperty().addListener(o -> validate());
        table.getItems().forEach(r -> r.chosen.addListener(o -> validate()));
        validate();
        table.getSelectionModel().selectFirst();
        setResultConverter(b -> b == IMPORT ? request() : null);
    }

    TableView<Row> table() {
        return table;
    }

    private String zoneText() {
        String typed = zone.isEditable() ? zone.getEditor().getText() : null;
        return (typed == null || typed.isBlank() ? String.valueOf(zone.getValue()) : typed).strip();
    }

    private void validate() {
        String blocking = null;
        try {
            ZoneId.of(zoneText());
        } catch (DateTimeException e) {
            blocking = "'" + zoneText() + "' is not a zone id or offset (e.g. Europe/Berlin, UTC, +08:00)";
        }
        List<String> unknown = table.getItems().stream().filter(r -> !r.chosen.get().parsable()).map(Row::name).toList();
        String warning = unknown.isEmpty() ? "" : "No format recognised for " + String.join(", ", unknown)
                + ": choose one, or import anyway to keep the bytes with a diagnostic";
        problem.setText(blocking != null ? blocking : warning);
        getDialogPane().lookupButton(IMPORT).setDisable(blocking != null);
    }

    private FileImporter.Request request() {
        Map<String, SourceKind> forced = new LinkedHashMap<>();
        for (Row r : table.getItems()) {
            if (r.chosen.get() != r.detected && r.chosen.get().parsable()) {
                forced.put(r.name(), r.chosen.get());
            }
        }
        List<Path> files = table.getItems().stream().map(r -> r.file).toList();
        return new FileImporter.Request(files, host.getText().strip(), ZoneId.of(zoneText()).getId(), null, null, forced);
    }

    private static TableColumn<Row, String> text(String title, double width, java.util.function.Function<Row, String> value) {
        TableColumn<Row, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setEditable(false);
        c.setCellValueFactory(f -> new ReadOnlyStringWrapper(value.apply(f.getValue())));
        return c;
    }

    private TableColumn<Row, SourceKind> formatColumn() {
        TableColumn<Row, SourceKind> c = new TableColumn<>("Format");
        c.setId("importFormat");
        c.setPrefWidth(240);
        c.setCellValueFactory(f -> f.getValue().chosen);
        SourceKind[] kinds = Arrays.stream(SourceKind.values()).filter(SourceKind::parsable).toArray(SourceKind[]::new);
        c.setCellFactory(col -> new ComboBoxTableCell<>(new StringConverter<>() {
            @Override
            public String toString(SourceKind k) {
                return k == null ? "" : k.parsable() ? k.id() : "not recognised";
            }

            @Override
            public SourceKind fromString(String s) {
                return SourceKind.ofId(s);
            }
        }, kinds) {
            @Override
            public void updateItem(SourceKind item, boolean empty) {
                super.updateItem(item, empty);
                Row row = empty || getTableRow() == null ? null : getTableRow().getItem();
                if (row != null && item != null) {
                    setText(item == row.detected ? toLabel(item) + "  (detected)" : toLabel(item) + "  (chosen)");
                }
            }

            private static String toLabel(SourceKind k) {
                return k.parsable() ? k.id() : "not recognised";
            }
        });
        c.setOnEditCommit(e -> e.getRowValue().chosen.set(e.getNewValue()));
        return c;
    }

    static String preview(Row row) {
        if (row == null) {
            return "";
        }
        if (row.head == null) {
            return row.file + ": cannot be read";
        }
        if (row.head.length == 0) {
            return "(empty file)";
        }
        try {
            List<String> lines = new ArrayList<>();
            for (RawLines.Line l : RawLines.around(new ByteArrayInputStream(row.head), 1, PREVIEW_LINES - 1)) {
                if (lines.size() < PREVIEW_LINES) {
                    String t = l.text();
                    lines.add(t.length() > 240 ? t.substring(0, 240) + " …" : t);
                }
            }
            String what = FormatDetector.describe(row.head);
            return (what.startsWith("binary") ? "(" + what + ")\n" : "") + String.join("\n", lines);
        } catch (IOException e) {
            return row.file + ": " + e.getMessage();
        }
    }

    private static List<String> zoneChoices() {
        String local = ZoneId.systemDefault().getId();
        List<String> zones = new ArrayList<>(List.of(local, "UTC"));
        Stream.of("+00:00", "+01:00", "+02:00", "+08:00", "-05:00", "-07:00", "-08:00").forEach(zones::add);
        ZoneId.getAvailableZoneIds().stream().filter(z -> z.contains("/") && !z.startsWith("Etc/") && !z.startsWith("SystemV/"))
                .sorted().forEach(zones::add);
        return zones.stream().distinct().toList();
    }

    private static String size(long bytes) {
        if (bytes < 0) {
            return "unreadable";
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        double v = bytes;
        String[] units = {"KB", "MB", "GB", "TB"};
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
