package io.faultline.export;

import io.faultline.testbed.Testbed;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs Debian's chromium headless on a local file, bounded by a timeout, with a fresh profile directory and no
 * network features. A missing chromium is an error (the tests need it; the testbed and CI install it).
 */
final class HeadlessChromium {
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");

    record Result(int exitCode, String stdout, String stderr) {
    }

    private HeadlessChromium() {
    }

    /** The chromium on PATH; when there is none, the testbed is brought up (it installs chromium) and PATH searched again. */
    static Path binary() {
        Path found = find();
        if (found == null) {
            Testbed.require();
            found = find();
        }
        if (found == null) {
            throw new AssertionError("no chromium on PATH (" + System.getenv("PATH") + "): install it with `apt-get install -y"
                    + " chromium` (CI=" + System.getenv("CI") + ")");
        }
        return found;
    }

    private static Path find() {
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
            for (String name : NAMES) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    static Result run(Path html, Path workDir, List<String> extra) throws IOException, InterruptedException {
        return run(html, workDir, "", extra);
    }

    /** @param fragment appended to the file's URI, e.g. {@code #note-1}; empty for none */
    static Result run(Path html, Path workDir, String fragment, List<String> extra) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(workDir, "profile-");
        Path out = workDir.resolve("chromium-" + System.nanoTime() + ".out");
        Path err = workDir.resolve("chromium-" + System.nanoTime() + ".err");
        List<String> cmd = new ArrayList<>(List.of(binary().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile));
        cmd.addAll(extra);
        cmd.add(html.toUri() + fragment);
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("chromium did not finish within " + TIMEOUT + ": " + String.join(" ", cmd));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            List<ProcessHandle> children = p.descendants().toList();
            children.forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (children.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }
}
