package io.faultline.model;

/**
 * A container as seen by docker inspect / ps / events.
 *
 * @param healthcheck  null when none is configured
 * @param restartCount restarts seen (inspect RestartCount, or more restarts counted from events)
 * @param healthStatus last health status from inspect, or null
 */
public record Container(String id, String name, String host, String image, Healthcheck healthcheck,
                        String restartPolicy, int restartCount, String healthStatus, SourceRef origin) {
    public Container {
        java.util.Objects.requireNonNull(id, "id");
        name = name == null ? "" : (name.startsWith("/") ? name.substring(1) : name);
    }

    public String shortId() {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }

    /** Name if known, else the short id. */
    public String label() {
        return name.isEmpty() ? shortId() : name;
    }
}
