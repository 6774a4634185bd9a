package io.faultline.ui;

import io.faultline.capture.Bundle;
import io.faultline.capture.SourceKind;
import io.faultline.ingest.FileImporter;
import io.faultline.ingest.IngestListener;
import io.faultline.ingest.Ingestor;
import io.faultline.ingest.RawLines;
import io.faultline.model.Diagnostic;
import io.faultline.model.EpochNanos;
import io.faultline.model.Event;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Driving the window like a user: open loose files through the import dialog (zone and format chosen
 * there), then walk the diagnostics to the torn line and from it to the timeline. The opener runs the real
 * import and ingest into a temporary folder.
 */
@ExtendWith(ApplicationExtension.class)
class OpenAndDiagnosticsTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void headlessRobot() {
        System.setProperty("testfx.robot", "glass");
        FxToolkit.preferHeadless();
    }

    @Start
    void start(Stage stage) {
        stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 200, 100));
        stage.show();
    }

    @AfterEach
    void closeWindows(FxRobot robot) {
        robot.interact(() -> Window.getWindows().stream().filter(w -> w instanceof Stage s && s.getTitle() != null
                && (s.getTitle().startsWith("Faultline — ") || s.getTitle().startsWith("Diagnostics"))).toList().forEach(Window::hide));
    }

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(Objects.requireNonNull(OpenAndDiagnosticsTest.class.getResource("/ui/" + name), name).toURI());
    }

    private CaseOpener opener() {
        AtomicInteger n = new AtomicInteger();
        return new CaseOpener() {
            @Override
            public LoadedCase openBundle(Path path, IngestListener listener) throws Exception {
                try (Bundle b = Bundle.open(path)) {
                    return new LoadedCase(path, Ingestor.ingest(b, listener), b.annotations());
                }
            }

            @Override
            public LoadedCase importFiles(FileImporter.Request request, IngestListener listener) throws Exception {
                Path out = dir.resolve("import-" + n.incrementAndGet() + ".flcap");
                FileImporter.importFiles(request, out, "faultline test");
                return openBundle(out, listener);
            }
        };
    }

    @Test
    void afterTheFirstOpeningIsCancelledCtrlOAndTheButtonOpenAnother(FxRobot robot) throws Exception {
        Path bundle = FixtureEvidence.writeBundle(dir.resolve("other.flcap"));
        CaseOpener opener = opener();
        AtomicInteger picked = new AtomicInteger();
        CompletableFuture<Void> launched = CompletableFuture.runAsync(() -> WorkbenchApp.launch("big.flcap", l -> {
            while (!l.cancelled()) {
                Thread.sleep(20);
            }
            throw new java.util.concurrent.CancellationException();
        }, opener, owner -> {
            picked.incrementAndGet();
            return List.of(bundle);
        }));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> present(robot, "#cancelOpen"));
        robot.clickOn(node(robot, "#cancelOpen"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> present(robot, "#openCancelled"));
        assertThat(robot.lookup("#openCancelled").queryAs(Label.class).getText()).isEqualTo("Opening cancelled. Open… (Ctrl+O) or drop files here.");

        robot.press(KeyCode.CONTROL, KeyCode.O).release(KeyCode.O, KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> present(robot, "#logTable"));
        assertThat(picked.get()).isEqualTo(1);
        assertThat(workbenchWindow().getTitle()).isEqualTo("Faultline — other.flcap");
        closeWindows(robot);
        launched.get(10, TimeUnit.SECONDS);

        launched = CompletableFuture.runAsync(() -> WorkbenchApp.launch("big.flcap", l -> {
            while (!l.cancelled()) {
                Thread.sleep(20);
            }
            throw new java.util.concurrent.CancellationException();
        }, opener, owner -> List.of(bundle)));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> present(robot, "#cancelOpen"));
        robot.clickOn(node(robot, "#cancelOpen"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> present(robot, "#openAfterCancel"));
        robot.clickOn(node(robot, "#openAfterCancel"));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> present(robot, "#logTable"));
        assertThat(workbenchWindow().getTitle()).isEqualTo("Faultline — other.flcap");
        closeWindows(robot);
        launched.get(10, TimeUnit.SECONDS);
    }

    @Test
    void importedFilesTakeTheZoneAndFormatChosenInTheDialogAndTheDiagnosticsLeadToTheTornLine(FxRobot robot) throws Exception {
        Path journal = fixture("journal-with-torn-line.txt");
        Path columns = fixture("unknown-columns.txt");
        Path first = FixtureEvidence.writeBundle(dir.resolve("first.flcap"));
        CaseOpener opener = opener();
        CompletableFuture<Void> launched = CompletableFuture.runAsync(() -> WorkbenchApp.launch("first.flcap",
                l -> FixtureEvidence.loaded(first), opener, owner -> List.of(journal, columns)));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> present(robot, "#logTable"));

        robot.clickOn(node(robot, "#openButton"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> present(robot, "#importFiles"));
        @SuppressWarnings("unchecked")
        TableView<ImportDialog.Row> files = robot.lookup("#importFiles").queryAs(TableView.class);
        assertThat(files.getItems()).extracting(r -> r.detected).containsExactly(SourceKind.JOURNAL_SHORT, SourceKind.UNKNOWN);
        assertThat(robot.lookup("#importPreview").queryAs(TextArea.class).getText())
                .startsWith("Oct 05 15:21:25 web1 sshd[812]: Failed password for root")
                .contains("\\x01\\x02 torn write \\xff\\xfe");
        assertThat(robot.lookup("#importProblem").queryAs(Label.class).getText())
                .startsWith("No format recognised for unknown-columns.txt");

        ComboBox<?> zone = robot.lookup("#importZone").queryAs(ComboBox.class);
        robot.interact(() -> zone.getEditor().setText("Mars/Olympus"));
        assertThat(robot.lookup("#importOk").queryAs(Node.class).isDisabled()).isTrue();
        assertThat(robot.lookup("#importProblem").queryAs(Label.class).getText()).startsWith("'Mars/Olympus' is not a zone id");
        robot.interact(() -> zone.getEditor().setText("+08:00"));
        assertThat(robot.lookup("#importOk").queryAs(Node.class).isDisabled()).isFalse();
        robot.interact(() -> files.getItems().get(0).chosen.set(SourceKind.SYSLOG));
        robot.clickOn(node(robot, "#importOk"));

        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#logTable").queryAll().size() == 1
                && robot.lookup("#eventsInView").queryAs(Label.class).getText().endsWith(" / 3 events in view"));
        Stage window = workbenchWindow();
        assertThat(window.getTitle()).isEqualTo("Faultline — journal-with-torn-line.txt and 1 more");
        Path imported = dir.resolve("import-1.flcap");
        try (Bundle b = Bundle.open(imported)) {
            assertThat(b.manifest().entries()).extracting(e -> e.sourceKind()).containsExactly(SourceKind.SYSLOG, SourceKind.UNKNOWN);
            assertThat(b.manifest().hosts()).extracting(h -> h.zone()).containsExactly("+08:00");
        }
        @SuppressWarnings("unchecked")
        TableView<Event> log = robot.lookup("#logTable").queryAs(TableView.class);
        Event failed = log.getItems().stream().filter(e -> e.message().startsWith("Failed password")).findFirst().orElseThrow();
        assertThat(EpochNanos.toInstant(failed.timeNanos()).atOffset(ZoneOffset.UTC).toLocalTime()).isEqualTo(LocalTime.of(7, 21, 25));
        assertThat(failed.timeText()).isEqualTo("Oct 05 15:21:25");
        assertThat(failed.source()).isEqualTo("syslog");

        robot.clickOn(node(robot, "#diagnosticsLink"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> present(robot, "#diagnosticsTable"));
        @SuppressWarnings("unchecked")
        TableView<Diagnostic> diags = robot.lookup("#diagnosticsTable").queryAs(TableView.class);
        int torn = -1;
        for (int i = 0; i < diags.getItems().size(); i++) {
            if (diags.getItems().get(i).where().line() == 3 && diags.getItems().get(i).where().entry().endsWith("journal-with-torn-line.txt")) {
                torn = i;
            }
        }
        assertThat(torn).as("a diagnostic for line 3: %s", diags.getItems()).isNotNegative();
        int row = torn;
        robot.interact(() -> diags.getSelectionModel().clearAndSelect(row));
        @SuppressWarnings("unchecked")
        ListView<RawLines.Line> excerpt = robot.lookup("#diagnosticExcerpt").queryAs(ListView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> excerpt.getItems().size() == 4);
        assertThat(excerpt.getItems()).extracting(RawLines.Line::number).containsExactly(1L, 2L, 3L, 4L);
        assertThat(excerpt.getItems().get(2).text()).isEqualTo("\\x01\\x02 torn write \\xff\\xfe\\x00 from a dying disk");
        assertThat(robot.lookup(".diag-target").queryAll()).hasSize(1);

        robot.clickOn(node(robot, "#diagShowOnTimeline"));
        Event shown = log.getSelectionModel().getSelectedItem();
        assertThat(shown.message()).startsWith("Connection closed by 203.0.113.7");
        assertThat(shown.origin().line()).isEqualTo(2);
        assertThat(robot.lookup("#diagnosticWhere").queryAs(Label.class).getText())
                .endsWith("shown at line 2, the nearest line read as an event");

        robot.interact(() -> Window.getWindows().stream().filter(w -> w instanceof Stage s && s.getTitle() != null
                && s.getTitle().startsWith("Diagnostics")).toList().forEach(Window::hide));
        robot.interact(window::hide);
        launched.get(10, TimeUnit.SECONDS);
        assertThat(Files.exists(imported)).isTrue();
    }

    @Test
    void aFileThatIsNotABundleOrReadableKeepsTheCaseOpenAndSaysWhy(FxRobot robot) throws Exception {
        Path first = FixtureEvidence.writeBundle(dir.resolve("first.flcap"));
        Path broken = dir.resolve("broken.flcap");
        Files.write(broken, new byte[] {'P', 'K', 3, 4, 0, 0, 0});
        CaseOpener opener = opener();
        CompletableFuture<Void> launched = CompletableFuture.runAsync(() -> WorkbenchApp.launch("first.flcap",
                l -> FixtureEvidence.loaded(first), opener, owner -> List.of(broken)));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> present(robot, "#logTable"));

        robot.clickOn(node(robot, "#openButton"));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> present(robot, "#openFailure"));
        assertThat(robot.lookup("#openFailure .content").queryAs(Label.class).getText()).startsWith(broken + ": a zip file, but damaged or cut short");
        assertThat(robot.lookup("#eventsInView").queryAs(Label.class).getText()).isEqualTo("236 / 236 events in view");
        assertThat(workbenchWindow().getTitle()).isEqualTo("Faultline — first.flcap");
        assertThat(robot.lookup("#logTable").queryAs(Node.class).isDisabled()).isFalse();

        robot.interact(() -> Window.getWindows().stream().filter(w -> w instanceof Stage s && s.getTitle() != null
                && s.getTitle().startsWith("Faultline — ")).toList().forEach(Window::hide));
        launched.get(10, TimeUnit.SECONDS);
    }

    /**
     * Whether a node matches {@code query}, looked up on the JavaFX thread: a lookup from the test thread walks the
     * scene graph while the window changes it, and TestFX then meets a node already without a scene.
     */
    private static boolean present(FxRobot robot, String query) throws Exception {
        return !WaitForAsyncUtils.asyncFx(() -> robot.lookup(query).queryAll()).get().isEmpty();
    }

    /** The node {@code query} matches, looked up on the JavaFX thread (see {@link #present}). */
    private static javafx.scene.Node node(FxRobot robot, String query) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> robot.lookup(query).<javafx.scene.Node>query()).get();
    }

    private static Stage workbenchWindow() {
        return (Stage) Window.getWindows().stream().filter(w -> w instanceof Stage s && s.getTitle() != null
                && s.getTitle().startsWith("Faultline — ")).findFirst().orElseThrow();
    }
}
