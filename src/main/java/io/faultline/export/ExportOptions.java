package io.faultline.export;

import io.faultline.model.TimeWindow;

/**
 * What to export.
 *
 * @param range     the part of the timeline to export; null exports the whole window of the evidence
 * @param title     the title written into the export; null or blank gives {@link #DEFAULT_TITLE}
 * @param redaction what the exporter replaces in every text it writes (see {@link Redaction}); null or empty
 *                  replaces nothing
 */
public record ExportOptions(TimeWindow range, String title, Redaction redaction) {
    public static final String DEFAULT_TITLE = "Faultline timeline";

    public ExportOptions {
        title = title == null || title.isBlank() ? DEFAULT_TITLE : title;
        redaction = redaction == null ? Redaction.none() : redaction;
    }

    /** Nothing redacted. */
    public ExportOptions(TimeWindow range, String title) {
        this(range, title, null);
    }

    /** The whole window with the default title. */
    public static ExportOptions whole() {
        return new ExportOptions(null, null);
    }

    /** Whether the export replaces anything. */
    public boolean redact() {
        return !redaction.isEmpty();
    }

    /** The same options with {@code r} to apply. */
    public ExportOptions withRedaction(Redaction r) {
        return new ExportOptions(range, title, r);
    }
}
