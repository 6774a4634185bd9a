package io.faultline.ui;

import io.faultline.annotate.AnnotationStore;
import io.faultline.model.AnnotationLayer;
import io.faultline.model.AnnotationTarget;
import io.faultline.model.Event;
import io.faultline.model.TimeWindow;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Every action in the menus shows its shortcut the way users read it, and every key of the investigation view works. */
@ExtendWith(ApplicationExtension.class)
class KeysAndMenusTest {
    private static final long S = FixtureEvidence.S;
    private static final long MID = (FixtureEvidence.FROM + FixtureEvidence.TO) / 2;
    private WorkbenchView view;
    private AnnotationStore store;

    @BeforeAll
    static void headlessRobot() {
        System.setProperty("testfx.robot", "glass");
        FxToolkit.preferHeadless();
    }

    @Start
    void start(Stage stage) {
        store = new AnnotationStore(AnnotationLayer.empty(), "tester", Clock.fixed(Instant.parse("2026-01-02T10:00:00Z"), ZoneOffset.UTC));
        view = new WorkbenchView(FixtureEvidence.loaded(null), store);
        view.setOnOpen(() -> { });
        stage.setScene(new Scene(view.root(), 1600, 1000));
        stage.setX(0);
        stage.setY(0);
        stage.show();
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(view::close);
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    private static void await(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private InvestigationState state() {
        return view.state();
    }

    private MenuBar menuBar() {
        return (MenuBar) view.root().lookup("#menuBar");
    }

    @Test
    void everyMenuItemShowsItsShortcutAsUsersReadIt(FxRobot robot) throws Exception {
        Map<String, String> shown = fx(() -> {
            Map<String, String> out = new LinkedHashMap<>();
            for (Menu m : menuBar().getMenus()) {
                for (MenuItem i : m.getItems()) {
                    if (!(i instanceof SeparatorMenuItem) && !(i instanceof Menu)) {
                        out.put(m.getText() + " › " + i.getText(), i.getAccelerator() == null ? "" : i.getAccelerator().getDisplayText());
                    }
                }
            }
            return out;
        });
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("File › Open…", "Ctrl+O");
        expected.put("File › Export…", "Ctrl+E");
        expected.put("File › Preferences…", "Ctrl+,");
        expected.put("File › Quit", "Ctrl+Q");
        expected.put("Edit › Undo", "Ctrl+Z");
        expected.put("Edit › Redo", "Ctrl+Shift+Z");
        expected.put("Edit › Find…", "Ctrl+F");
        expected.put("Edit › Clear search", "Esc");
        expected.put("View › Zoom in", "+");
        expected.put("View › Zoom out", "-");
        expected.put("View › Whole window", "Ctrl+0");
        expected.put("View › Back", "Alt+←");
        expected.put("View › Forward", "Alt+→");
        expected.put("View › Pan left", "←");
        expected.put("View › Pan right", "→");
        expected.put("View › Page left", "Shift+←");
        expected.put("View › Page right", "Shift+→");
        expected.put("View › Collapse all lanes", "");
        expected.put("View › Expand all lanes", "");
        expected.put("View › Larger text", "Ctrl++");
        expected.put("View › Smaller text", "Ctrl+-");
        expected.put("View › Reset text size", "Ctrl+Shift+0");
        expected.put("View › Facet sidebar", "");
        expected.put("View › Notes panel", "");
        expected.put("View › Causal chain", "Ctrl+Shift+C");
        expected.put("Navigate › Next hit", "N");
        expected.put("Navigate › Previous hit", "Shift+N");
        expected.put("Navigate › Go to cursor", "C / Ctrl+J");
        expected.put("Navigate › Context ± lines", "X");
        assertThat(shown).containsExactlyEntriesOf(expected);

        robot.clickOn("View");
        WaitForAsyncUtils.waitForFxEvents();
        List<String> drawn = fx(() -> Window.getWindows().stream().filter(w -> w != view.root().getScene().getWindow() && w.isShowing())
                .flatMap(w -> w.getScene().getRoot().lookupAll(".accelerator-text").stream()).map(n -> ((Label) n).getText()).toList());
        assertThat(drawn).as("the accelerators drawn in the open View menu")
                .containsSubsequence("+", "-", "Ctrl+0", "Alt+←", "Alt+→", "←", "→", "Shift+←", "Shift+→", "Ctrl++", "Ctrl+-", "Ctrl+Shift+0")
                .doesNotContain("Plus", "Minus", "Escape", "Ctrl+Shift+=");
        robot.type(KeyCode.ESCAPE);
    }

    @Test
    void zoomPanBackAndWholeWindowKeys(FxRobot robot) throws Exception {
        robot.interact(() -> {
            state().setVisibleRange(MID - 300 * S, MID + 300 * S);
            state().clearHistory();
        });
        IoChart chart = view.ioCharts().getFirst();
        double x = TimePane.GUTTER + fx(chart::plotWidth) * 0.5;
        robot.clickOn(fx(() -> chart.localToScreen(x, 40)));

        robot.type(KeyCode.PLUS);
        assertThat(state().visibleRange().lengthNanos()).isEqualTo(300 * S);
        robot.type(KeyCode.MINUS);
        assertThat(state().visibleRange().lengthNanos()).isEqualTo(600 * S);
        robot.press(KeyCode.SHIFT).type(KeyCode.EQUALS).release(KeyCode.SHIFT);
        assertThat(state().visibleRange().lengthNanos()).as("Shift+= is + on a US keyboard").isEqualTo(300 * S);
        robot.type(KeyCode.ADD);
        assertThat(state().visibleRange().lengthNanos()).as("keypad +").isEqualTo(150 * S);
        robot.type(KeyCode.SUBTRACT);
        assertThat(state().visibleRange().lengthNanos()).as("keypad -").isEqualTo(300 * S);

        TimeWindow before = state().visibleRange();
        robot.type(KeyCode.RIGHT);
        assertThat(state().visibleRange()).isEqualTo(new TimeWindow(before.fromNanos() + 30 * S, before.toNanos() + 30 * S));
        robot.press(KeyCode.SHIFT).type(KeyCode.LEFT).release(KeyCode.SHIFT);
        assertThat(state().visibleRange()).isEqualTo(new TimeWindow(before.fromNanos() - 270 * S, before.toNanos() - 270 * S));

        robot.press(KeyCode.CONTROL, KeyCode.DIGIT0).release(KeyCode.DIGIT0, KeyCode.CONTROL);
        assertThat(state().visibleRange()).isEqualTo(state().fullWindow());
        robot.press(KeyCode.ALT, KeyCode.LEFT).release(KeyCode.LEFT, KeyCode.ALT);
        assertThat(state().visibleRange()).isEqualTo(new TimeWindow(before.fromNanos() - 270 * S, before.toNanos() - 270 * S));
        robot.press(KeyCode.ALT, KeyCode.RIGHT).release(KeyCode.RIGHT, KeyCode.ALT);
        assertThat(state().visibleRange()).isEqualTo(state().fullWindow());
    }

    @Test
    void searchKeysFindStepAndClear(FxRobot robot) throws Exception {
        String term = "Failed password";
        List<Integer> hits = new java.util.ArrayList<>();
        for (int i = 0; i < view.data().index().size(); i++) {
            if (view.data().index().message(i).contains(term)) {
                hits.add(i);
            }
        }
        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        assertThat(fx(() -> view.root().getScene().getFocusOwner())).isSameAs(view.searchBar().field());
        robot.write(term);
        await(() -> fx(() -> view.searchBar().count().getText()).equals(hits.size() + " hits"));

        robot.clickOn(fx(() -> view.axis().localToScreen(TimePane.GUTTER - 20, 10)));
        robot.interact(() -> state().setVisibleRange(state().fullWindow().fromNanos(), state().fullWindow().toNanos()));
        robot.type(KeyCode.N);
        assertThat(state().selectedIndex()).isEqualTo(hits.getFirst());
        robot.type(KeyCode.N);
        assertThat(state().selectedIndex()).isEqualTo(hits.get(1));
        robot.press(KeyCode.SHIFT).type(KeyCode.N).release(KeyCode.SHIFT);
        assertThat(state().selectedIndex()).isEqualTo(hits.getFirst());

        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(state().queryProperty().get()).as("Esc outside the field clears the search").isNull();
        assertThat(fx(() -> view.searchBar().field().getText())).isEmpty();
    }

    @Test
    void undoRedoGoToCursorAndContextKeys(FxRobot robot) throws Exception {
        Event line = view.data().index().event(40);
        robot.interact(() -> store.addNote(new AnnotationTarget.OnEvent(line.id(), line.timeNanos()), "a note", List.of()));
        robot.clickOn(fx(() -> view.axis().localToScreen(TimePane.GUTTER - 20, 10)));
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        await(() -> state().annotations().annotations().isEmpty());
        robot.press(KeyCode.CONTROL, KeyCode.Y).release(KeyCode.Y, KeyCode.CONTROL);
        await(() -> state().annotations().annotations().size() == 1);
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        await(() -> state().annotations().annotations().isEmpty());
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Z).release(KeyCode.Z, KeyCode.SHIFT, KeyCode.CONTROL);
        await(() -> state().annotations().annotations().size() == 1);

        long cursor = FixtureEvidence.FROM + 1500 * S;
        robot.interact(() -> {
            state().setVisibleRange(FixtureEvidence.FROM, FixtureEvidence.FROM + 120 * S);
            state().setCursor(cursor);
        });
        robot.type(KeyCode.C);
        assertThat(state().visibleRange().contains(cursor)).isTrue();
        assertThat(state().visibleRange().lengthNanos()).isEqualTo(120 * S);
        int nearest = view.data().index().nearest(cursor);
        assertThat(state().selectedIndex()).isEqualTo(nearest);

        robot.clickOn(fx(() -> view.axis().localToScreen(TimePane.GUTTER - 20, 10)));
        long later = FixtureEvidence.FROM + 200 * S;
        robot.interact(() -> state().setCursor(later));
        robot.press(KeyCode.CONTROL, KeyCode.J).release(KeyCode.J, KeyCode.CONTROL);
        assertThat(state().visibleRange().contains(later)).isTrue();
        assertThat(state().selectedIndex()).isEqualTo(view.data().index().nearest(later));

        robot.clickOn(fx(() -> view.axis().localToScreen(TimePane.GUTTER - 20, 10)));
        CheckMenuItem contextItem = fx(() -> (CheckMenuItem) menuBar().getMenus().stream().filter(m -> m.getText().equals("Navigate"))
                .flatMap(m -> m.getItems().stream()).filter(i -> "menu-context".equals(i.getId())).findFirst().orElseThrow());
        robot.type(KeyCode.X);
        assertThat(fx(() -> view.logTable().contextMode())).isTrue();
        assertThat(fx(contextItem::isSelected)).isTrue();
        assertThat(fx(() -> view.logTable().rows().size())).as("the selected line and 5 on each side")
                .isEqualTo(11);
        robot.type(KeyCode.X);
        assertThat(fx(() -> view.logTable().contextMode())).isFalse();
        assertThat(fx(contextItem::isSelected)).isFalse();
        robot.interact(contextItem::fire);
        assertThat(fx(() -> view.logTable().contextMode())).as("the menu item turns it on").isTrue();
        assertThat(fx(contextItem::isSelected)).isTrue();

        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        robot.type(KeyCode.X);
        assertThat(fx(() -> view.searchBar().field().getText())).as("X typed in the search field is the field's").isEqualTo("x");
        assertThat(fx(() -> view.logTable().contextMode())).isTrue();
    }

    @Test
    void textSizeKeysGrowAndShrinkTheTableAndTheDetailPane(FxRobot robot) throws Exception {
        robot.interact(() -> state().setVisibleRange(MID - 300 * S, MID + 300 * S));
        robot.clickOn(fx(() -> view.axis().localToScreen(TimePane.GUTTER - 20, 10)));
        Node cell = fx(() -> view.logTable().table().lookup(".table-cell"));
        double before = fx(() -> ((javafx.scene.control.Labeled) cell).getFont().getSize());

        robot.press(KeyCode.CONTROL, KeyCode.EQUALS).release(KeyCode.EQUALS, KeyCode.CONTROL);
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.EQUALS).release(KeyCode.EQUALS, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.textSizeProperty().get()).isEqualTo(1.2);
        assertThat(fx(() -> view.logTable().table().getFixedCellSize())).isEqualTo(Math.round(22 * 1.2));
        assertThat(fx(() -> view.eventDetail().fields().getFixedCellSize())).isEqualTo(Math.round(21 * 1.2));
        Node bigger = fx(() -> view.logTable().table().lookup(".table-cell"));
        assertThat(fx(() -> ((javafx.scene.control.Labeled) bigger).getFont().getSize())).isCloseTo(before * 1.2, org.assertj.core.data.Offset.offset(0.2));
        Node laneTitle = fx(() -> view.laneStack().lookup(".lane-title"));
        assertThat(fx(() -> ((Label) laneTitle).getFont().getSize())).isCloseTo(12.0, org.assertj.core.data.Offset.offset(0.2));
        assertThat(fx(() -> ((javafx.scene.layout.Region) view.laneStack().lookup(".lane-header")).getHeight())).as("the lane header grows with its text")
                .isGreaterThanOrEqualTo(14 * 1.2 - 0.5);
        Node toolbarButton = fx(() -> view.root().lookup("#resetZoom"));
        assertThat(fx(() -> ((javafx.scene.control.Labeled) toolbarButton).getFont().getSize())).as("the toolbar keeps its size").isEqualTo(12.0);

        robot.press(KeyCode.CONTROL, KeyCode.MINUS).release(KeyCode.MINUS, KeyCode.CONTROL);
        assertThat(view.textSizeProperty().get()).isEqualTo(1.1);
        for (int i = 0; i < 12; i++) {
            robot.press(KeyCode.CONTROL, KeyCode.EQUALS).release(KeyCode.EQUALS, KeyCode.CONTROL);
        }
        assertThat(view.textSizeProperty().get()).as("at most").isEqualTo(TextSize.MAX);
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.DIGIT0).release(KeyCode.DIGIT0, KeyCode.SHIFT, KeyCode.CONTROL);
        assertThat(view.textSizeProperty().get()).isEqualTo(1.0);
        assertThat(fx(() -> List.copyOf(view.root().getStylesheets()))).containsExactly(Theme.DARK.stylesheet());
        assertThat(state().visibleRange()).as("Ctrl+Shift+0 is not Ctrl+0").isNotEqualTo(state().fullWindow());
    }
}
