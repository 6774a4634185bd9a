package io.faultline.app;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;

/** {@code faultline} with no verb: open the workbench on the bundled sample capture. */
@Command(name = "faultline", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Incident workbench: capture evidence over SSH, see it on one timeline, annotate, export, replay.",
                "With no command, opens the workbench on the bundled sample capture."})
final class FaultlineCommand implements Runnable {
    @Mixin
    ThemeOption theme = new ThemeOption();

    @Override
    public void run() {
        WorkbenchLauncher.open(List.of(Sample.path()), new ImportOptions(), theme.theme);
    }
}
