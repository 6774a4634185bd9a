package io.faultline.ingest;

import io.faultline.model.Evidence;

/**
 * What an import and an ingest tell while they run, on their thread: how far they are, a first look at the case while a
 * large entry is still being read, and whether to stop.
 */
public interface IngestListener {
    IngestListener NONE = new IngestListener() {
    };

    /** Loose files being imported into a bundle before it is read: {@code bytesRead} of the {@code bytesTotal} to read. */
    default void importing(long bytesRead, long bytesTotal) {
    }

    /** {@code bytesRead} of the bundle's {@code bytesTotal} raw bytes are read; {@code events} events so far. */
    default void progress(long bytesRead, long bytesTotal, long events) {
    }

    /**
     * The case as read so far, given at most once, while a large entry is being read and more than a moment after the
     * start: the events so far (container ids not yet resolved, healthcheck runs from journal lines not yet found),
     * the other entries read before it. Enough to draw a first screen; the full case follows.
     */
    default void preview(Evidence sofar) {
    }

    /** True to stop: the ingest then ends with a {@link java.util.concurrent.CancellationException}. */
    default boolean cancelled() {
        return false;
    }
}
