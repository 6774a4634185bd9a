package io.faultline.model;

/** What an annotation is attached to. */
public sealed interface AnnotationTarget {
    /** The instant the target starts at, for ordering and jumping. */
    long startNanos();

    /** The instant the target ends at (equal to start for point targets). */
    long endNanos();

    record OnEvent(String eventId, long startNanos) implements AnnotationTarget {
        public long endNanos() {
            return startNanos;
        }
    }

    record OnSpan(String spanId, long startNanos, long endNanos) implements AnnotationTarget {
    }

    record OnRange(long startNanos, long endNanos) implements AnnotationTarget {
        public OnRange {
            if (endNanos < startNanos) {
                throw new IllegalArgumentException("range ends before it starts");
            }
        }
    }
}
