package io.faultline.app;

import io.faultline.capture.Bundle;
import io.faultline.capture.Json;
import io.faultline.capture.Manifest;
import io.faultline.collect.CancelToken;
import io.faultline.collect.CapturePolicy;
import io.faultline.collect.CaptureRequest;
import io.faultline.collect.CaptureResult;
import io.faultline.collect.CollectException;
import io.faultline.collect.Prompter;
import io.faultline.collect.RemoteCapture;
import io.faultline.collect.SourceProgress;
import io.faultline.collect.SshConfig;
import io.faultline.collect.SshRoute;
import io.faultline.export.SummaryReport;
import io.faultline.ingest.Ingestor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code faultline capture}: pulls one host's evidence for a window over SSH into a bundle. */
@Command(name = "capture", mixinStandardHelpOptions = true,
        description = "Capture journal, docker ps/inspect/events and sysstat disk history of one host over SSH into a bundle.")
public final class CaptureCommand implements Callable<Integer> {
    /** Exit status when the capture could not be made (refused host key, failed login, bad arguments). */
    public static final int FAILED = 2;
    /** Exit status when the capture was cancelled or cut short: the bundle is partial. */
    public static final int PARTIAL = 3;
    private static final long PRINT_EVERY_NANOS = Duration.ofMillis(250).toNanos();
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(20);
    /** Longest window captured at once: a month of journal over SSH is slow and rarely what an incident needs. */
    static final Duration LONGEST_WINDOW = Duration.ofDays(31);
    private static final int MIN_SILENCE_SECONDS = 3;
    private static final int MAX_SILENCE_SECONDS = 3600;
    private static final int DEFAULT_CONNECT_SECONDS = 15;
    private static final int DEFAULT_SILENCE_SECONDS = 30;
    /** Keepalives per silence timeout: the silence timeout is this many ServerAliveIntervals. */
    private static final int ALIVES_PER_SILENCE = 3;
    private static final int DEFAULT_MAX_SOURCE_MB = 512;
    private static final int MAX_SOURCE_MB = 1 << 20;
    private static final int DEFAULT_RECONNECT_TRIES = 3;
    private static final int MAX_RECONNECT_TRIES = 10;

    @Spec
    private CommandSpec spec;

    @Option(names = "--host", required = true, paramLabel = "[USER@]HOST[:PORT]",
            description = "Where to connect: a Host alias of the ssh config (its HostName, Port, User, IdentityFile, "
                    + "ProxyJump... apply), or a host name or address.")
    private String host;

    @Option(names = {"-F", "--ssh-config"}, paramLabel = "FILE",
            description = "OpenSSH client config to read (default: ~/.ssh/config if it exists; 'none' reads none).")
    private String sshConfig;

    @Option(names = "--identity", paramLabel = "KEY",
            description = "Private key file, tried before the config's IdentityFile (default: the config's, else ~/.ssh/id_rsa, "
                    + "id_ecdsa, id_ed25519; keys of ssh-agent via SSH_AUTH_SOCK are tried first).")
    private Path identity;

    @Option(names = "--known-hosts", paramLabel = "FILE",
            description = "known_hosts file holding the server's host key, plain or hashed (default: the config's "
                    + "UserKnownHostsFile, else ~/.ssh/known_hosts).")
    private Path knownHosts;

    @Option(names = "--batch", description = "Never ask (as ssh -o BatchMode=yes): an unknown host key is refused, "
            + "an encrypted key or a password cannot be used. Without a terminal this is how it works anyway.")
    private boolean batch;

    @Option(names = "--since", required = true, paramLabel = "T",
            description = "Window start: ISO-8601 with offset, epoch seconds, or relative (-30m, -2h, -1d, now).")
    private String since;

    @Option(names = "--until", defaultValue = "now", paramLabel = "T", description = "Window end (default: now).")
    private String until;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.flcap", description = "Bundle to write.")
    private Path output;

    @Option(names = "--force", description = "Replace OUT.flcap if it exists (its notes are lost).")
    private boolean force;

