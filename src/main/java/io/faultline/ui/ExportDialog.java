package io.faultline.ui;

import io.faultline.model.Annotation;
import io.faultline.model.AnnotationLayer;
import io.faultline.model.CausalLink;
import io.faultline.model.EpochNanos;
import io.faultline.model.TimeWindow;
import io.faultline.timeline.CancelFlag;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * File › Export… (Ctrl+E, the toolbar's Export…): the options of {@code faultline export} (format, range: whole capture,
 * visible range or the last brushed range; title; theme, scale and size for png; Redact, ticked for html), a preview
 * (png: the picture, rendered small; html and json: the size the file will have, what it holds, json's first lines),
 * and the output file. The preview and the export run on a background thread; the export shows its progress and
 * stops on Cancel, leaving no file. A bundle is never replaced, another file only when the user says so.
 */
final class ExportDialog {
    private static final Logger LOG = LoggerFactory.getLogger(ExportDialog.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss");
    private static final int PREVIEW_CHARS = 2400;

    private final Stage stage = new Stage();
    private final WorkbenchData data;
    private final AnnotationLayer annotations;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "faultline-export");
        t.setDaemon(true);
        return t;
    });
    private final ComboBox<ExportJob.Format> format = new ComboBox<>();
    private final ToggleGroup range = new ToggleGroup();
    private final RadioButton whole = new RadioButton();
    private final RadioButton visible = new RadioButton();
    private final RadioButton brushed = new RadioButton();
    private final TextField title = new TextField();
    private final ComboBox<Theme> theme = new ComboBox<>();
    private final Spinner<Double> scale = new Spinner<>(0.5, 4, 1, 0.5);
    private final Spinner<Integer> width = new Spinner<>(200, 8192, 1600, 100);
    private final Spinner<Integer> height = new Spinner<>(200, 8192, 1000, 100);
    private final CheckBox redact = new CheckBox("Redact: replace addresses, user and host names and secrets");
    private final CheckBox chainOnly = new CheckBox("The causal chain graph alone");
    private final Button terms = new Button("Terms…");
    /** The redaction as the user went through it in {@link RedactionDialog}; null until then (the proposal is used). */
    private io.faultline.export.Redaction edited;
    /**
     * The redaction proposed for each title, found once (a pass over every text of the case) and kept while the
     * dialog is open: previews, Terms… and the export take it from here. Used on the worker thread only.
     */
    private final java.util.Map<String, io.faultline.export.Redaction> proposals = new java.util.HashMap<>();
    private final javafx.beans.property.BooleanProperty findingTerms = new javafx.beans.property.SimpleBooleanProperty();
    private final TextField output = new TextField();
    private final ImageView image = new ImageView();
    private final TextArea text = new TextArea();
    private final Label summary = new Label();
    private final ProgressBar progress = new ProgressBar(0);
    private final Label status = new Label();
    private final Button run = new Button("Export");
    private final Button close = new Button("Close");
    private final PauseTransition previewLater = new PauseTransition(Duration.millis(250));
    private final TimeWindow visibleRange;
    private final TimeWindow brushedRange;
    private CancelFlag previewCancel = new CancelFlag();
    private int previewGeneration;
    /** False while the preview shown is not that of the options shown (one is being made, or was stopped by an export). */
    private boolean previewCurrent;
    private CancelFlag exportCancel;

    ExportDialog(Window owner, WorkbenchData data, AnnotationLayer annotations, InvestigationState state, Theme windowTheme) {
        this.data = data;
        this.annotations = annotations;
        this.visibleRange = state.visibleRange();
        this.brushedRange = state.brushedProperty().get();
        ZoneId zone = state.zoneChoice().resolve(data.displayZone());
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle("Export");

        format.setId("exportFormat");
        format.getItems().setAll(ExportJob.Format.values());
        format.setConverter(new StringConverter<>() {
            @Override
            public String toString(ExportJob.Format f) {
                return f == null ? "" : f.label();
            }

            @Override
            public ExportJob.Format fromString(String s) {
                return null;
            }
        });
        format.setValue(ExportJob.Format.HTML);
        whole.setId("exportRangeWhole");
        visible.setId("exportRangeVisible");
        brushed.setId("exportRangeBrush");
        TimeWindow full = data.loaded().evidence().window() != null ? data.loaded().evidence().window() : state.fullWindow();
        whole.setText("Whole capture   " + describe(full, zone));
        visible.setText("Visible range   " + describe(visibleRange, zone));
        brushed.setText(brushedRange == null ? "Brush selection   (none: drag on the time axis or the overview first)"
                : "Brush selection   " + describe(brushedRange, zone));
        brushed.setDisable(brushedRange == null);
        for (RadioButton b : new RadioButton[]{whole, visible, brushed}) {
            b.setToggleGroup(range);
        }
        whole.setSelected(true);
        title.setId("exportTitle");
        Path bundle = data.loaded().bundlePath();
        title.setText(bundle == null ? "" : bundle.getFileName().toString());
        title.setPromptText("the report's title");
        theme.setId("exportTheme");
        theme.getItems().setAll(Theme.values());
        theme.setValue(windowTheme);
        theme.setCellFactory(lv -> new ListCell<>() {
            @Override
            protected void updateItem(Theme t, boolean empty) {
                super.updateItem(t, empty);
                setText(empty || t == null ? null : t.key());
            }
        });
        theme.setButtonCell(theme.getCellFactory().call(null));
        scale.setId("exportScale");
        scale.setPrefWidth(80);
        width.setId("exportWidth");
        width.setEditable(true);
        width.setPrefWidth(95);
        height.setId("exportHeight");
        height.setEditable(true);
        height.setPrefWidth(95);
        redact.setId("exportRedact");
        redact.setSelected(true);
        output.setId("exportOutput");
        output.setPrefColumnCount(34);
        Path folder = bundle != null && bundle.toAbsolutePath().getParent() != null ? bundle.toAbsolutePath().getParent()
                : Path.of(System.getProperty("user.home"));
        output.setText(folder.resolve(ExportJob.defaultName(bundle, ExportJob.Format.HTML)).toString());
        Button choose = new Button("Choose…");
        choose.setId("exportChoose");
        choose.setOnAction(e -> chooseOutput());

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.getStyleClass().add("export-options");
        int row = 0;
        grid.addRow(row++, new Label("Format"), format);
        grid.add(new Label("Range"), 0, row);
        grid.add(new VBox(4, whole, visible, brushed), 1, row++);
        grid.addRow(row++, new Label("Title"), title);
        HBox png = new HBox(8, new Label("Theme"), theme, new Label("Scale"), scale, new Label("Size"), width, new Label("×"), height);
        png.setAlignment(Pos.CENTER_LEFT);
        png.getStyleClass().add("export-png-options");
        grid.addRow(row++, new Label("Picture"), png);
        chainOnly.setId("exportChainOnly");
        grid.addRow(row++, new Label(""), chainOnly);
        terms.setId("exportRedactTerms");
        terms.disableProperty().bind(redact.selectedProperty().not().or(redact.disabledProperty()).or(findingTerms));
        terms.setOnAction(e -> reviewTerms());
        HBox redacting = new HBox(8, redact, terms);
        redacting.setAlignment(Pos.CENTER_LEFT);
        grid.addRow(row++, new Label(""), redacting);
        HBox out = new HBox(6, output, choose);
        HBox.setHgrow(output, Priority.ALWAYS);
        grid.addRow(row, new Label("Save as"), out);
        GridPane.setHgrow(out, Priority.ALWAYS);

        image.setId("exportPreviewImage");
        image.setPreserveRatio(true);
        image.setFitWidth(520);
        image.setFitHeight(330);
        image.setSmooth(true);
        text.setId("exportPreviewText");
        text.setEditable(false);
        text.setWrapText(false);
        text.getStyleClass().add("export-preview-text");
        StackPane previewBox = new StackPane(text, image);
        previewBox.getStyleClass().add("export-preview");
        previewBox.setPrefSize(540, 340);
        previewBox.setMinHeight(200);
        summary.setId("exportSummary");
        summary.getStyleClass().add("export-summary");
        summary.setWrapText(true);
        Label previewHead = new Label("Preview");
        previewHead.getStyleClass().add("export-head");
        VBox preview = new VBox(6, previewHead, previewBox, summary);
        VBox.setVgrow(previewBox, Priority.ALWAYS);

        progress.setId("exportProgress");
        progress.setVisible(false);
        progress.setPrefWidth(220);
        status.setId("exportStatus");
        status.getStyleClass().add("export-status");
        status.setWrapText(true);
        status.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(status, Priority.ALWAYS);
        run.setId("exportRun");
        run.setDefaultButton(true);
        run.setOnAction(e -> export());
        close.setId("exportClose");
        close.setCancelButton(true);
        close.setOnAction(e -> closeOrCancel());
        HBox bottom = new HBox(10, progress, status, run, close);
        bottom.setAlignment(Pos.CENTER_LEFT);
        bottom.setPadding(new Insets(10, 0, 0, 0));

        VBox left = new VBox(grid);
        left.setMinWidth(Region.USE_PREF_SIZE);
        HBox body = new HBox(18, left, preview);
        HBox.setHgrow(preview, Priority.ALWAYS);
        BorderPane root = new BorderPane(body);
        root.setBottom(bottom);
        root.setPadding(new Insets(14));
        root.getStyleClass().addAll("workbench", "export-dialog");
        root.setId("exportDialog");
        Scene scene = new Scene(root);
        scene.getStylesheets().add(windowTheme.stylesheet());
        stage.setScene(scene);
        stage.setOnHidden(e -> {
            previewCancel.cancel();
            if (exportCancel != null) {
                exportCancel.cancel();
            }
            worker.shutdown();
        });

        format.valueProperty().addListener((obs, was, now) -> onFormat(was, now));
        previewLater.setOnFinished(e -> preview());
        for (javafx.beans.Observable o : new javafx.beans.Observable[]{range.selectedToggleProperty(), title.textProperty(),
                theme.valueProperty(), scale.valueProperty(), width.valueProperty(), height.valueProperty(), redact.selectedProperty(),
                chainOnly.selectedProperty()}) {
            o.addListener(x -> previewSoon());
        }
        onFormat(null, format.getValue());
    }

    void show() {
        stage.show();
    }

    Stage stage() {
        return stage;
    }

    private static String describe(TimeWindow w, ZoneId zone) {
        return TIME.format(EpochNanos.toInstant(w.fromNanos()).atZone(zone)) + " → "
                + TIME.format(EpochNanos.toInstant(w.toNanos()).atZone(zone)) + "  (" + Durations.compact(w.lengthNanos()) + ")";
    }

    private void onFormat(ExportJob.Format was, ExportJob.Format now) {
        boolean png = now == ExportJob.Format.PNG;
        for (javafx.scene.Node n : new javafx.scene.Node[]{theme, scale, width, height}) {
            n.setDisable(!png);
        }
        chainOnly.setDisable(!png && now != ExportJob.Format.SVG);
        redact.setSelected(now.redactByDefault());
        String path = output.getText().strip();
        if (was != null && path.endsWith("." + was.extension())) {
            output.setText(path.substring(0, path.length() - was.extension().length()) + now.extension());
        }
        preview();
    }

    /** The range chosen: null for the whole capture. */
    private TimeWindow chosenRange() {
        if (range.getSelectedToggle() == visible) {
            return visibleRange;
        }
        if (range.getSelectedToggle() == brushed) {
            return brushedRange;
        }
        return null;
    }

    private ExportJob.Request request(Path out, double pngScale) {
        return new ExportJob.Request(format.getValue(), chosenRange(), title.getText(), theme.getValue(), pngScale,
                width.getValue(), height.getValue(), chainOnly.isSelected() && !chainOnly.isDisabled(), redact.isSelected(), edited, out);
    }

    /** What the range holds: events, notes and links (both ends in it). */
    private String counts(TimeWindow r) {
        TimeWindow w = r == null ? data.loaded().evidence().window() : r;
        int events = data.index().count(w.fromNanos(), w.toNanos());
        java.util.Set<String> notes = new java.util.HashSet<>();
        for (Annotation a : annotations.annotations()) {
            if (w.overlaps(a.target().startNanos(), a.target().endNanos())) {
                notes.add(a.id());
            }
        }
        long links = annotations.links().stream().filter((CausalLink l) -> notes.contains(l.fromId()) && notes.contains(l.toId())).count();
        return String.format(Locale.ROOT, "%,d event%s · %d note%s · %d link%s in the range", events, events == 1 ? "" : "s",
                notes.size(), notes.size() == 1 ? "" : "s", links, links == 1 ? "" : "s");
    }

    /** An option changed: the preview shown is stale at once (a running one is dropped); a new one starts after a pause. */
    private void previewSoon() {
        previewCancel.cancel();
        previewGeneration++;
        previewCurrent = false;
        summary.setText("preview being made…");
        previewLater.playFromStart();
    }

    /** Starts a new preview in the background; the one running is cancelled and its result dropped. */
    private void preview() {
        previewLater.stop();
        previewCancel.cancel();
        CancelFlag cancel = new CancelFlag();
        previewCancel = cancel;
        int mine = ++previewGeneration;
        previewCurrent = false;
        ExportJob.Request r;
        try {
            r = request(null, 0.5);
        } catch (IllegalArgumentException e) {
            summary.setText(e.getMessage());
            return;
        }
        String counts = counts(r.range());
        double outScale = scale.getValue();
        summary.setText(counts + " · preview being made…");
        image.setVisible(r.format() == ExportJob.Format.PNG);
        text.setVisible(r.format() != ExportJob.Format.PNG);
        worker.execute(() -> {
            try {
                if (cancel.isCancelled()) {
                    return;
                }
                if (r.format() == ExportJob.Format.PNG) {
                    Path tmp = Files.createTempFile("faultline-export-preview", ".png");
                    try {
                        ExportJob.drawPng(data.loaded(), annotations, withTerms(r), 0.5, tmp);
                        Image picture = new Image(tmp.toUri().toString());
                        String size = String.format(Locale.ROOT, "%d × %d px picture (at scale %s)",
                                Math.round(picture.getWidth() / 0.5 * outScale), Math.round(picture.getHeight() / 0.5 * outScale), outScale);
                        Platform.runLater(() -> {
                            if (mine == previewGeneration) {
                                previewCurrent = true;
                                image.setImage(picture);
                                summary.setText(counts + " · " + size);
                            }
                        });
                    } finally {
                        Files.deleteIfExists(tmp);
                    }
                } else {
                    boolean html = r.format() == ExportJob.Format.HTML;
                    ExportJob.TextPreview p = ExportJob.preview(data.loaded(), annotations, withTerms(r), cancel, html ? 0 : PREVIEW_CHARS);
                    String head = !html ? p.head() + (p.bytes() > PREVIEW_CHARS ? "\n…" : "")
                            : "One self-contained page: " + Bytes.of(p.bytes()) + ", no network needed.\n\nTitle: "
                            + r.options().title() + "\n" + counts + "\nOpens in any browser: zoom, pan, the lanes, the notes and"
                            + " the chain as a graph." + (r.redact() ? "\nRedact: on." : "");
                    Platform.runLater(() -> {
                        if (mine == previewGeneration) {
                            previewCurrent = true;
                            text.setText(head);
                            summary.setText(counts + " · " + Bytes.of(p.bytes()));
                        }
                    });
                }
            } catch (CancellationException e) {
                LOG.debug("export preview replaced by a newer one");
            } catch (IOException | RuntimeException e) {
                LOG.warn("export preview failed", e);
                Platform.runLater(() -> {
                    if (mine == previewGeneration) {
                        summary.setText("No preview: " + e.getMessage());
                    }
                });
            }
        });
    }

    /** {@code r} with the redaction it will apply: the user's when set, else the one proposed for its title (worker thread). */
    private ExportJob.Request withTerms(ExportJob.Request r) throws IOException {
        return !r.redact() || r.terms() != null ? r : r.withTerms(proposal(r.options().title()));
    }

    /** The redaction proposed for an export titled {@code title}, found once (worker thread). */
    private io.faultline.export.Redaction proposal(String title) throws IOException {
        io.faultline.export.Redaction p = proposals.get(title);
        if (p == null) {
            p = ExportJob.propose(data.loaded(), annotations, title);
            proposals.put(title, p);
        }
        return p;
    }

    /**
     * Redact ▸ Terms…: the terms the export would replace (found in the background), for the user to keep some and add
     * their own ({@link RedactionDialog}); the preview then shows the result.
     */
    private void reviewTerms() {
        findingTerms.set(true);
        String t = title.getText();
        worker.execute(() -> {
            try {
                io.faultline.export.Redaction proposed = edited != null ? edited
                        : proposal(new io.faultline.export.ExportOptions(null, t).title());
                Platform.runLater(() -> {
                    findingTerms.set(false);
                    RedactionDialog.show(stage, proposed).ifPresent(r -> {
                        edited = r;
                        preview();
                    });
                });
            } catch (IOException | RuntimeException e) {
                LOG.warn("redaction terms could not be found", e);
                Platform.runLater(() -> {
                    findingTerms.set(false);
                    summary.setText("No redaction terms: " + e.getMessage());
                });
            }
        });
    }

    private void chooseOutput() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export to");
        ExportJob.Format f = format.getValue();
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(f.name() + " files", "*." + f.extension()));
        Path current = outputPath();
        if (current != null && current.toAbsolutePath().getParent() != null && Files.isDirectory(current.toAbsolutePath().getParent())) {
            chooser.setInitialDirectory(current.toAbsolutePath().getParent().toFile());
            chooser.setInitialFileName(current.getFileName().toString());
        }
        java.io.File picked = chooser.showSaveDialog(stage);
        if (picked != null) {
            output.setText(picked.getAbsolutePath());
        }
    }

    private Path outputPath() {
        try {
            String t = output.getText().strip();
            return t.isEmpty() ? null : Path.of(t);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** Checks the output and writes the export in the background, with progress and Cancel. */
    private void export() {
        Path out = outputPath();
        String refused = ExportJob.refusal(out, data.loaded().bundlePath());
        if (refused != null) {
            fail(refused);
            return;
        }
        if (Files.exists(out) && !confirmReplace(out)) {
            return;
        }
        ExportJob.Request r;
        try {
            r = request(out, scale.getValue());
        } catch (IllegalArgumentException e) {
            fail(e.getMessage());
            return;
        }
        previewLater.stop();
        previewCancel.cancel();
        previewGeneration++;
        CancelFlag cancel = new CancelFlag();
        exportCancel = cancel;
        setRunning(true);
        status.setText("Writing " + out.getFileName() + " …");
        long[] lastShown = {0};
        worker.execute(() -> {
            try {
                ExportJob.run(data.loaded(), annotations, withTerms(r), cancel, n -> {
                    long now = System.currentTimeMillis();
                    if (now - lastShown[0] >= 100) {
                        lastShown[0] = now;
                        Platform.runLater(() -> status.setText("Writing " + out.getFileName() + " … " + Bytes.of(n)));
                    }
                });
                long size = Files.size(out);
                Platform.runLater(() -> done("Wrote " + out + " (" + Bytes.of(size) + ")", false));
            } catch (CancellationException e) {
                Platform.runLater(() -> done("Cancelled: nothing was written", false));
            } catch (IOException | RuntimeException e) {
                LOG.error("export to {} failed", out, e);
                Platform.runLater(() -> done("Export failed: " + e.getMessage(), true));
            }
        });
    }

    private boolean confirmReplace(Path out) {
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, out + " exists. Replace it with this export?", ButtonType.OK, ButtonType.CANCEL);
        ask.initOwner(stage);
        ask.setHeaderText("Replace " + out.getFileName() + "?");
        ask.getDialogPane().getStylesheets().addAll(stage.getScene().getStylesheets());
        ask.getDialogPane().setId("exportReplace");
        return ask.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
    }

    private void fail(String message) {
        status.setText(message);
        status.getStyleClass().add("error");
    }

    private void setRunning(boolean running) {
        status.getStyleClass().remove("error");
        progress.setVisible(running);
        progress.setProgress(running ? ProgressBar.INDETERMINATE_PROGRESS : 0);
        run.setDisable(running);
        close.setText(running ? "Cancel" : "Close");
    }

    private void done(String message, boolean error) {
        exportCancel = null;
        setRunning(false);
        if (!previewCurrent) {
            preview();
        }
        status.setText(message);
        if (error) {
            status.getStyleClass().add("error");
        }
    }

    /** Cancel while an export runs (the dialog stays), Close otherwise. */
    private void closeOrCancel() {
        if (exportCancel != null) {
            exportCancel.cancel();
            status.setText("Cancelling …");
        } else {
            stage.hide();
        }
    }

    /** Sizes as people read them. */
    static final class Bytes {
        private Bytes() {
        }

        static String of(long n) {
            if (n < 1024) {
                return n + " bytes";
            }
            if (n < 1024 * 1024) {
                return String.format(Locale.ROOT, "%.1f KB", n / 1024.0);
            }
            return String.format(Locale.ROOT, "%.1f MB", n / (1024.0 * 1024));
        }
    }
}
