package io.faultline.ui;

import io.faultline.annotate.AnnotationStore;
import io.faultline.model.Annotation;
import io.faultline.model.AnnotationLayer;
import io.faultline.model.CausalLink;
import io.faultline.model.Event;
import io.faultline.model.Evidence;
import io.faultline.model.LinkType;
import javafx.scene.control.Label;
import java.util.List;
import io.faultline.model.TimeWindow;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.image.PixelReader;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import javafx.scene.shape.Path;
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

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import static io.faultline.ui.FixtureEvidence.FROM;
import static io.faultline.ui.FixtureEvidence.S;
import static org.assertj.core.api.Assertions.assertThat;

/** The causal chain panel on the fixture's four notes and two links: select, jump, highlight, edit, undo. */
@ExtendWith(ApplicationExtension.class)
class ChainPanelTest {
    @TempDir
    java.nio.file.Path dir;
    private AnnotationStore store;
    private WorkbenchView view;
    private Evidence evidence;

    @BeforeAll
    static void headlessRobot() {
        System.setProperty("testfx.robot", "glass");
        FxToolkit.preferHeadless();
    }

    @Start
    void start(Stage stage) throws Exception {
        java.nio.file.Path bundle = FixtureEvidence.writeBundle(dir.resolve("case.flcap"));
        evidence = FixtureEvidence.evidence();
        AnnotationLayer layer = FixtureEvidence.annotated(evidence);
        store = new AnnotationStore(layer, "tester", Clock.fixed(Instant.parse("2026-01-02T10:00:00Z"), ZoneOffset.UTC));
        view = new WorkbenchView(new LoadedCase(bundle, evidence, layer), store);
        stage.setScene(new Scene(view.root(), 1600, 1000));
        stage.setX(0);
        stage.setY(0);
        stage.show();
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(view::close);
    }

    private InvestigationState state() {
        return view.state();
    }

    private Annotation note(String id) {
        return store.annotation(id).orElseThrow();
    }

    @Test
    void theGraphHoldsTheNotesInTimeOrderAndTheLinksWithTheirTypes(FxRobot robot) throws Exception {
        ChainPanel chain = view.chainPanel();
        assertThat(view.chainShown()).isTrue();
        assertThat(chain.chainLayout().rows()).extracting(r -> r.annotation().id()).containsExactly("n1", "n2", "n3", "n4");
        for (String id : new String[]{"n1", "n2", "n3", "n4", "l1", "l2"}) {
            assertThat(chain.nodeOf(id)).as(id).isNotNull();
        }
        assertThat(edge("l1").getStyleClass()).contains("link-causes");
        assertThat(edge("l2").getStyleClass()).contains("link-contributes-to");
        assertThat(((javafx.scene.control.Label) chain.nodeOf("label-l1")).getText()).startsWith("causes");
        Snapshots.save(robot, "target/chain-panel-dark.png");
        robot.interact(() -> view.setTheme(Theme.LIGHT));
        Snapshots.save(robot, "target/chain-panel-light.png");
    }

