package io.faultline.app;

import io.faultline.capture.Bundle;
import io.faultline.ingest.FileImporter;
import io.faultline.ingest.IngestListener;
import io.faultline.ingest.Ingestor;
import io.faultline.ingest.Preread;
import io.faultline.model.Evidence;
import io.faultline.ui.CaseOpener;
import io.faultline.ui.LoadedCase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Turns what the user named (a bundle, or loose files) into a loaded case: bundle → ingest → model. */
final class CaseLoader implements CaseOpener {
    static final CaseLoader INSTANCE = new CaseLoader();

    private CaseLoader() {
    }

    /**
     * What {@link #load} would refuse, refused before any window opens: unreadable files, a bundle named with other
     * files, a lone bundle that does not open (its manifest is read), a zone that is not one.
     */
    void check(List<Path> inputs, ImportOptions options) throws IOException {
        UserPaths.requireReadableFiles(inputs);
        if (inputs.size() == 1 && Bundle.looksLikeBundle(inputs.getFirst())) {
            Bundle.open(inputs.getFirst()).close();
            return;
        }
        refuseBundlesAmong(inputs);
        options.request(inputs, null, null);
    }

    /** Files to import hold no bundle: a bundle is opened alone (the window's import dialog passes here too). */
    private static void refuseBundlesAmong(List<Path> files) throws IOException {
        List<String> bundles = new java.util.ArrayList<>();
        for (Path f : files) {
            if (Bundle.looksLikeBundle(f)) {
                bundles.add(f.toString());
            }
        }
        if (!bundles.isEmpty()) {
            throw new CliException(String.join(", ", bundles) + ": a bundle is opened alone, not together with other files or bundles;"
                    + " open one at a time (faultline open " + bundles.getFirst() + ")", 2);
        }
    }

    /** A lone bundle is opened; anything else is imported with the options given. */
    LoadedCase load(List<Path> inputs, ImportOptions options, IngestListener listener) throws IOException {
        if (inputs.size() == 1 && Bundle.looksLikeBundle(inputs.getFirst())) {
            return openBundle(inputs.getFirst(), listener);
        }
        return importFiles(options.request(inputs, null, null), listener);
    }

    @Override
    public LoadedCase openBundle(Path bundlePath, IngestListener listener) throws IOException {
        return openBundle(bundlePath, listener, Preread.NONE);
    }

    /** Opens a bundle just imported, taking what the import already read of it ({@link FileImporter#importAndRead}). */
    LoadedCase openBundle(Path bundlePath, IngestListener listener, Preread preread) throws IOException {
        try (Bundle bundle = Bundle.open(bundlePath)) {
            Evidence evidence = Ingestor.ingest(bundle, listener, preread);
            return new LoadedCase(bundlePath, evidence, bundle.annotations());
        } finally {
            preread.close();
        }
    }

    /** Loose files are imported into a new bundle in the data folder, so notes on them can be saved. */
    @Override
    public LoadedCase importFiles(FileImporter.Request request, IngestListener listener) throws IOException {
        refuseBundlesAmong(request.files());
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS", Locale.ROOT).format(java.time.LocalDateTime.now());
        Path out = Files.createDirectories(DataDirs.data().resolve("imports")).resolve("import-" + stamp + ".flcap");
        FileImporter.Read read = FileImporter.importAndRead(request, out, Version.program(), listener);
        return openBundle(out, listener, read.preread());
    }

    static String title(List<Path> inputs) {
        return String.join(", ", inputs.stream().map(p -> String.valueOf(p.getFileName())).toList());
    }
}
