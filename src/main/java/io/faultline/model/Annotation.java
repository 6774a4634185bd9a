package io.faultline.model;

import java.util.List;

/** A note the engineer put on the evidence. Times are UTC epoch nanoseconds. */
public record Annotation(String id, AnnotationTarget target, String note, List<String> tags, String author,
                         long createdNanos, long editedNanos) {
    public Annotation {
        java.util.Objects.requireNonNull(id, "id");
        java.util.Objects.requireNonNull(target, "target");
        note = note == null ? "" : note;
        tags = tags == null ? List.of() : List.copyOf(tags);
        author = author == null ? "" : author;
    }
}
