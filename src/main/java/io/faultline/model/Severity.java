package io.faultline.model;

/** Syslog severities (RFC 5424 numbering) plus UNKNOWN for sources that carry none. */
public enum Severity {
    EMERG, ALERT, CRIT, ERR, WARNING, NOTICE, INFO, DEBUG, UNKNOWN;

    /** Maps a syslog priority 0..7 to its severity; anything else is UNKNOWN. */
    public static Severity ofPriority(int priority) {
        return priority >= 0 && priority <= 7 ? values()[priority] : UNKNOWN;
    }

    /** True for ERR and worse. */
    public boolean isError() {
        return ordinal() <= ERR.ordinal();
    }
}
