package io.faultline.collect;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/** What to capture: one host over SSH, a window in local (our) time, and the bundle to write. */
public record CaptureRequest(SshTarget target, Path identity, Path knownHosts, Instant since, Instant until, Path output) {
    public CaptureRequest {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(knownHosts, "knownHosts");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(output, "output");
        if (!since.isBefore(until)) {
            throw new IllegalArgumentException("the window is empty: since " + since + " is not before until " + until);
        }
    }
}
