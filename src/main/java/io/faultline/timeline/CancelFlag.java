package io.faultline.timeline;

/**
 * Stops a scan from another thread (a Cancel button, a newer query replacing this one). Scans check it before each
 * chunk and every {@value Scan#CHECK_EVERY} events, then end with a {@link java.util.concurrent.CancellationException}.
 */
public final class CancelFlag {
    private volatile boolean cancelled;

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }
}
