package io.faultline.app;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;

@Command(name = "open", mixinStandardHelpOptions = true,
        description = {"Open a capture bundle, or loose files (journal, docker inspect/events/ps, sadf/sar/iostat, dmesg), in the workbench.",
                "Loose files are first imported into a new bundle under the data folder, so notes on them are kept;",
                "--zone, --host-name and --format say how to read them, as for `faultline import`."})
final class OpenCommand implements Runnable {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "a .flcap bundle, or files to import")
    List<Path> files;

    @Mixin
    ImportOptions options = new ImportOptions();

    @Override
    public void run() {
        UserPaths.requireReadableFiles(files);
        WorkbenchLauncher.open(files, options);
    }
}
