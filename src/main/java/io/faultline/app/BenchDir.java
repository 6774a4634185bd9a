package io.faultline.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/** The folder a benchmark writes its files to: the one given with {@code --keep} (kept), else a temp folder deleted on close. */
final class BenchDir implements AutoCloseable {
    private final Path path;
    private final boolean kept;

    private BenchDir(Path path, boolean kept) {
        this.path = path;
        this.kept = kept;
    }

    /** {@code keep} created when missing, or a new temp folder when it is null. */
    static BenchDir open(Path keep) throws IOException {
        return keep != null ? new BenchDir(Files.createDirectories(keep), true)
                : new BenchDir(Files.createTempDirectory("faultline-bench-"), false);
    }

    Path path() {
        return path;
    }

    /** The first line of a benchmark's report: the JVM, the cores, the heap limit and this folder. */
    String describeJvm() {
        return String.format(Locale.ROOT, "JVM %s %s, %d processors, max heap %d MiB; files in %s", System.getProperty("java.vm.name"),
                Runtime.version(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, path);
    }

    @Override
    public void close() throws IOException {
        if (kept) {
            return;
        }
        try (Stream<Path> s = Files.walk(path)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
