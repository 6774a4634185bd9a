package io.faultline.testbed;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The real testbed on this machine (journald, sshd on 127.0.0.1:2222, dockerd, sadc and the incident
 * containers), brought up by {@code src/test/testbed/testbed.sh}. Tests call {@link #require()}; it
 * never skips: a testbed that cannot be brought up fails the test with the script's output.
 */
public record Testbed(String host, int port, String user, Path key, Path knownHosts,
                      String healthContainer, String crashContainer) {

    private static final Logger LOG = LoggerFactory.getLogger(Testbed.class);

    public static final Path ENV_FILE = Path.of("/var/lib/faultline-testbed/testbed.env");
    public static final Path SCRIPT = Path.of("src/test/testbed/testbed.sh");

    private static final Duration UP_TIMEOUT = Duration.ofMinutes(15);
    private static final Duration STATUS_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration SSH_TIMEOUT = Duration.ofMinutes(2);

    /** Output and exit code of one run of a script or command. */
    record Run(List<String> command, int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }

        String describe() {
            return String.join(" ", command) + " exited with " + exitCode + ", output:\n" + output;
        }
    }

    /** The one {@code testbed.sh up} of this JVM, run when first needed (initialization-on-demand). */
    private static final class UpOnce {
        static final Run RUN = run(List.of(SCRIPT.toAbsolutePath().toString(), "up"), UP_TIMEOUT);
    }

    /**
     * Returns the running testbed. If the env file is missing or {@code testbed.sh status} fails, runs
     * {@code testbed.sh up} (once per JVM) and checks again.
     *
     * @throws AssertionError naming what is down, with the script's output, if the testbed is not up
     */
    public static synchronized Testbed require() {
        return ensure(SCRIPT, ENV_FILE, () -> UpOnce.RUN);
    }

    static Testbed ensure(Path script, Path envFile, Supplier<Run> up) {
        if (!Files.isRegularFile(script)) {
            throw new AssertionError("testbed script " + script.toAbsolutePath() + " not found (working directory "
                    + Path.of("").toAbsolutePath() + ")");
        }
        List<String> status = List.of(script.toAbsolutePath().toString(), "status");
        if (Files.isRegularFile(envFile)) {
            Run first = run(status, STATUS_TIMEOUT);
            if (first.ok()) {
                return read(envFile);
            }
            LOG.info("testbed not up, starting it: {}", first.describe());
        } else {
            LOG.info("testbed env file {} missing, starting the testbed", envFile);
        }
        Run upRun = up.get();
        LOG.info("{}", upRun.describe());
        Run second = run(status, STATUS_TIMEOUT);
        if (!upRun.ok() || !second.ok() || !Files.isRegularFile(envFile)) {
            throw new AssertionError("the Faultline testbed is not up.\n" + upRun.describe() + "\n" + second.describe()
                    + (Files.isRegularFile(envFile) ? "" : "\n" + envFile + " is missing"));
        }
        return read(envFile);
    }

    /** Parses the {@code KEY=VALUE} lines written by {@code testbed.sh up}. */
    static Testbed read(Path envFile) {
        List<String> lines;
        try {
            lines = Files.readAllLines(envFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot read testbed env file " + envFile + ": " + e.getMessage(), e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new AssertionError(envFile + " line " + (i + 1) + ": expected KEY=VALUE but found '" + line + "'");
            }
            values.put(line.substring(0, eq), line.substring(eq + 1));
        }
        String portText = value(envFile, values, "FAULTLINE_SSH_PORT");
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw new AssertionError(envFile + ": FAULTLINE_SSH_PORT is not a number: '" + portText + "'", e);
        }
        return new Testbed(value(envFile, values, "FAULTLINE_SSH_HOST"), port,
                value(envFile, values, "FAULTLINE_SSH_USER"),
                Path.of(value(envFile, values, "FAULTLINE_SSH_KEY")),
                Path.of(value(envFile, values, "FAULTLINE_KNOWN_HOSTS")),
                value(envFile, values, "FAULTLINE_HEALTH_CONTAINER"),
                value(envFile, values, "FAULTLINE_CRASH_CONTAINER"));
    }

    private static String value(Path envFile, Map<String, String> values, String key) {
        String v = values.get(key);
        if (v == null || v.isEmpty()) {
            throw new AssertionError(envFile + ": " + key + " is missing or empty (keys present: " + values.keySet() + ")");
        }
        return v;
    }

    /** The system OpenSSH client command line for this testbed, strict host key checking against {@link #knownHosts()}. */
    public List<String> sshCommand(String remoteCommand) {
        return List.of("ssh", "-i", key.toString(), "-p", Integer.toString(port),
                "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-o", "StrictHostKeyChecking=yes",
                "-o", "UserKnownHostsFile=" + knownHosts, "-o", "GlobalKnownHostsFile=/dev/null",
                "-o", "ConnectTimeout=10", "-o", "LogLevel=ERROR",
                user + "@" + host, remoteCommand);
    }

    /**
     * Runs {@code remoteCommand} as the testbed user over the system OpenSSH client and returns its standard
     * output exactly as received.
     *
     * @throws AssertionError with the exit code and standard error if it exits non-zero or times out
     */
    public byte[] sshBytes(String remoteCommand) {
        List<String> command = sshCommand(remoteCommand);
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("faultline-ssh-", ".out");
            err = Files.createTempFile("faultline-ssh-", ".err");
            Process p = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!p.waitFor(SSH_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("ssh timed out after " + SSH_TIMEOUT + ": " + String.join(" ", command));
            }
            if (p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " exited with " + p.exitValue() + ", stderr:\n"
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            return Files.readAllBytes(out);
        } catch (IOException e) {
            throw new UncheckedIOException("running " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + String.join(" ", command), e);
        } finally {
            deleteTempFile(out);
            deleteTempFile(err);
        }
    }

    /** {@link #sshBytes(String)} decoded as UTF-8. */
    public String ssh(String remoteCommand) {
        return new String(sshBytes(remoteCommand), StandardCharsets.UTF_8);
    }

    static Run run(List<String> command, Duration timeout) {
        Path out = null;
        try {
            out = Files.createTempFile("faultline-testbed-", ".log");
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile())
                    .start();
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Run(command, -1, Files.readString(out, StandardCharsets.UTF_8)
                        + "\n(timed out after " + timeout + ")");
            }
            return new Run(command, p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Run(command, -1, "could not run: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + String.join(" ", command), e);
        } finally {
            deleteTempFile(out);
        }
    }

    private static void deleteTempFile(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("could not delete temporary file {}", file, e);
        }
    }
}
