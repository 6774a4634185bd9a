package io.faultline.ingest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the container a log line is about: the runc mount unit systemd logs for every exec and start
 * ({@code run-docker-runtime\x2drunc-moby-<id>-runc.<rand>.mount}, escaped or not, the id whole or cut
 * by the pager) or a dockerd message's {@code container=<id>}.
 */
final class ContainerLinks {
    private static final Pattern RUNC_MOUNT = Pattern.compile("run-docker-runtime(?:\\\\x2d|-)runc-moby-([0-9a-f]{12,64})");
    private static final Pattern KEY_VALUE = Pattern.compile("\\bcontainer(?:ID|_id|Id)?=\"?([0-9a-f]{12,64})\\b");

    private ContainerLinks() {
    }

    /** The full or cut container id named in {@code text}, or null. */
    static String find(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        Matcher m = RUNC_MOUNT.matcher(text);
        if (m.find()) {
            return m.group(1);
        }
        m = KEY_VALUE.matcher(text);
        return m.find() ? m.group(1) : null;
    }
}
