package io.faultline.app;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "open", mixinStandardHelpOptions = true,
        description = {"Open a capture bundle, or loose files (journal, docker inspect/events/ps, sadf/sar/iostat, dmesg), in the workbench.",
                "Loose files are first imported into a new bundle under the data folder, so notes on them are kept;",
                "--zone, --host-name and --format say how to read them, as for `faultline import`."})
final class OpenCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "a .flcap bundle, or files to import")
    List<Path> files;

    @Mixin
    ImportOptions options = new ImportOptions();

    @Mixin
    ThemeOption theme = new ThemeOption();

    @Override
    public Integer call() throws IOException {
        CaseLoader.INSTANCE.check(files, options);
        WorkbenchLauncher.open(files, options, theme.theme);
        return 0;
    }
}
