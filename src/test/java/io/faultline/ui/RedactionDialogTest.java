package io.faultline.ui;

import io.faultline.export.Redaction;
import io.faultline.export.Redactor;
import io.faultline.model.Evidence;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The redaction dialog: the proposed terms, keeping one, adding one's own, the result; pictures in both themes. */
@ExtendWith(ApplicationExtension.class)
class RedactionDialogTest {
    private Stage stage;

    @BeforeAll
    static void headlessRobot() {
        System.setProperty("testfx.robot", "glass");
        FxToolkit.preferHeadless();
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(), 900, 700));
        stage.show();
    }

    private static Redaction proposed() {
        Evidence ev = FixtureEvidence.evidence();
        return Redactor.propose(ev, FixtureEvidence.annotated(ev), "ubuntu freeze", Redactor.Known.none(), List.of());
    }

    @Test
    void keepsARemovedTermAddsOwnTermsAndReturnsTheEditedRedaction(FxRobot robot) throws Exception {
        Redaction proposed = proposed();
        assertThat(proposed.terms()).extracting(Redaction.Term::original).contains("ubuntu");
        String firstAddress = proposed.terms().stream().filter(t -> t.kind() == Redaction.Kind.IP).findFirst().orElseThrow().original();
        AtomicReference<Optional<Redaction>> result = new AtomicReference<>();
        AtomicReference<RedactionDialog> dialog = new AtomicReference<>();
        robot.interact(() -> {
            RedactionDialog d = new RedactionDialog(stage, proposed);
            d.setOnHidden(e -> result.set(Optional.ofNullable(d.getResult())));
            dialog.set(d);
            d.show();
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !robot.lookup("#redactionTerms").queryAll().isEmpty());
        @SuppressWarnings("unchecked")
        TableView<Redaction.Term> table = robot.lookup("#redactionTerms").queryAs(TableView.class);
        assertThat(table.getItems()).isEqualTo(proposed.terms());
        assertThat(robot.lookup("#redactionSummary").queryAs(Label.class).getText()).startsWith(proposed.terms().size() + " terms: ");
        assertThat(robot.lookup("#redactionKeep").queryAs(Node.class).isDisabled()).isTrue();

        int row = indexOf(table, firstAddress);
        robot.interact(() -> table.getSelectionModel().select(row));
        robot.clickOn("#redactionKeep");
        assertThat(table.getItems()).extracting(Redaction.Term::original).doesNotContain(firstAddress).contains("ubuntu");
        assertThat(dialog.get().redaction().placeholder(firstAddress)).isNull();

        robot.clickOn("#redactionOwnTerm").write("Project Falcon");
        robot.clickOn("#redactionAdd");
        assertThat(robot.lookup("#redactionOwnTerm").queryAs(TextField.class).getText()).isEmpty();
        Redaction.Term own = table.getItems().getLast();
        assertThat(own.original()).isEqualTo("Project Falcon");
        assertThat(own.placeholder()).isEqualTo("term-1");
        assertThat(own.kind()).isEqualTo(Redaction.Kind.TERM);

        robot.interact(() -> table.getSelectionModel().select(indexOf(table, "ubuntu")));
        saveDialog(robot, "docs/export-redaction-dark.png");

        robot.clickOn("#redactionOk");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> result.get() != null);
        Redaction edited = result.get().orElseThrow();
        assertThat(edited.placeholder(firstAddress)).isNull();
        assertThat(edited.placeholder("Project Falcon")).isEqualTo("term-1");
        assertThat(edited.placeholder("ubuntu")).isEqualTo(proposed.placeholder("ubuntu"));
        assertThat(edited.apply("Project Falcon on ubuntu, " + firstAddress))
                .isEqualTo("term-1 on " + proposed.placeholder("ubuntu") + ", " + firstAddress);
    }

    @Test
    void cancellingGivesNothingAndTheLightThemeFollowsTheOwner(FxRobot robot) throws Exception {
        robot.interact(() -> stage.getScene().getRoot().getStylesheets().setAll(Theme.LIGHT.stylesheet()));
        AtomicReference<Optional<Redaction>> result = new AtomicReference<>();
        robot.interact(() -> {
            RedactionDialog d = new RedactionDialog(stage, proposed());
            d.setOnHidden(e -> result.set(Optional.ofNullable(d.getResult())));
            d.show();
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !robot.lookup("#redactionTerms").queryAll().isEmpty());
        assertThat(robot.lookup("#redactionTerms").queryAs(TableView.class).getScene().getRoot().getStylesheets())
                .containsExactly(Theme.LIGHT.stylesheet());
        robot.interact(() -> robot.lookup("#redactionTerms").queryAs(TableView.class).getSelectionModel().select(0));
        saveDialog(robot, "docs/export-redaction-light.png");
        robot.press(javafx.scene.input.KeyCode.ESCAPE).release(javafx.scene.input.KeyCode.ESCAPE);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> result.get() != null);
        assertThat(result.get()).isEmpty();
    }

    private static int indexOf(TableView<Redaction.Term> table, String original) {
        for (int i = 0; i < table.getItems().size(); i++) {
            if (table.getItems().get(i).original().equals(original)) {
                return i;
            }
        }
        throw new AssertionError(original + " not in the table");
    }

    private static void saveDialog(FxRobot robot, String file) throws Exception {
        AtomicReference<WritableImage> image = new AtomicReference<>();
        robot.interact(() -> image.set(robot.lookup("#redactionTerms").queryAs(TableView.class).getScene().snapshot(null)));
        Path out = Path.of(file);
        Files.createDirectories(out.toAbsolutePath().getParent());
        ImageIO.write(SwingFXUtils.fromFXImage(image.get(), null), "png", out.toFile());
    }
}
