package io.faultline.model;

/** What an annotation is attached to. */
public sealed interface AnnotationTarget {
    /** The instant the target starts at, for ordering and jumping. */
    long startNanos();

    /** The instant the target ends at (equal to start for point targets). */
    long endNanos();

    /** One log record. */
    record OnEvent(String eventId, long startNanos) implements AnnotationTarget {
        public long endNanos() {
            return startNanos;
        }
    }

    /**
     * A span: a healthcheck run or a container's up period.
     *
     * @param kind which of the two, or null when not known (a layer of version 1 did not record it)
     */
    record OnSpan(String spanId, SpanKind kind, long startNanos, long endNanos) implements AnnotationTarget {
        public OnSpan {
            if (endNanos < startNanos) {
                throw new IllegalArgumentException("span ends before it starts");
            }
        }

        /** A span of unknown kind. */
        public OnSpan(String spanId, long startNanos, long endNanos) {
            this(spanId, null, startNanos, endNanos);
        }
    }

    /** One sample of a series: host, device and metric name the series, {@code value} is what it read then. */
    record OnSeriesPoint(String host, String device, String metric, long startNanos, double value) implements AnnotationTarget {
        public OnSeriesPoint {
            java.util.Objects.requireNonNull(host, "host");
            java.util.Objects.requireNonNull(device, "device");
            java.util.Objects.requireNonNull(metric, "metric");
        }

        public long endNanos() {
            return startNanos;
        }

        /** "host device metric", as the CLI names a series. */
        public String seriesName() {
            return host + " " + device + " " + metric;
        }
    }

    /** A stretch of time. */
    record OnRange(long startNanos, long endNanos) implements AnnotationTarget {
        public OnRange {
            if (endNanos < startNanos) {
                throw new IllegalArgumentException("range ends before it starts");
            }
        }
    }
}
