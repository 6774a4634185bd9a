package io.faultline.collect;

/**
 * Progress of one source of a capture.
 *
 * @param source the source's name, e.g. {@code journal} or {@code sadf sa03}
 * @param host   the host it comes from
 * @param bytes  bytes received so far
 * @param lines  lines (newlines) received so far
 * @param done   true once the source has ended (completely or not)
 */
public record SourceProgress(String host, String source, long bytes, long lines, boolean done) {
}
