package io.faultline.app;

import io.faultline.ui.Theme;
import io.faultline.ui.WorkbenchApp;

import java.nio.file.Path;
import java.util.List;

/** Opens the window and returns when it is closed. */
final class WorkbenchLauncher {
    private WorkbenchLauncher() {
    }

    /** {@code theme} null: the one remembered in the preferences. */
    static void open(List<Path> inputs, ImportOptions options, Theme theme) {
        try {
            WorkbenchApp.launch(CaseLoader.title(inputs), l -> CaseLoader.INSTANCE.load(inputs, options, l), CaseLoader.INSTANCE,
                    DataDirs.workbenchPrefs(), theme);
        } catch (UnsupportedOperationException | IllegalStateException e) {
            throw new CliException("cannot open the workbench window: " + e.getMessage()
                    + ". On a machine without a display, use `faultline summary` or `faultline export --format html|json|png`.");
        }
    }
}