    @Test
    void selectingANoteGoesToItOnTheTimelineAndTheLogTableIsAtIt(FxRobot robot) {
        robot.interact(() -> state().setVisibleRange(FROM, FROM + 60 * S));
        Annotation watchdog = note("n4");
        assertThat(state().visibleRange().contains(watchdog.target().startNanos())).isFalse();

        robot.clickOn(view.chainPanel().nodeOf("n4"));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(state().visibleRange().contains(watchdog.target().startNanos())).isTrue();
        assertThat(state().cursor()).isEqualTo(watchdog.target().startNanos());
        Event selected = view.logTable().table().getSelectionModel().getSelectedItem();
        assertThat(selected).isNotNull();
        assertThat(selected.message()).contains("Watchdog timeout");
        assertThat(state().selectedEvent().id()).isEqualTo(selected.id());
        assertThat(state().highlighted()).containsExactly("n4");

        Annotation range = note("n2");
        robot.clickOn(view.chainPanel().nodeOf("n2"));
        WaitForAsyncUtils.waitForFxEvents();
        TimeWindow shown = state().visibleRange();
        assertThat(shown.contains(range.target().startNanos()) && shown.contains(range.target().endNanos())).isTrue();
        Event atRange = view.logTable().table().getSelectionModel().getSelectedItem();
        assertThat(atRange).isNotNull();
        int nearest = view.data().index().nearest(range.target().startNanos());
        assertThat(atRange.id()).isEqualTo(view.data().index().event(nearest).id());
        assertThat(state().highlighted()).containsExactly("n2");

        robot.clickOn(view.chainPanel().nodeOf("n3"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(state().selectedSpan()).isNotNull();
        assertThat(state().selectedSpan().startNanos()).isEqualTo(note("n3").target().startNanos());
        assertThat(state().selectedSpan().exitCode()).isEqualTo(-1);
    }

    @Test
    void selectingALinkHighlightsBothEndsOnTheTimeline(FxRobot robot) throws Exception {
        robot.interact(() -> state().setVisibleRange(FROM, FROM + 60 * S));
        Annotation cause = note("n2");
        Annotation effect = note("n3");

        robot.clickOn(view.chainPanel().nodeOf("label-l1"));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(state().highlighted()).containsExactlyInAnyOrder("l1", "n2", "n3");
        TimeWindow shown = state().visibleRange();
        assertThat(shown.contains(cause.target().startNanos())).isTrue();
        assertThat(shown.contains(effect.target().startNanos())).isTrue();
        assertThat(((javafx.scene.control.Label) view.root().lookup("#chainDetail")).getText()).contains("causes").contains("IO stall starves the probe");
        // both ends drawn highlighted: the large note marker reaches 7 px right of each note's time, the plain one 5 px
        HealthLane lane = view.healthLane();
        PixelReader pixels = snapshot(lane);
        Color note = state().palette().note();
        for (Annotation a : new Annotation[]{cause, effect}) {
            int x = (int) Math.round(lane.x(a.target().startNanos()) + 7);
            assertThat(close(pixels.getColor(x, 1), note)).as("marker of %s at x=%d", a.id(), x).isTrue();
        }
        robot.clickOn(view.chainPanel().nodeOf("n1"));
        WaitForAsyncUtils.waitForFxEvents();
        PixelReader after = snapshot(lane);
        int x3 = (int) Math.round(lane.x(effect.target().startNanos()) + 7);
        if (state().visibleRange().contains(effect.target().startNanos())) {
            assertThat(close(after.getColor(x3, 1), note)).as("not highlighted once another note is selected").isFalse();
        }
    }

    @Test
    void editsFromThePanelAreUndoableAndTheEditMenuSaysWhat(FxRobot robot) {
        robot.clickOn(view.chainPanel().nodeOf("n1"));
        robot.clickOn("#chainEdit");
        robot.clickOn("#noteText").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL).write("mount line = the healthcheck exec");
        robot.clickOn("#noteOk");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(note("n1").note()).isEqualTo("mount line = the healthcheck exec");
        assertThat(note("n1").tags()).containsExactly("cadence", "healthcheck");
        assertThat(menuItem("menu-undo").getText()).isEqualTo("Undo Edit note n1");

        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(note("n1").note()).startsWith("runc mount line every 30 s");
        assertThat(menuItem("menu-redo").getText()).isEqualTo("Redo Edit note n1");
        robot.press(KeyCode.CONTROL, KeyCode.Y).release(KeyCode.Y, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(note("n1").note()).isEqualTo("mount line = the healthcheck exec");

        robot.clickOn(view.chainPanel().nodeOf("label-l2"));
        robot.clickOn("#chainDelete");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(store.snapshot().links()).extracting(CausalLink::id).containsExactly("l1");
        assertThat(view.chainPanel().nodeOf("l2")).isNull();
        assertThat(menuItem("menu-undo").getText()).isEqualTo("Undo Remove link l2");
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Z).release(KeyCode.Z, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(store.snapshot().links()).extracting(CausalLink::id).containsExactly("l1");
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(store.snapshot().links()).extracting(CausalLink::id).containsExactly("l1", "l2");

        robot.clickOn(view.chainPanel().nodeOf("n1"));
        robot.clickOn("#chainLink");
        robot.clickOn("#linkType");
        robot.clickOn("ruled out");
        robot.clickOn("#linkNote").write("the mount lines go on after the freeze");
        robot.clickOn("#linkOk");
        WaitForAsyncUtils.waitForFxEvents();
        CausalLink ruledOut = store.snapshot().links().getLast();
        assertThat(ruledOut.fromId()).isEqualTo("n1");
        assertThat(ruledOut.type()).isEqualTo(LinkType.RULED_OUT);
        assertThat(edge(ruledOut.id()).getStyleClass()).contains("link-ruled-out");
        assertThat(edge(ruledOut.id()).getStrokeDashArray()).isNotEmpty();

        robot.clickOn(view.chainPanel().nodeOf("label-" + ruledOut.id()));
        robot.clickOn("#chainEdit");
        robot.clickOn("#linkType");
        robot.clickOn("precedes");
        robot.clickOn("#linkOk");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(store.snapshot().links().getLast().type()).isEqualTo(LinkType.PRECEDES);
        assertThat(store.snapshot().links().getLast().note()).isEqualTo("the mount lines go on after the freeze");
        assertThat(menuItem("menu-undo").getText()).isEqualTo("Undo Edit link " + ruledOut.id() + " (precedes)");
    }

    @Test
    void theFirstNoteAsksForTheAuthorOnceAndSignsWithIt(FxRobot robot) {
        robot.interact(() -> view.authorProperty().set(""));
        robot.clickOn("#chainNote");
        robot.lookup("#authorName").query();
        robot.clickOn("#authorName").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL).write("Ada");
        robot.clickOn("#preferencesOk");
        robot.clickOn("#noteText").write("a note on the visible range");
        robot.clickOn("#noteOk");
        WaitForAsyncUtils.waitForFxEvents();
        Annotation added = store.snapshot().annotations().getLast();
        assertThat(added.note()).isEqualTo("a note on the visible range");
        assertThat(added.author()).isEqualTo("Ada");
        assertThat(view.authorProperty().get()).isEqualTo("Ada");

        robot.clickOn("#chainNote");
        assertThat(robot.lookup("#authorName").tryQuery()).as("asked once").isEmpty();
        robot.clickOn("#noteText").write("second");
        robot.clickOn("#noteOk");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(store.snapshot().annotations().getLast().author()).isEqualTo("Ada");
    }

    @Test
    void theViewMenuAndItsKeyShowAndHideTheChain(FxRobot robot) {
        robot.clickOn(view.logTable());
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.C).release(KeyCode.C, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.chainShown()).isFalse();
        assertThat(view.chainPanel().getScene()).isNull();
        robot.interact(() -> view.setNotesShown(false));
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.C).release(KeyCode.C, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.chainShown()).isTrue();
        assertThat(view.notesShown()).isTrue();
        assertThat(menuItem("menu-chain").getAccelerator().getDisplayText()).isNotBlank();
    }

    private Path edge(String linkId) {
        Group g = (Group) view.chainPanel().nodeOf(linkId);
        return (Path) g.getChildren().getFirst();
    }

    private MenuItem menuItem(String id) {
        MenuBar bar = (MenuBar) view.root().lookup("#menuBar");
        AtomicReference<MenuItem> found = new AtomicReference<>();
        bar.getMenus().forEach(m -> m.getItems().stream().filter(i -> id.equals(i.getId())).findFirst().ifPresent(found::set));
        assertThat(found.get()).as(id).isNotNull();
        return found.get();
    }

    private static PixelReader snapshot(Node node) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> node.snapshot(null, null)).get().getPixelReader();
    }

    private static boolean close(Color a, Color b) {
        return Math.abs(a.getRed() - b.getRed()) < 0.08 && Math.abs(a.getGreen() - b.getGreen()) < 0.08
                && Math.abs(a.getBlue() - b.getBlue()) < 0.08;
    }

    @Test
    void aCauseNotedAfterItsEffectIsWarnedOnItsLabel(FxRobot robot) throws Exception {
        List<Annotation> byTime = store.snapshot().annotations().stream()
                .sorted(java.util.Comparator.comparingLong((Annotation a) -> a.target().startNanos())).toList();
        Annotation first = byTime.getFirst();
        Annotation last = byTime.getLast();
        assertThat(last.target().startNanos()).isGreaterThan(first.target().startNanos() + 1_000_000_000L);
        CausalLink late = WaitForAsyncUtils.asyncFx(() -> store.link(last.id(), first.id(), LinkType.CAUSES, "")).get();
        CausalLink fine = WaitForAsyncUtils.asyncFx(() -> store.link(first.id(), last.id(), LinkType.CAUSES, "")).get();
        WaitForAsyncUtils.waitForFxEvents();
        Label warned = robot.lookup("#chain-label-" + late.id()).queryAs(Label.class);
        assertThat(warned.getText()).startsWith("⚠ causes");
        assertThat(warned.getStyleClass()).contains("chain-warning");
        assertThat(robot.lookup("#chain-label-" + fine.id()).queryAs(Label.class).getText()).isEqualTo("causes");
    }
}
