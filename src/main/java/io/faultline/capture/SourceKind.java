package io.faultline.capture;

/** The kind of a raw entry in a bundle: which parser reads it. Names are stable: they are written to manifests. */
public enum SourceKind {
    JOURNAL_JSON("journal-json"),
    JOURNAL_SHORT("journal-short"),
    DOCKER_PS("docker-ps"),
    DOCKER_INSPECT("docker-inspect"),
    DOCKER_EVENTS("docker-events"),
    SADF_JSON("sadf-json"),
    // issue 3, journal: export format (binary fields included) and -o cat (no times, only by explicit kind)
    JOURNAL_EXPORT("journal-export"),
    JOURNAL_CAT("journal-cat"),
    // Issue 3, disk IO and kernel sources: sar/iostat text, iostat JSON, /proc samples, dmesg.
    SAR_TEXT("sar-text"),
    IOSTAT_TEXT("iostat-text"),
    IOSTAT_JSON("iostat-json"),
    DISKSTATS("diskstats"),
    PRESSURE_IO("pressure-io"),
    DMESG("dmesg"),
    // issue 3, docker/syslog area
    SYSLOG("syslog"),
    DOCKER_JSON_LOG("docker-json-log"),
    /** Output of the remote clock and zone probe; read by the capture, not by a parser. */
    HOST_CLOCK("host-clock"),
    UNKNOWN("unknown");

    private final String id;

    SourceKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** True for the kinds a parser reads, the ones a user may choose for a file (not the clock probe, not unknown). */
    public boolean parsable() {
        return this != UNKNOWN && this != HOST_CLOCK;
    }

    public static SourceKind ofId(String id) {
        for (SourceKind k : values()) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        return UNKNOWN;
    }
}
