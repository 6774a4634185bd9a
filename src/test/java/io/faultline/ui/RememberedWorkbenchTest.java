package io.faultline.ui;

import io.faultline.ingest.FileImporter;
import io.faultline.ingest.IngestListener;
import javafx.scene.Parent;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SplitPane;
import javafx.stage.Stage;
import javafx.stage.Window;
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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The window opens as it was left: theme, place, dividers, panels; File > Open Recent lists the bundles opened. */
@ExtendWith(ApplicationExtension.class)
class RememberedWorkbenchTest {
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

    @Test
    void opensAsLeftListsRecentBundlesAndRemembersTheThemeChosen(FxRobot robot) throws Exception {
        Path bundle = FixtureEvidence.writeBundle(dir.resolve("case.flcap"));
        Path gone = dir.resolve("gone.flcap");
        Path prefsFile = dir.resolve("config/workbench.json");
        WorkbenchPrefs.defaults().withTheme(Theme.LIGHT)
                .withLayout(new WorkbenchPrefs.Place(30, 20, 1400, 900, false), new WorkbenchPrefs.Dividers(0.45, 0.7, 0.2), true, false)
                .withOpened(gone).save(prefsFile);
        CaseOpener opener = new CaseOpener() {
            @Override
            public LoadedCase openBundle(Path b, IngestListener listener) {
                return FixtureEvidence.loaded(b);
            }

            @Override
            public LoadedCase importFiles(FileImporter.Request request, IngestListener listener) {
                throw new UnsupportedOperationException("this test opens bundles only");
            }
        };
        CompletableFuture<Void> launched = CompletableFuture.runAsync(() -> WorkbenchApp.launch("case.flcap",
                l -> FixtureEvidence.loaded(bundle), opener, owner -> List.of(), prefsFile, null));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(robot, () -> workbench() != null && String.valueOf(workbench().getTitle()).startsWith("Faultline — ")
                && workbench().getScene().getRoot().lookup("#logTable") != null));

        Stage stage = fx(robot, this::workbench);
        assertThat(fx(robot, () -> List.copyOf(stage.getScene().getRoot().getStylesheets()))).containsExactly(Theme.LIGHT.stylesheet());
        assertThat(fx(robot, () -> new double[] {stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight()}))
                .containsExactly(30, 20, 1400, 900);
        assertThat(fx(robot, () -> stage.getScene().getRoot().lookup(".annotation-panel"))).as("notes panel hidden").isNull();
        assertThat(fx(robot, () -> ((SplitPane) stage.getScene().getRoot().lookup(".split-pane:vertical")).getDividerPositions()[0]))
                .isCloseTo(0.45, org.assertj.core.data.Offset.offset(0.01));

        Snapshots.save(robot, "target/window-light.png");
        Menu recent = fx(robot, () -> (Menu) menu(stage, "File").getItems().stream().filter(i -> "menuRecent".equals(i.getId()))
                .findFirst().orElseThrow());
        List<MenuItem> items = fx(robot, () -> {
            recent.getOnShowing().handle(null);
            return List.copyOf(recent.getItems());
        });
        assertThat(items.get(0).getText()).startsWith("case.flcap").doesNotContain("missing");
        assertThat(items.get(0).isDisable()).isFalse();
        assertThat(items.get(1).getText()).startsWith("gone.flcap").endsWith("(missing)");
        assertThat(items.get(1).isDisable()).as("a bundle that is gone").isTrue();

        RadioMenuItem dark = fx(robot, () -> (RadioMenuItem) menu(stage, "View").getItems().stream()
                .filter(i -> "themeDark".equals(i.getId())).findFirst().orElseThrow());
        robot.interact(dark::fire);
        assertThat(fx(robot, () -> List.copyOf(stage.getScene().getRoot().getStylesheets()))).containsExactly(Theme.DARK.stylesheet());
        List<List<String>> sheets = fx(robot, () -> stage.getScene().getRoot().lookupAll(".workbench").stream()
                .map(n -> List.copyOf(((Parent) n).getStylesheets())).toList());
        assertThat(sheets).as("the window, its content and the case shown").hasSize(3)
                .allSatisfy(s -> assertThat(s).containsExactly(Theme.DARK.stylesheet()));

