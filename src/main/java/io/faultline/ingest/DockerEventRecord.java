package io.faultline.ingest;

import io.faultline.model.SourceRef;

import java.util.Map;

/**
 * A docker event kept for the cross-entry step (exec pairs, up periods, restarts) after every entry is read.
 *
 * @param timeNanos on the laptop's axis (clock offset applied)
 */
record DockerEventRecord(String host, String type, String action, String actorId, Map<String, String> attributes,
                         long timeNanos, String eventId, SourceRef origin) {
    String attr(String key) {
        return attributes.get(key);
    }
}
