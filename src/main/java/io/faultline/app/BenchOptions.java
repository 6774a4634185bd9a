package io.faultline.app;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** What every benchmark takes: where its files go and the generator's seed. */
final class BenchOptions {
    @Option(names = "--keep", paramLabel = "DIR", description = "write the files to DIR and keep them (default: a temp dir deleted afterwards)")
    Path keep;

    @Option(names = "--seed", defaultValue = "1", description = "generator seed (default ${DEFAULT-VALUE})")
    long seed;
}
