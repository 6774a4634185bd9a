package io.faultline.collect;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/** What to capture: one host over SSH (the route to it), a window in local (our) time, and the bundle to write. */
public record CaptureRequest(SshRoute route, Instant since, Instant until, Path output) {
    public CaptureRequest {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(output, "output");
        if (!since.isBefore(until)) {
            throw new IllegalArgumentException("the window is empty: since " + since + " is not before until " + until);
        }
    }

    /** One host reached directly with one key, checked against one known_hosts file, asking nobody. */
    public CaptureRequest(SshTarget target, Path identity, Path knownHosts, Instant since, Instant until, Path output) {
        this(SshRoute.direct(target, identity, knownHosts), since, until, output);
    }

    /** The destination. */
    public SshTarget target() {
        return route.destination().target();
    }
}
