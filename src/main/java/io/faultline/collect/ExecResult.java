package io.faultline.collect;

/**
 * How a remote command ended.
 *
 * @param exitCode  the exit status, or null when it did not finish (cancelled, connection lost)
 * @param stderr    what it wrote to stderr (the first {@link SshSession#STDERR_LIMIT} bytes)
 * @param bytes     bytes it wrote to stdout (after decompressing, for a compressed command)
 * @param wireBytes bytes of stdout that came over the connection (fewer than {@code bytes} when compressed)
 * @param cancelled true when the capture was cancelled while it ran
 */
public record ExecResult(Integer exitCode, String stderr, long bytes, long wireBytes, boolean cancelled) {
    public boolean succeeded() {
        return exitCode != null && exitCode == 0;
    }
}
