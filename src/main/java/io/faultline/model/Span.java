package io.faultline.model;

/**
 * A period of time: a healthcheck run or a container up period.
 *
 * @param exitCode the run's exit code or the container's exit code at die; null when unknown.
 *                 Docker reports -1 for a probe that never returned (timeout): not a process status.
 * @param output   the healthcheck output, or a short description; never null
 */
public record Span(String id, SpanKind kind, String host, String containerId, long startNanos, long endNanos,
                   Integer exitCode, String output, SourceRef origin) {
    public Span {
        java.util.Objects.requireNonNull(id, "id");
        java.util.Objects.requireNonNull(kind, "kind");
        if (endNanos < startNanos) {
            endNanos = startNanos;
        }
        output = output == null ? "" : output;
    }

    public long durationNanos() {
        return endNanos - startNanos;
    }
}
