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
    /** 2 added {@code hosts[].bootTime}, {@code bootId} and {@code linesNameHosts}; version 1 bundles read as before. */
    public static final int FORMAT_VERSION = 2;
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
     *
     * @param bootTime       when the host booted, epoch seconds on its own clock ({@code btime} of /proc/stat at
     *                       capture), or null (imported files, bundles of format version 1, no /proc/stat)
     * @param bootId         the boot then running, as the journal's {@code _BOOT_ID} writes it (32 hex digits), or null
     * @param linesNameHosts true for a host that stands only for sources naming no host of their own (an import
     *                       without {@code --host-name}): lines that name a host ({@code _HOSTNAME}, syslog, sysstat
     *                       node names) go under that name, with this host's zone
     */
    public record Host(String name, String user, int port, String zone, long clockOffsetMs, long offsetUncertaintyMs,
                       String hostKeySha256, Long bootTime, String bootId, boolean linesNameHosts) {
        /** A host with no boot known, whose name stands for every line. */
        public Host(String name, String user, int port, String zone, long clockOffsetMs, long offsetUncertaintyMs,
                    String hostKeySha256) {
            this(name, user, port, zone, clockOffsetMs, offsetUncertaintyMs, hostKeySha256, null, null, false);
        }
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
