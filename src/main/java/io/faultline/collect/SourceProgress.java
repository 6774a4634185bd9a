package io.faultline.collect;

/**
 * Progress of one source of a capture.
 *
 * @param source the source's name, e.g. {@code journal} or {@code sadf sa03}
 * @param host   the host it comes from
 * @param bytes  bytes received so far
 * @param lines  lines (newlines) received so far
 * @param state  running, or how it ended
 */
public record SourceProgress(String host, String source, long bytes, long lines, State state) {
    /** Where a source stands. */
    public enum State {
        RUNNING,
        /** Ended with an exit status (which may still be an error). */
        DONE,
        /** The capture was cancelled while it ran; what arrived is kept. */
        CANCELLED,
        /** The connection was lost (or the server fell silent) while it ran; what arrived is kept. */
        CUT,
        /** It sent more than the byte cap per source and was stopped there; what arrived is kept. */
        STOPPED,
        /** Writing it into the bundle failed. */
        FAILED
    }

    /** True once the source has ended, completely or not. */
    public boolean done() {
        return state != State.RUNNING;
    }
}
