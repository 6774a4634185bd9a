package io.faultline.model;

import java.util.Locale;

/** How much an annotation matters to the write-up, least first. Not a log severity (see {@link Severity}). */
public enum NoteSeverity {
    INFO, NOTICE, WARNING, CRITICAL;

    /** The lower-case word the CLI, the layer and the exports use. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Accepts the key in any case. */
    public static NoteSeverity parse(String text) {
        String norm = text.trim().toUpperCase(Locale.ROOT);
        for (NoteSeverity s : values()) {
            if (s.name().equals(norm)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown severity '" + text + "': use info, notice, warning or critical");
    }
}