        Snapshots.save(robot, "target/window-dark.png");
        robot.interact(stage::hide);
        launched.get(10, TimeUnit.SECONDS);
        WorkbenchPrefs saved = WorkbenchPrefs.load(prefsFile);
        assertThat(saved.theme()).isEqualTo(Theme.DARK);
        assertThat(saved.recent()).containsExactly(bundle.toAbsolutePath(), gone);
        assertThat(saved.window()).isEqualTo(new WorkbenchPrefs.Place(30, 20, 1400, 900, false));
        assertThat(saved.notes()).isFalse();
        assertThat(saved.dividers().lanes()).isCloseTo(0.45, org.assertj.core.data.Offset.offset(0.01));
        assertThat(Files.readString(prefsFile)).contains("\"theme\" : \"dark\"");
    }

    @Test
    void theLanesOrderCollapsedLanesAndTextSizeComeBackAsLeft(FxRobot robot) throws Exception {
        Path bundle = FixtureEvidence.writeBundle(dir.resolve("case.flcap"));
        Path prefsFile = dir.resolve("config/workbench.json");
        WorkbenchPrefs.defaults()
                .withLanes(new WorkbenchPrefs.Lanes(List.of("ssh", "io-sdb", "io-vda", "health"), List.of("health", "io-vda")))
                .withTextSize(1.3).save(prefsFile);
        CompletableFuture<Void> launched = CompletableFuture.runAsync(() -> WorkbenchApp.launch("case.flcap",
                l -> FixtureEvidence.loaded(bundle), null, owner -> List.of(), prefsFile, null));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(robot, () -> workbench() != null && String.valueOf(workbench().getTitle()).startsWith("Faultline — ")
                && workbench().getScene().getRoot().lookup("#logTable") != null));
        Stage stage = fx(robot, this::workbench);
        LaneStack lanes = fx(robot, () -> (LaneStack) stage.getScene().getRoot().lookup(".lane-stack"));

        assertThat(fx(robot, () -> List.copyOf(lanes.order()))).as("the lanes named in their order, the others after the lane they followed")
                .containsExactly("density", "ssh", "io-sdb", "lifecycle", "health", "io-sda");
        assertThat(fx(robot, () -> java.util.Set.copyOf(lanes.collapsed()))).containsExactly("health");
        assertThat(fx(robot, () -> ((javafx.scene.control.TableView<?>) stage.getScene().getRoot().lookup("#logTable")).getFixedCellSize()))
                .as("rows for text at 130 %").isEqualTo(29.0);

        robot.interact(() -> {
            lanes.setCollapsed("density", true);
            lanes.setCollapsed("health", false);
            lanes.move("io-sda", -5);
        });
        MenuItem smaller = fx(robot, () -> menu(stage, "View").getItems().stream().filter(i -> "menu-textSmaller".equals(i.getId()))
                .findFirst().orElseThrow());
        robot.interact(smaller::fire);
        assertThat(fx(robot, () -> ((javafx.scene.control.TableView<?>) stage.getScene().getRoot().lookup("#logTable")).getFixedCellSize()))
                .isEqualTo(26.0);

        robot.interact(stage::hide);
        launched.get(10, TimeUnit.SECONDS);
        WorkbenchPrefs saved = WorkbenchPrefs.load(prefsFile);
        assertThat(saved.lanes().order()).as("a lane this case does not have keeps its place in the list")
                .containsExactly("io-sda", "density", "ssh", "io-sdb", "lifecycle", "health", "io-vda");
        assertThat(saved.lanes().collapsed()).containsExactly("density", "io-vda");
        assertThat(saved.textSize()).isEqualTo(1.2);
        assertThat(Files.readString(prefsFile)).contains("\"textSize\" : 1.2");
    }

    private Stage workbench() {
        return Window.getWindows().stream().filter(w -> w instanceof Stage s && s.getScene() != null
                        && s.getScene().getRoot().lookup("#menuBar") != null)
                .map(w -> (Stage) w).findFirst().orElse(null);
    }

    private static Menu menu(Stage stage, String name) {
        MenuBar bar = (MenuBar) ((Parent) stage.getScene().getRoot()).lookup("#menuBar");
        return bar.getMenus().stream().filter(m -> m.getText().equals(name)).findFirst().orElseThrow();
    }

    private static <T> T fx(FxRobot robot, Supplier<T> read) {
        AtomicReference<T> out = new AtomicReference<>();
        robot.interact(() -> out.set(read.get()));
        return out.get();
    }
}
