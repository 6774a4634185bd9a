package io.faultline.model;

import java.util.List;

/**
 * A note the engineer put on the evidence. Times are UTC epoch nanoseconds.
 *
 * @param severity how much it matters to the write-up; never null
 * @param author   who wrote it (the name set in the user's profile), or an empty string
 */
public record Annotation(String id, AnnotationTarget target, String note, List<String> tags, NoteSeverity severity,
                         String author, long createdNanos, long editedNanos) {
    public Annotation {
        java.util.Objects.requireNonNull(id, "id");
        java.util.Objects.requireNonNull(target, "target");
        note = note == null ? "" : note;
        tags = tags == null ? List.of() : List.copyOf(tags);
        severity = severity == null ? NoteSeverity.INFO : severity;
        author = author == null ? "" : author;
    }

    /** A note of severity {@link NoteSeverity#INFO}. */
    public Annotation(String id, AnnotationTarget target, String note, List<String> tags, String author,
                      long createdNanos, long editedNanos) {
        this(id, target, note, tags, NoteSeverity.INFO, author, createdNanos, editedNanos);
    }
}
