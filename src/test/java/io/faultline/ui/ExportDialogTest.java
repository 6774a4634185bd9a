package io.faultline.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.annotate.AnnotationStore;
import io.faultline.model.AnnotationLayer;
import io.faultline.model.EpochNanos;
import io.faultline.model.Evidence;
import io.faultline.model.TimeWindow;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

import static io.faultline.ui.FixtureEvidence.FROM;
import static io.faultline.ui.FixtureEvidence.S;
import static org.assertj.core.api.Assertions.assertThat;

/** File › Export… on the fixture: options as the CLI has them, a preview, the file written off the JavaFX thread. */
@ExtendWith(ApplicationExtension.class)
class ExportDialogTest {
    @TempDir
    Path dir;
    private Path bundle;
    private WorkbenchView view;

    @BeforeAll
    static void headlessRobot() {
        System.setProperty("testfx.robot", "glass");
        FxToolkit.preferHeadless();
    }

    @Start
    void start(Stage stage) throws Exception {
        bundle = FixtureEvidence.writeBundle(dir.resolve("case.flcap"));
        Evidence evidence = FixtureEvidence.evidence();
        AnnotationLayer layer = FixtureEvidence.annotated(evidence);
        view = new WorkbenchView(new LoadedCase(bundle, evidence, layer), new AnnotationStore(layer, "tester", Clock.systemUTC()));
        stage.setScene(new Scene(view.root(), 1600, 1000));
        stage.setX(0);
        stage.setY(0);
        stage.show();
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(view::close);
    }

    @Test
    void jsonOfTheVisibleRangeIsWrittenWithTheNotesAndHtmlIsRedactedByDefault(FxRobot robot) throws Exception {
        TimeWindow range = new TimeWindow(FROM + 1000 * S, FROM + 1700 * S);
        robot.interact(() -> view.state().setVisibleRange(range.fromNanos(), range.toNanos()));
        robot.clickOn(view.logTable());
        robot.press(KeyCode.CONTROL, KeyCode.E).release(KeyCode.E, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        CheckBox redact = robot.lookup("#exportRedact").queryAs(CheckBox.class);
        TextField output = robot.lookup("#exportOutput").queryAs(TextField.class);
        assertThat(redact.isSelected()).as("redact on by default for html").isTrue();
        assertThat(output.getText()).isEqualTo(dir.resolve("case.html").toString());
        assertThat(robot.lookup("#exportRangeBrush").queryAs(javafx.scene.control.RadioButton.class).isDisabled()).as("nothing brushed yet").isTrue();
        Label summary = robot.lookup("#exportSummary").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> summary.getText().endsWith("KB") || summary.getText().endsWith("MB"));
        assertThat(summary.getText()).contains("4 notes · 2 links in the range");

        @SuppressWarnings("unchecked")
        ComboBox<ExportJob.Format> format = robot.lookup("#exportFormat").queryAs(ComboBox.class);
        robot.interact(() -> format.setValue(ExportJob.Format.JSON));
        assertThat(redact.isSelected()).as("json: not redacted unless asked").isFalse();
        assertThat(output.getText()).isEqualTo(dir.resolve("case.json").toString());
        robot.clickOn("#exportRangeVisible");
        robot.interact(() -> robot.lookup("#exportTitle").queryAs(TextField.class).setText("db1 freeze"));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#exportPreviewText").queryTextInputControl().getText()
                .contains("\"title\" : \"db1 freeze\""));
        robot.clickOn("#exportRun");
        Path out = dir.resolve("case.json");
        Label status = robot.lookup("#exportStatus").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> status.getText().startsWith("Wrote"));

        JsonNode json = new ObjectMapper().readTree(out.toFile());
        assertThat(json.path("schema").asText()).isEqualTo("faultline-timeline");
        assertThat(json.path("title").asText()).isEqualTo("db1 freeze");
        assertThat(json.path("window").path("from").asText()).isEqualTo(EpochNanos.iso(range.fromNanos()));
        assertThat(json.path("events").size()).isEqualTo(view.data().index().count(range.fromNanos(), range.toNanos()));
        assertThat(json.path("annotations").size()).isEqualTo(3);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left").containsExactlyInAnyOrder("case.flcap", "case.json");
        }
    }

    @Test
    void aBundleIsNeverReplacedAndPngIsPreviewedAsAPicture(FxRobot robot) throws Exception {
        byte[] before = Files.readAllBytes(bundle);
        robot.interact(() -> view.state().brushedProperty().set(new TimeWindow(FROM + 1200 * S, FROM + 1500 * S)));
        robot.clickOn("#exportButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#exportRangeBrush").queryAs(javafx.scene.control.RadioButton.class).isDisabled()).isFalse();
        robot.interact(() -> robot.lookup("#exportOutput").queryAs(TextField.class).setText(bundle.toString()));
        robot.clickOn("#exportRun");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#exportStatus").queryAs(Label.class).getText()).contains("never replaces a bundle");
        assertThat(Files.readAllBytes(bundle)).isEqualTo(before);

        @SuppressWarnings("unchecked")
        ComboBox<ExportJob.Format> format = robot.lookup("#exportFormat").queryAs(ComboBox.class);
        robot.interact(() -> format.setValue(ExportJob.Format.PNG));
        robot.clickOn("#exportRangeBrush");
        CheckBox redact = robot.lookup("#exportRedact").queryAs(CheckBox.class);
        assertThat(redact.isDisabled()).as("a PNG can be redacted too").isFalse();
        assertThat(redact.isSelected()).as("off by default for a PNG").isFalse();
        assertThat(robot.lookup("#exportChainOnly").queryAs(CheckBox.class).isDisabled()).as("the chain alone, for png and svg").isFalse();
        ImageView picture = robot.lookup("#exportPreviewImage").queryAs(ImageView.class);
        Label summary = robot.lookup("#exportSummary").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> summary.getText().endsWith("(at scale 1.0)"));
        assertThat(summary.getText()).startsWith(view.data().index().count(FROM + 1200 * S, FROM + 1500 * S) + " events · 2 notes · 1 link in the range");
        assertThat(picture.getImage().getWidth()).as("the preview is drawn at half scale").isEqualTo(800);
        assertThat(picture.getImage().getHeight()).isEqualTo(500);
        Snapshots.saveWindow(robot, "exportDialog", "target/export-dialog-dark.png");
    }
}
