package io.faultline.app;

import io.faultline.capture.Bundle;
import io.faultline.ingest.FileImporter;
import io.faultline.ingest.Ingestor;
import io.faultline.model.Evidence;
import io.faultline.ui.LoadedCase;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns what the user named (a bundle, or loose files) into a loaded case: bundle → ingest → model. */
final class CaseLoader {
    private CaseLoader() {
    }

    static LoadedCase load(List<Path> inputs) throws IOException {
        Path bundlePath = inputs.size() == 1 && isBundle(inputs.getFirst()) ? inputs.getFirst() : importLoose(inputs);
        try (Bundle bundle = Bundle.open(bundlePath)) {
            Evidence evidence = Ingestor.ingest(bundle);
            return new LoadedCase(bundlePath, evidence, bundle.annotations());
        }
    }

    static boolean isBundle(Path p) throws IOException {
        if (!Files.isRegularFile(p)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(p)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
        }
    }

    /** Loose files are imported into a new bundle in the data folder, so notes on them can be saved. */
    private static Path importLoose(List<Path> files) throws IOException {
        for (Path f : files) {
            if (isBundle(f)) {
                throw new CliException(f + ": a bundle cannot be opened together with other files; open it alone");
            }
        }
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).format(java.time.LocalDateTime.now());
        Path out = DataDirs.data().resolve("imports").resolve("import-" + stamp + ".flcap");
        FileImporter.importFiles(new FileImporter.Request(files, null, ZoneId.systemDefault().getId(), null, null,
                Map.of()), out, Version.program());
        return out;
    }

    static String title(List<Path> inputs) {
        return String.join(", ", inputs.stream().map(p -> String.valueOf(p.getFileName())).toList());
    }
}
