package io.faultline.ingest;

import io.faultline.model.Container;
import io.faultline.model.Event;
import io.faultline.model.Span;
import io.faultline.model.SpanKind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Healthcheck runs seen only in the journal, run beside {@link DockerCorrelator} once every event is read and its
 * container id resolved. systemd logs {@code run-docker-runtime\x2drunc-moby-<id>-runc.<rand>.mount: Deactivated
 * successfully.} (older: {@code Succeeded.}) when a runc exec of that container ends; each such line becomes a
 * HEALTHCHECK_RUN span at the line's time, zero long, exit code null, output {@value #OUTPUT}, when the container has a
 * healthcheck configured (then a line cut by the pager before its status counts too) or the line is the whole exec
 * pattern (no configuration known: every exec counts, as with {@code exec_start} events). A line without a time
 * ({@code journalctl -o cat}) places no run.
 *
 * <p>Not a new run, within {@value #DEDUPE_SECONDS} s of the line, for the same container: a run already known, from its
 * start to its end (Health.Log, {@code exec_start}/{@code exec_die}: they carry exit code, duration and output and are
 * kept), a
 * CONTAINER_UP start (runc mounts the same way when it starts the container), or an earlier line of the same mount
 * (the same {@code <rand>}, or one of them not visible): systemd[1] and a user manager {@code systemd[NNNN]} both log
 * every exec, in either order.
 *
 * <p>dockerd also logs each probe that timed out: {@code Health check for container <id> error: context deadline
 * exceeded} (a logrus warning, written when the probe's timeout fires). dockerd keeps only its last 256 events, so on a
 * busy healthcheck {@code docker events} covers the last minutes of a window while these lines cover all of it. Each
 * becomes a HEALTHCHECK_RUN ending at the line's time, starting the container's configured timeout earlier (zero long
 * when the configuration is unknown), exit code -1 (never returned), output {@value #TIMEOUT_OUTPUT}; unless a run
 * already known ends within {@value #DEDUPE_SECONDS} s of it.
 */
final class JournalHealthRuns {
    static final String OUTPUT = "seen in the journal: runc exec mount deactivated";
    static final String TIMEOUT_OUTPUT = "seen in dockerd's log: context deadline exceeded (the probe timed out)";
    private static final Pattern TIMEOUT = Pattern.compile(
            "Health check for container ([0-9a-f]{12,64}) error: context deadline exceeded");
    private static final int DEDUPE_SECONDS = 1;
    private static final long DEDUPE_NANOS = DEDUPE_SECONDS * 1_000_000_000L;

    private JournalHealthRuns() {
    }

    /** Adds the runs {@code events} (time-ordered, ids resolved; read once, in order) give to {@code spans}. */
    static void add(Iterable<Event> events, List<Span> spans, Containers containers) {
        Map<String, Known> known = new HashMap<>();
        for (Span s : spans) {
            if (s.containerId() != null) {
                known.computeIfAbsent(containers.resolve(s.containerId()), k -> new Known()).add(s);
            }
        }
        Map<String, TreeMap<Long, List<String>>> seen = new HashMap<>();
        List<Span> added = new ArrayList<>();
        for (Event ev : events) {
            Span timedOut = timedOut(ev, containers, known);
            if (timedOut != null) {
                added.add(timedOut);
                continue;
            }
            if (ev.containerId() == null || ev.timeText() == null || ev.timeText().isEmpty()) {
                continue;
            }
            ContainerLinks.RuncMount m = ContainerLinks.runcExec(ev.message(), ev.unit());
            if (m == null) {
                continue;
            }
            Container c = containers.find(ev.containerId());
            if (!m.exec() && (c == null || c.healthcheck() == null)) {
                continue;
            }
            String id = containers.resolve(ev.containerId());
            long t = ev.timeNanos();
            Known runs = known.get(id);
            if (runs != null && runs.near(t)) {
                continue;
            }
            TreeMap<Long, List<String>> lines = seen.computeIfAbsent(id, k -> new TreeMap<>());
            boolean duplicate = lines.subMap(t - DEDUPE_NANOS, true, t + DEDUPE_NANOS, true).values().stream()
                    .flatMap(List::stream).anyMatch(r -> r.isEmpty() || m.rand() == null || r.equals(m.rand()));
            lines.computeIfAbsent(t, k -> new ArrayList<>()).add(m.rand() == null ? "" : m.rand());
            if (!duplicate) {
                added.add(new Span(ev.id() + "/run", SpanKind.HEALTHCHECK_RUN, ev.host(), id, t, t, null, OUTPUT, ev.origin()));
            }
        }
        spans.addAll(added);
    }

    /** The timed-out run a dockerd "context deadline exceeded" line stands for, or null. */
    private static Span timedOut(Event ev, Containers containers, Map<String, Known> known) {
        if (!ev.timed() || !ev.message().contains("context deadline exceeded")) {
            return null;
        }
        Matcher m = TIMEOUT.matcher(ev.message());
        if (!m.find()) {
            return null;
        }
        String id = containers.resolve(m.group(1));
        long end = ev.timeNanos();
        Known runs = known.get(id);
        if (runs != null && runs.near(end)) {
            return null;
        }
        Container c = containers.find(id);
        long timeout = c == null || c.healthcheck() == null ? 0 : c.healthcheck().timeoutNanos();
        return new Span(ev.id() + "/timeout", SpanKind.HEALTHCHECK_RUN, ev.host(), id, end - timeout, end, -1, TIMEOUT_OUTPUT,
                ev.origin());
    }

    /** One container's known runs and up periods: a healthcheck run, up period or start near a line's time. */
    private static final class Known {
        private final TreeMap<Long, Long> endByStart = new TreeMap<>();
        private long longestRun;

        void add(Span s) {
            long end = s.kind() == SpanKind.HEALTHCHECK_RUN ? s.endNanos() : s.startNanos();
            endByStart.merge(s.startNanos(), end, Math::max);
            longestRun = Math.max(longestRun, end - s.startNanos());
        }

        /** True when a run is within 1 s of {@code t} (the mount goes when the exec ends: a 3 s probe logs 3 s after its start). */
        boolean near(long t) {
            NavigableMap<Long, Long> candidates = endByStart.subMap(t - DEDUPE_NANOS - longestRun, true, t + DEDUPE_NANOS, true);
            return candidates.values().stream().anyMatch(end -> end >= t - DEDUPE_NANOS);
        }
    }
}
