package io.faultline.app;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the command line (the tests use it for {@code capture}) in a JVM of its own, so that a test can interrupt it with a real SIGINT. */
public final class CliProcessMain {
    private CliProcessMain() {
    }

    public static void main(String[] args) {
        System.exit(Main.run(Main.commandLine(), args));
    }

    /**
     * Runs the command line in a JVM with a 64 MB heap (what an entry too big for memory or a zip bomb must survive),
     * waits at most {@code seconds}, asserts exit 0 and returns stdout and stderr together; {@code dir} holds the output.
     */
    static String runInSmallHeap(Path dir, int seconds, String... args) throws Exception {
        return runInHeap("-Xmx64m", 0, dir, seconds, args);
    }

    /** Runs the command line in a JVM with heap option {@code xmx}, asserts the exit status and returns stdout and stderr together. */
    static String runInHeap(String xmx, int status, Path dir, int seconds, String... args) throws Exception {
        String javaExe = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(javaExe, xmx, "-cp", System.getProperty("java.class.path"),
                CliProcessMain.class.getName()));
        cmd.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(seconds, TimeUnit.SECONDS)).as("finished").isTrue();
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(text).isEqualTo(status);
        return text;
    }
}
