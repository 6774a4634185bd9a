package io.faultline.app;

import io.faultline.capture.Json;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the load of {@code faultline bench} ({@link BenchLoadCommand}) in a new JVM started with the launcher's options,
 * so its peak resident set ({@code VmHWM}, from the JVM's start) is what opening the file costs a workbench, not what
 * the benchmark's generator left in its own JVM.
 */
final class LoadJvm {
    /** The options the launcher ({@code javafx:run} in the pom) gives the workbench's JVM that bear on memory. */
    static final List<String> LAUNCHER_OPTIONS = List.of("-Xmx3g");

    /**
     * @param command     the child's command line
     * @param peakRssBytes the child's peak resident set over its whole run (load, searches and the second opening),
     *                    sampled from outside; the result's own peak is the child's {@code VmHWM} just after the load
     */
    record Run(LoadBench.Result result, String command, double seconds, long peakRssBytes) {
    }

    private LoadJvm() {
    }

    /** The java command that starts this program's {@code main} with the launcher's options and {@code extraOptions}. */
    static List<String> command(List<String> extraOptions, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(LAUNCHER_OPTIONS);
        cmd.addAll(extraOptions);
        cmd.add("-cp");
        cmd.add(absolute(System.getProperty("java.class.path")));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /**
     * {@code classPath} with each entry made absolute: the child runs in the benchmark's folder, where a relative entry
     * ({@code java -jar target/faultline.jar}) names nothing.
     */
    static String absolute(String classPath) {
        List<String> entries = new ArrayList<>();
        for (String entry : classPath.split(java.io.File.pathSeparator, -1)) {
            entries.add(entry.isEmpty() ? entry : Path.of(entry).toAbsolutePath().toString());
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    static Run run(Path dir, Path file, String regex, List<String> extraOptions) throws IOException, InterruptedException {
        List<String> cmd = command(extraOptions, "bench-load", file.toString(), dir.toString(), regex);
        PeerRun run = PeerRun.run(dir, Map.of(), true, "the JVM running this benchmark", cmd).exitedWith(dir, 0);
        // the JSON is what follows the first line that starts it (the JVM may print before, e.g. a flight recording's start)
        String out = run.out();
        int start = out.startsWith("{") ? 0 : out.indexOf("\n{") + 1;
        if (start <= 0 && !out.startsWith("{")) {
            throw new CliException(run.commandLine() + " printed no result: '" + out.strip() + "'", 1);
        }
        LoadBench.Result result = Json.mapper().readValue(out.substring(start), LoadBench.Result.class);
        List<String> shown = new ArrayList<>(LAUNCHER_OPTIONS);
        shown.addAll(extraOptions);
        return new Run(result, "java " + String.join(" ", shown) + " ... bench-load", run.seconds(), run.peakRssBytes());
    }
}
