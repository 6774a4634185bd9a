package io.faultline.app;

import io.faultline.ingest.FileImporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Make a capture bundle from files you already have; each file's format is detected by its content.")
final class ImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "journal text, JSON or export; docker inspect, events or ps; sadf -j, sar or iostat output; /proc samples; dmesg")
    List<Path> files;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.flcap", description = "bundle to write")
    Path output;

    @Mixin
    ImportOptions options = new ImportOptions();

    @Option(names = "--since", paramLabel = "T", description = "incident window start: ISO-8601 with offset, epoch seconds or -30m; gives yearless lines their year")
    String since;

    @Option(names = "--until", paramLabel = "T", description = "incident window end")
    String until;

    @Option(names = "--force", description = "replace OUT.flcap if it exists (its notes are lost)")
    boolean force;

    @Override
    public Integer call() throws IOException {
        UserPaths.requireReadableFiles(files);
        UserPaths.refuseBundles(files);
        UserPaths.refuseInputAsOutput(files, output);
        UserPaths.requireWritableOutput(output, force);
        Instant now = Instant.now();
        Instant from = since == null ? null : TimeArgs.instant("--since", since, now);
        Instant to = until == null ? null : TimeArgs.instant("--until", until, now);
        if ((from == null) != (to == null)) {
            throw new CliException("--since and --until go together", 2);
        }
        if (from != null) {
            TimeArgs.ordered(since, from, until, to);
        }
        FileImporter.Request request = options.request(files, from, to);
        List<FileImporter.Imported> result = UserPaths.writing(output, () -> FileImporter.importFiles(request, output, Version.program()));
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        int failed = 0;
        int twice = 0;
        for (FileImporter.Imported i : result) {
            if (i.problem() != null) {
                err.println("faultline import: " + TerminalText.safe(i.file() + ": " + i.problem()));
            }
            if (i.sameAs() != null) {
                twice++;
            } else if (i.entry() == null) {
                failed++;
            } else {
                out.println(TerminalText.safe(i.entry()) + "\t" + i.kind().id() + "\t" + i.bytes() + " bytes\t"
                        + TerminalText.safe(i.file().toString()));
            }
        }
        int distinct = result.size() - twice;
        out.println("wrote " + output.toAbsolutePath() + " (" + (distinct - failed) + " of " + distinct + " files"
                + (twice == 0 ? "" : "; " + twice + " named twice, imported once") + ")");
        return failed == 0 ? 0 : 3;
    }
}
