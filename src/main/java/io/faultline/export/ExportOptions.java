package io.faultline.export;

import io.faultline.model.TimeWindow;

/**
 * What to export.
 *
 * @param range  the part of the timeline to export; null exports the whole window of the evidence
 * @param title  the title written into the export; null or blank gives {@link #DEFAULT_TITLE}
 * @param redact replace addresses, user and host names and secrets before writing, for sharing (the window's export
 *               dialog asks for it, on by default for HTML)
 */
public record ExportOptions(TimeWindow range, String title, boolean redact) {
    public static final String DEFAULT_TITLE = "Faultline timeline";

    public ExportOptions {
        title = title == null || title.isBlank() ? DEFAULT_TITLE : title;
    }

    /** Not redacted. */
    public ExportOptions(TimeWindow range, String title) {
        this(range, title, false);
    }

    /** The whole window with the default title. */
    public static ExportOptions whole() {
        return new ExportOptions(null, null);
    }
}
