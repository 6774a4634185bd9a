package io.faultline.ui;

import io.faultline.capture.BundleFormatException;
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
        CompletableFuture<Void> launched = CompletableFuture.runAsync(() -> WorkbenchApp.launch("fixture", () -> {
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
        CompletableFuture<Void> launched = CompletableFuture.runAsync(() -> WorkbenchApp.launch("broken.flcap", () -> {
            throw new BundleFormatException("broken.flcap: not a Faultline bundle (no manifest.json inside)");
        }, null));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !robot.lookup("#failureMessage").queryAll().isEmpty());
        assertThat(robot.lookup("#failureMessage").queryAs(Label.class).getText())
                .isEqualTo("broken.flcap: not a Faultline bundle (no manifest.json inside)");
        assertThat(robot.lookup(".failure-title").queryAs(Label.class).getText()).isEqualTo("Could not open broken.flcap");

        closeWorkbenchWindow(robot);
        launched.get(10, TimeUnit.SECONDS);
    }

    private static void closeWorkbenchWindow(FxRobot robot) {
        robot.interact(() -> Window.getWindows().stream()
                .filter(w -> w instanceof Stage s && s.getTitle() != null && s.getTitle().startsWith("Faultline — "))
                .toList().forEach(Window::hide));
    }
}
