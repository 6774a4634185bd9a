package io.faultline.ui;

import io.faultline.capture.BundleFormatException;
import io.faultline.model.Evidence;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ApplicationExtension.class)
class WorkbenchAppTest {
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
    void showsProgressThenTheWorkbenchAndReturnsWhenClosed(FxRobot robot) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> launched = CompletableFuture.runAsync(() -> WorkbenchApp.launch("fixture", l -> {
            release.await();
            return FixtureEvidence.loaded(null);
        }, null));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !robot.lookup(".progress-indicator").queryAll().isEmpty());
        assertThat(robot.lookup(".loading-label").queryAs(Label.class).getText()).isEqualTo("Opening fixture …");
        release.countDown();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !robot.lookup("#logTable").queryAll().isEmpty());
        assertThat(robot.lookup("#eventsInView").queryAs(Label.class).getText()).isEqualTo("236 / 236 events in view");

        closeWorkbenchWindow(robot);
        launched.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aLoaderFailureIsShownInTheWindowWithItsMessage(FxRobot robot) throws Exception {
        CompletableFuture<Void> launched = CompletableFuture.runAsync(() -> WorkbenchApp.launch("broken.flcap", l -> {
            throw new BundleFormatException("broken.flcap: not a Faultline bundle (no manifest.json inside)");
        }, null));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !robot.lookup("#failureMessage").queryAll().isEmpty());
        assertThat(robot.lookup("#failureMessage").queryAs(Label.class).getText())
                .isEqualTo("broken.flcap: not a Faultline bundle (no manifest.json inside)");
        assertThat(robot.lookup(".failure-title").queryAs(Label.class).getText()).isEqualTo("Could not open broken.flcap");

        closeWorkbenchWindow(robot);
        launched.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aLargeCaseShowsItsFirstScreenWhileItLoadsAndCanBeCancelled(FxRobot robot) throws Exception {
        LoadedCase fixture = FixtureEvidence.loaded(null);
        Evidence all = fixture.evidence();
        Evidence firstHundred = new Evidence(all.window(), all.hosts(), all.events().subList(0, 100), all.spans(), all.series(),
                all.containers(), all.sources(), all.diagnostics());
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> launched = CompletableFuture.runAsync(() -> WorkbenchApp.launch("big.flcap", l -> {
            l.progress(100L << 20, 400L << 20, 100);
            l.preview(firstHundred);
            while (!l.cancelled() && !release.await(20, TimeUnit.MILLISECONDS)) {
                l.progress(200L << 20, 400L << 20, 150);
            }
            if (l.cancelled()) {
                throw new java.util.concurrent.CancellationException();
            }
            return fixture;
        }, null));
        waitForText(robot, "#eventsInView", "100 / 100 events in view");
        waitForText(robot, ".loading-label", "Reading 200 of 400 MB · 150 events");
        assertThat(robot.lookup(".progress-bar").queryAs(javafx.scene.control.ProgressBar.class).getProgress()).isEqualTo(0.5);
        Snapshots.save(robot, "target/first-screen.png");

        robot.clickOn("#cancelOpen");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !robot.lookup("#openCancelled").queryAll().isEmpty());
        assertThat(robot.lookup("#eventsInView").queryAll()).isEmpty();
        closeAll(robot);
        launched.get(10, TimeUnit.SECONDS);
    }

    @Test
    void theFullCaseReplacesTheFirstScreenWhenItIsRead(FxRobot robot) throws Exception {
        LoadedCase fixture = FixtureEvidence.loaded(null);
        Evidence all = fixture.evidence();
        Evidence firstTen = new Evidence(all.window(), all.hosts(), all.events().subList(0, 10), all.spans(), all.series(),
                all.containers(), all.sources(), all.diagnostics());
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> launched = CompletableFuture.runAsync(() -> WorkbenchApp.launch("big.flcap", l -> {
            l.preview(firstTen);
            release.await();
            return fixture;
        }, null));
        waitForText(robot, "#eventsInView", "10 / 10 events in view");
        release.countDown();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> robot.lookup(".loading-overlay").queryAll().isEmpty()).get());
        waitForText(robot, "#eventsInView", "236 / 236 events in view");
        closeWorkbenchWindow(robot);
        launched.get(10, TimeUnit.SECONDS);
    }

    private static void waitForText(FxRobot robot, String query, String text) throws java.util.concurrent.TimeoutException {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> robot.lookup(query).queryAll().stream()
                .anyMatch(n -> n instanceof Label l && text.equals(l.getText()))).get());
    }

    private static void closeAll(FxRobot robot) {
        robot.interact(() -> Window.getWindows().stream()
                .filter(w -> w instanceof Stage s && s.getScene() != null && s.getScene().getRoot().getStyleClass().contains("workbench"))
                .toList().forEach(Window::hide));
    }

    private static void closeWorkbenchWindow(FxRobot robot) {
        robot.interact(() -> Window.getWindows().stream()
                .filter(w -> w instanceof Stage s && s.getTitle() != null && s.getTitle().startsWith("Faultline — "))
                .toList().forEach(Window::hide));
    }
}
