package io.faultline.app;

import io.faultline.capture.Bundle;
import io.faultline.capture.Json;
import io.faultline.export.SummaryReport;
import io.faultline.ingest.Ingestor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "summary", mixinStandardHelpOptions = true,
        description = "Rebuild the timeline from a bundle's raw outputs and print what it holds.")
final class SummaryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BUNDLE")
    Path bundle;

    @Option(names = "--json", description = "print JSON (the default prints the same as readable text)")
    boolean json;

    @Override
    public Integer call() throws IOException {
        try (Bundle b = Bundle.open(bundle)) {
            var report = SummaryReport.build(Ingestor.ingest(b), b.annotations());
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.mapper().writeValueAsString(report));
            } else {
                out.println(TextSummary.render(report, b.manifest()));
            }
            out.flush();
            return 0;
        }
    }
}