    @Option(names = "--json", description = "After the capture, print the summary of the bundle as JSON on stdout (as `summary --json` prints it).")
    private boolean json;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS",
            description = "SSH connect timeout, per hop (default: the config's ConnectTimeout, else " + DEFAULT_CONNECT_SECONDS + ").")
    private Integer connectTimeoutSeconds;

    @Option(names = "--silence-timeout", paramLabel = "SECONDS",
            description = "Once connected, how long the server may give no answer (no output, no reply to keepalives, "
                    + "no channel opened) before the capture stops with a partial bundle (default: 3 × the config's "
                    + "ServerAliveInterval, else " + DEFAULT_SILENCE_SECONDS + "; "
                    + MIN_SILENCE_SECONDS + " to " + MAX_SILENCE_SECONDS + ").")
    private Integer silenceTimeoutSeconds;

    @Option(names = "--max-source-mb", paramLabel = "MB", defaultValue = "" + DEFAULT_MAX_SOURCE_MB,
            description = "Stop a source (the journal, docker events, a sysstat day...) once it has sent this many MiB; "
                    + "its entry keeps them, marked incomplete, and the bundle is partial (default: ${DEFAULT-VALUE}; 1 to "
                    + MAX_SOURCE_MB + ").")
    private int maxSourceMb;

    @Option(names = "--reconnect-tries", paramLabel = "N", defaultValue = "" + DEFAULT_RECONNECT_TRIES,
            description = "After a lost connection, connect again up to N times in all, waiting 1, 2, 4... s before each "
                    + "try; the journal resumes where it was cut (default: ${DEFAULT-VALUE}; 0 to " + MAX_RECONNECT_TRIES + ").")
    private int reconnectTries;

    @Option(names = "--no-compress", description = "Do not compress the output on the server (gzip -1 is used where the "
            + "server has gzip).")
    private boolean noCompress;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        UserPaths.requireWritableOutput(output, force);
        if (silenceTimeoutSeconds != null
                && (silenceTimeoutSeconds < MIN_SILENCE_SECONDS || silenceTimeoutSeconds > MAX_SILENCE_SECONDS)) {
            throw new CliException("--silence-timeout " + silenceTimeoutSeconds + " is out of range: give " + MIN_SILENCE_SECONDS
                    + " to " + MAX_SILENCE_SECONDS + " seconds", FAILED);
        }
        if (connectTimeoutSeconds != null && (connectTimeoutSeconds < 1 || connectTimeoutSeconds > MAX_SILENCE_SECONDS)) {
            throw new CliException("--connect-timeout " + connectTimeoutSeconds + " is out of range: give 1 to "
                    + MAX_SILENCE_SECONDS + " seconds", FAILED);
        }
        if (maxSourceMb < 1 || maxSourceMb > MAX_SOURCE_MB) {
            throw new CliException("--max-source-mb " + maxSourceMb + " is out of range: give 1 to " + MAX_SOURCE_MB, FAILED);
        }
        if (reconnectTries < 0 || reconnectTries > MAX_RECONNECT_TRIES) {
            throw new CliException("--reconnect-tries " + reconnectTries + " is out of range: give 0 to "
                    + MAX_RECONNECT_TRIES, FAILED);
        }
        Instant now = Instant.now();
        Instant from = TimeArgs.instant("--since", since, now);
        Instant to = TimeArgs.instant("--until", until, now);
        TimeArgs.ordered(since, from, until, to);
        if (Duration.between(from, to).compareTo(LONGEST_WINDOW) > 0) {
            throw new CliException(String.format(Locale.ROOT, "the window --since %s --until %s is %.1f days long; capture at most %d days"
                    + " at a time (the journal of a longer window is slow to pull from a struggling server): narrow it, or split it"
                    + " into several captures", since, until, Duration.between(from, to).toMinutes() / 1440.0, LONGEST_WINDOW.toDays()), FAILED);
        }
        if (to.isAfter(now.plusSeconds(1))) {
            err.println("warning: --until " + until + " is " + to + ", " + Duration.between(now, to).toSeconds()
                    + " s in the future; the capture takes what the host holds up to its now and does not wait for the rest");
            err.flush();
        }
        CaptureRequest request;
        SshRoute route;
        try {
            SshRoute.Local local = SshRoute.Local.current();
            SshConfig config = sshConfig(local);
            config.notes().forEach(n -> err.println("note: " + n));
            route = SshRoute.resolve(host, config, new SshRoute.Overrides(identity, knownHosts), local,
                    batch ? Prompter.NONE : ConsolePrompter.ofThisProcess());
            request = new CaptureRequest(route, from, to, output);
        } catch (IllegalArgumentException | CollectException e) {
            err.println("faultline capture: " + e.getMessage());
            err.flush();
            return FAILED;
        }
        if (!route.jumps().isEmpty()) {
            err.println("connecting through " + route);
            err.flush();
        }
        Duration connectTimeout = connectTimeoutSeconds != null ? Duration.ofSeconds(connectTimeoutSeconds)
                : route.connectTimeout() != null ? route.connectTimeout() : Duration.ofSeconds(DEFAULT_CONNECT_SECONDS);
        Duration silenceTimeout = silenceTimeoutSeconds != null ? Duration.ofSeconds(silenceTimeoutSeconds)
                : route.serverAliveInterval() != null ? clampSilence(route.serverAliveInterval().multipliedBy(ALIVES_PER_SILENCE))
                : Duration.ofSeconds(DEFAULT_SILENCE_SECONDS);
        CancelToken cancel = new CancelToken();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = Thread.ofPlatform().name("faultline-capture-cancel").unstarted(() -> {
            cancel.cancel();
            awaitQuietly(finished);
        });
        Runtime.getRuntime().addShutdownHook(hook);
        ProgressPrinter printer = new ProgressPrinter(err);
        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < reconnectTries; i++) {
            delays.add(Duration.ofSeconds(1L << Math.min(i, 5)));
        }
        CapturePolicy policy = new CapturePolicy((long) maxSourceMb << 20, delays, !noCompress);
        RemoteCapture capture = new RemoteCapture(Version.program(), printer::progress, Runnable::run, connectTimeout,
                silenceTimeout, policy);
        try {
            CaptureResult result = UserPaths.writing(output, () -> capture.capture(request, cancel));
            printer.flush();
            for (Manifest.Problem p : result.problems()) {
                err.println(p.level() + ": " + p.reason());
            }
            err.println((result.partial() ? "PARTIAL bundle (cancelled or cut short) written: " : "bundle written: ")
                    + result.bundle() + " (" + result.entries().size() + " entries, " + result.problems().size()
                    + " diagnostics)");
            err.flush();
            if (json) {
                printSummary(result.bundle());
            }
            return result.partial() ? PARTIAL : 0;
        } catch (CollectException e) {
            err.println("faultline capture: " + e.getMessage());
            err.flush();
            return FAILED;
        } finally {
            finished.countDown();
            removeHook(hook);
        }
    }

    /** {@code -F FILE}, {@code -F none}, else {@code ~/.ssh/config} when it exists. */
    private SshConfig sshConfig(SshRoute.Local local) throws CollectException {
        if ("none".equals(sshConfig)) {
            return SshConfig.empty();
        }
        Path file = sshConfig != null ? Path.of(sshConfig) : local.home().resolve(".ssh").resolve("config");
        if (sshConfig == null && !Files.isRegularFile(file)) {
            return SshConfig.empty();
        }
        if (!Files.isRegularFile(file)) {
            throw new CollectException("ssh config file " + file + " (-F) does not exist");
        }
        return SshConfig.read(file, local.home().resolve(".ssh"));
    }

    private static Duration clampSilence(Duration d) {
        long s = Math.clamp(d.toSeconds(), MIN_SILENCE_SECONDS, MAX_SILENCE_SECONDS);
        return Duration.ofSeconds(s);
    }

    private void printSummary(Path bundle) throws IOException {
        try (Bundle b = Bundle.open(bundle)) {
            PrintWriter out = spec.commandLine().getOut();
            out.println(Json.mapper().writeValueAsString(SummaryReport.build(Ingestor.ingest(b), b.annotations())));
            out.flush();
        }
    }

    private static void awaitQuietly(CountDownLatch finished) {
        try {
            if (!finished.await(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                org.slf4j.LoggerFactory.getLogger(CaptureCommand.class)
                        .warn("the capture did not finish within {} s of the interrupt", SHUTDOWN_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already shutting down (Ctrl-C): the hook is running and waits for this capture
            org.slf4j.LoggerFactory.getLogger(CaptureCommand.class).debug("shutdown in progress: {}", shuttingDown.getMessage());
        }
    }

    /** Prints one line per source, at most every 250 ms, and always when a source ends (saying how). */
    private static final class ProgressPrinter {
        private final PrintWriter err;
        private final Map<String, SourceProgress> latest = new LinkedHashMap<>();
        private long lastPrint = System.nanoTime() - PRINT_EVERY_NANOS;

        ProgressPrinter(PrintWriter err) {
            this.err = err;
        }

        synchronized void progress(SourceProgress p) {
            latest.put(p.source(), p);
            long now = System.nanoTime();
            if (p.done()) {
                print(p);
                latest.remove(p.source());
                err.flush();
            } else if (now - lastPrint >= PRINT_EVERY_NANOS) {
                lastPrint = now;
                latest.values().forEach(this::print);
                err.flush();
            }
        }

        private void print(SourceProgress p) {
            err.printf("%s %-16s %,12d bytes %,9d lines%s%n", p.host(), p.source(), p.bytes(), p.lines(), switch (p.state()) {
                case RUNNING -> "";
                case DONE -> "  done";
                case CANCELLED -> "  cancelled";
                case CUT -> "  cut: connection lost";
                case STOPPED -> "  stopped at the byte cap";
                case FAILED -> "  failed";
            });
        }

        synchronized void flush() {
            err.flush();
        }
    }
}
