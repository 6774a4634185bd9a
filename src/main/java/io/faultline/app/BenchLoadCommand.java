package io.faultline.app;

import io.faultline.capture.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * The load half of {@code faultline bench}, run in a JVM of its own ({@link LoadJvm}) so that its resident memory is the
 * load's alone, not the generator's: opens FILE through a bundle in DIR ({@link LoadBench}) and prints the result as JSON.
 * Hidden: {@code bench} starts it.
 */
@Command(name = "bench-load", hidden = true, description = "Opens FILE as the workbench does and prints the measurements as JSON (run by bench).")
final class BenchLoadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Parameters(index = "1", paramLabel = "DIR")
    Path dir;

    @Parameters(index = "2", paramLabel = "REGEX")
    String regex;

    @Override
    public Integer call() throws IOException {
        LoadBench.Result result = LoadBench.run(file, dir, regex);
        PrintWriter out = spec.commandLine().getOut();
        out.println(Json.mapper().writeValueAsString(result));
        out.flush();
        return 0;
    }
}
