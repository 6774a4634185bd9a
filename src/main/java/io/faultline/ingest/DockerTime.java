package io.faultline.ingest;

import io.faultline.model.EpochNanos;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Docker's RFC 3339 times with nanoseconds and their own offsets, and the zero-time sentinel. */
final class DockerTime {
    private DockerTime() {
    }

    /** True for Go's zero time {@code 0001-01-01T00:00:00Z}: "never happened / not finished". */
    static boolean isZero(String text) {
        return text != null && text.startsWith("0001-01-01");
    }

    /**
     * Epoch nanos of an RFC 3339 time (any offset), or null when absent or the zero time.
     *
     * @throws DateTimeParseException when the text is not such a time
     */
    static Long parse(String text) {
        if (text == null || text.isBlank() || isZero(text)) {
            return null;
        }
        return EpochNanos.of(OffsetDateTime.parse(text.trim()).toInstant());
    }
}
