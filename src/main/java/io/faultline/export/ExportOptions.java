package io.faultline.export;

import io.faultline.model.TimeWindow;

/**
 * What to export.
 *
 * @param range the part of the timeline to export; null exports the whole window of the evidence
 * @param title the title written into the export; null or blank gives {@link #DEFAULT_TITLE}
 */
public record ExportOptions(TimeWindow range, String title) {
    public static final String DEFAULT_TITLE = "Faultline timeline";

    public ExportOptions {
        title = title == null || title.isBlank() ? DEFAULT_TITLE : title;
    }

    /** The whole window with the default title. */
    public static ExportOptions whole() {
        return new ExportOptions(null, null);
    }
}
