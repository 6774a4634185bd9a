package io.faultline.model;

/** What a span of time stands for. */
public enum SpanKind {
    /** One healthcheck probe run of a container. */
    HEALTHCHECK_RUN,
    /** A period a container was up (start to die). */
    CONTAINER_UP
}
