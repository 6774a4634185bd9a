package io.faultline.ui;

import io.faultline.ingest.FileImporter;
import io.faultline.ingest.IngestListener;

import java.nio.file.Path;

/**
 * How the window turns what the user picked into a case; supplied by the launcher, which knows where
 * imports are kept. Called off the JavaFX thread.
 */
public interface CaseOpener {
    /** Loads a bundle, telling {@code listener} how far it is (and taking its cancel) on the loading thread. */
    LoadedCase openBundle(Path bundle, IngestListener listener) throws Exception;

    /** Imports loose files into a new bundle (so notes on them are kept) and loads it. */
    LoadedCase importFiles(FileImporter.Request request, IngestListener listener) throws Exception;
}
