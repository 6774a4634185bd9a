package io.faultline.collect;

import io.faultline.capture.Manifest;

import java.nio.file.Path;
import java.util.List;

/** A written bundle: partial when cancelled or cut off; problems are the recorded diagnostics. */
public record CaptureResult(Path bundle, boolean partial, Manifest.Host host, List<Manifest.Entry> entries,
                            List<Manifest.Problem> problems) {
    public CaptureResult {
        entries = List.copyOf(entries);
        problems = List.copyOf(problems);
    }
}
