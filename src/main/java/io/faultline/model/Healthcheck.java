package io.faultline.model;

import java.util.List;

/** A container's configured healthcheck (docker inspect Config.Healthcheck; durations in nanoseconds). */
public record Healthcheck(List<String> test, long intervalNanos, long timeoutNanos, int retries, long startPeriodNanos) {
    public Healthcheck {
        test = test == null ? List.of() : List.copyOf(test);
    }
}
