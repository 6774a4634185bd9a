package io.faultline.capture;

import java.util.List;

/**
 * The bundle's manifest.json. See docs/bundle-format.md. Times are ISO-8601 UTC strings.
 *
 * @param partial true when the capture was cut short (Ctrl-C, lost connection): what arrived is kept
 */
public record Manifest(String format, int formatVersion, String program, String createdAt, boolean partial,
                       Window window, List<Host> hosts, List<Entry> entries, List<Problem> diagnostics) {
    public static final String FORMAT = "faultline-capture";
    public static final int FORMAT_VERSION = 1;
    public static final String FILE = "manifest.json";
    public static final String ANNOTATIONS_FILE = "annotations.json";

    public Manifest {
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
        entries = entries == null ? List.of() : List.copyOf(entries);
        diagnostics = diagnostics == null ? List.of() : List.copyOf(diagnostics);
    }

    /** The capture window, ISO-8601 UTC. */
    public record Window(String from, String to) {
    }

    /**
     * A host. {@code clockOffsetMs} is remote minus local clock; {@code zone} an IANA id or offset.
     * {@code hostKeySha256} is the verified host key fingerprint, null for imported files.
     */
    public record Host(String name, String user, int port, String zone, long clockOffsetMs, long offsetUncertaintyMs,
                       String hostKeySha256) {
    }

    /**
     * One raw output. {@code command} is the remote command line (null for an imported file, whose
     * original path is in {@code origin}); {@code exitCode} null when the command did not finish.
     * {@code stderr} names the entry holding the command's stderr, or null.
     */
    public record Entry(String path, String host, String kind, String origin, String command, Integer exitCode,
                        long bytes, String sha256, String startedAt, String endedAt, String stderr, boolean complete) {
        public SourceKind sourceKind() {
            return SourceKind.ofId(kind);
        }
    }

    /** A problem met while collecting, e.g. a missing tool on the server. */
    public record Problem(String level, String entry, String reason) {
    }
}
