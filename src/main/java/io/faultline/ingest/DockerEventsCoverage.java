package io.faultline.ingest;

import io.faultline.model.Diagnostic;
import io.faultline.model.EpochNanos;
import io.faultline.model.SourceRef;
import io.faultline.model.TimeWindow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * dockerd answers {@code docker events --since} from a ring of its last 256 events, so on a busy host the
 * stream begins well after the window does, silently. This says so, per entry, so an empty healthcheck or
 * restart lane early in the window is read as missing data and not as a quiet container.
 */
final class DockerEventsCoverage {
    /** dockerd's events ring (daemon/events: eventsLimit). */
    static final int DOCKERD_EVENT_RING = 256;
    private static final long GAP_NANOS = 10_000_000_000L;

    private DockerEventsCoverage() {
    }

    static void check(List<DockerEventRecord> events, TimeWindow window, Collector out) {
        if (window == null) {
            return;
        }
        Map<String, long[]> perEntry = new LinkedHashMap<>();
        Map<String, SourceRef> first = new LinkedHashMap<>();
        for (DockerEventRecord e : events) {
            String entry = e.origin().entry();
            long[] s = perEntry.computeIfAbsent(entry, k -> new long[] {Long.MAX_VALUE, 0});
            if (e.timeNanos() < s[0]) {
                s[0] = e.timeNanos();
                first.put(entry, e.origin());
            }
            s[1]++;
        }
        perEntry.forEach((entry, s) -> {
            long gap = s[0] - window.fromNanos();
            if (s[1] >= DOCKERD_EVENT_RING - 8 && gap > GAP_NANOS) {
                out.diagnostic(new Diagnostic(Diagnostic.Level.WARNING, first.get(entry), String.format(
                        "docker events begin at %s, %d s after the window starts, with %d events: dockerd keeps only its last %d"
                                + " events, so container events before then (healthcheck execs, restarts) are missing; inspect's"
                                + " Health.Log and the journal still cover part of them", EpochNanos.iso(s[0]), gap / 1_000_000_000L, s[1],
                        DOCKERD_EVENT_RING)));
            }
        });
    }
}
