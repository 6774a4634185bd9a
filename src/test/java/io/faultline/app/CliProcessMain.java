package io.faultline.app;

/** Runs the command line (the tests use it for {@code capture}) in a JVM of its own, so that a test can interrupt it with a real SIGINT. */
public final class CliProcessMain {
    private CliProcessMain() {
    }

    public static void main(String[] args) {
        System.exit(Main.commandLine().execute(args));
    }
}
