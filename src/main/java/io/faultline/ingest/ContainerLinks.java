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

    /** The mount systemd reports gone when a runc exec (or init) ends: id whole, {@code runc.<rand>}, the deactivation. */
    private static final Pattern RUNC_EXEC = Pattern.compile("run-docker-runtime(?:\\\\x2d|-)runc-moby-([0-9a-f]{64})-runc\\.([A-Za-z0-9]+)"
            + "\\.mount: (?:Deactivated successfully|Succeeded)\\.?$");
    private static final Pattern RUNC_RAND = Pattern.compile("-runc\\.([A-Za-z0-9]+)\\.mount");

    /**
     * A runc mount line: the container id (whole or cut), the mount's random suffix when visible (else null), and
     * whether the line is the whole exec pattern ({@code ...-<64 hex>-runc.<rand>.mount: Deactivated successfully.} or
     * the older {@code Succeeded.}).
     */
    record RuncMount(String id, String rand, boolean exec) {
    }

    private ContainerLinks() {
    }

    /**
     * The runc mount deactivation in {@code message} (or in {@code unit}, for a journal entry whose message lacks the
     * unit prefix): whole, or cut by the pager before its status. Null when the text names no runc mount, or names one
     * with a visible status other than the deactivation.
     */
    static RuncMount runcExec(String message, String unit) {
        String text = message != null && message.contains("runc-moby-") ? message
                : unit != null && unit.contains("runc-moby-") ? unit + ": " + (message == null ? "" : message) : null;
        if (text == null) {
            return null;
        }
        Matcher m = RUNC_MOUNT.matcher(text);
        if (!m.find()) {
            return null;
        }
        String id = m.group(1);
        Matcher exec = RUNC_EXEC.matcher(text.strip());
        if (exec.find()) {
            return new RuncMount(id, exec.group(2), true);
        }
        if (text.indexOf(".mount: ", m.end()) >= 0) {
            return null;
        }
        Matcher rand = RUNC_RAND.matcher(text);
        return new RuncMount(id, rand.find(m.end()) ? rand.group(1) : null, false);
    }

    /** The full or cut container id named in {@code text}, or null. */
    static String find(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        // Each pattern needs its literal: most lines hold neither, and indexOf is much cheaper than a matcher.
        if (text.contains("runc-moby-")) {
            Matcher m = RUNC_MOUNT.matcher(text);
            if (m.find()) {
                return m.group(1);
            }
        }
        if (!text.contains("container")) {
            return null;
        }
        Matcher m = KEY_VALUE.matcher(text);
        return m.find() ? m.group(1) : null;
    }
}
