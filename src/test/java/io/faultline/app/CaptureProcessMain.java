package io.faultline.app;

import picocli.CommandLine;

/** Runs {@code capture} in a JVM of its own, so that a test can interrupt it with a real SIGINT. */
public final class CaptureProcessMain {
    private CaptureProcessMain() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new CaptureCommand()).execute(args));
    }
}
