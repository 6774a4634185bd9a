package io.faultline.app;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of another program measured beside Faultline: wall time from start to exit (same clock as Faultline's),
 * its peak resident set ({@code VmHWM} of {@code /proc/PID/status}, sampled every {@value #POLL_MILLIS} ms until it
 * exits, so the last few milliseconds' growth can be missed; -1 when never sampled) and what it printed.
 *
 * @param out its standard output when kept, else empty
 */
record PeerRun(List<String> command, double seconds, long peakRssBytes, int exitCode, String out) {
    static final long POLL_MILLIS = 5;
    private static final long TIMEOUT_MINUTES = 30;
    private static final int MAX_ERROR_CHARS = 600;

    /**
     * Runs {@code command} in {@code dir} with stdin from {@code /dev/null}, {@code env} added to the environment.
     * Its stderr goes to a file in {@code dir}; its stdout too when {@code keepOutput}, else it is discarded.
     *
     * @param hint added to the message when the program cannot be started (how to do without it)
     */
    static PeerRun run(Path dir, Map<String, String> env, boolean keepOutput, String hint, List<String> command)
            throws IOException, InterruptedException {
        Path out = dir.resolve("peer.out");
        Path err = dir.resolve("peer.err");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(keepOutput ? ProcessBuilder.Redirect.to(out.toFile()) : ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile());
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new CliException("cannot run " + command.getFirst() + " (" + hint + "): " + e.getMessage(), 1);
        }
        long peak = ProcMemory.peakRss(p.pid());
        long deadline = t0 + TimeUnit.MINUTES.toNanos(TIMEOUT_MINUTES);
        while (!p.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
            peak = Math.max(peak, ProcMemory.peakRss(p.pid()));
            if (System.nanoTime() > deadline) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                throw new CliException(String.join(" ", command) + " did not finish within " + TIMEOUT_MINUTES + " minutes; stopped", 1);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        String printed = keepOutput ? Files.readString(out, StandardCharsets.UTF_8) : "";
        return new PeerRun(List.copyOf(command), seconds, peak, p.exitValue(), printed);
    }

    /** Runs {@code command} with its output discarded; an exit other than 0 is an error. */
    static PeerRun timed(Path dir, String hint, String... command) throws IOException, InterruptedException {
        return run(dir, Map.of(), false, hint, List.of(command)).exitedWith(dir, 0);
    }

    /** This run, when it exited with one of {@code codes}; else an error naming the command, its exit and its stderr. */
    PeerRun exitedWith(Path dir, int... codes) throws IOException {
        for (int c : codes) {
            if (c == exitCode) {
                return this;
            }
        }
        String err = Files.readString(dir.resolve("peer.err"), StandardCharsets.UTF_8).strip();
        if (err.length() > MAX_ERROR_CHARS) {
            err = err.substring(0, MAX_ERROR_CHARS) + "…";
        }
        throw new CliException(String.join(" ", command) + " exited " + exitCode + (err.isEmpty() ? "" : ": " + err), 1);
    }

    /** The command as one line, for the report. */
    String commandLine() {
        List<String> quoted = new ArrayList<>();
        for (String a : command) {
            quoted.add(a.matches("[A-Za-z0-9_./=:,+-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return String.join(" ", quoted);
    }
}
