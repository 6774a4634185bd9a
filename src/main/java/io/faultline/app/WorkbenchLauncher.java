package io.faultline.app;

import io.faultline.ui.WorkbenchApp;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** Opens the window; the JVM then lives until the window closes. */
final class WorkbenchLauncher {
    private static final AtomicBoolean RUNNING = new AtomicBoolean();

    private WorkbenchLauncher() {
    }

    static void open(List<Path> inputs) {
        RUNNING.set(true);
        WorkbenchApp.launch(CaseLoader.title(inputs), () -> CaseLoader.load(inputs));
    }

    static boolean isRunning() {
        return RUNNING.get();
    }
}
