package io.faultline.analysis;

import io.faultline.model.Container;
import io.faultline.model.EventTable;
import io.faultline.model.Evidence;
import io.faultline.model.Series;
import io.faultline.model.Severity;
import io.faultline.model.Span;
import io.faultline.model.SpanKind;
import io.faultline.model.TimeWindow;
import io.faultline.timeline.TimelineIndex;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The case at a glance, over one time window: the peak disk %util, the healthcheck runs and how many failed, the
 * longest streak of failing runs of one container, the container restarts seen in docker events and the peak of error
 * lines per minute, each with where it happens so a view can go there. Pure: computed from the evidence and the index
 * in one pass over each (the events are read from the severity column, none is built).
 *
 * @param window      the window the values are computed over
 * @param diskPeak    the highest %util of any disk; null when there is no %util series in the window
 * @param health      the healthcheck runs that start in the window
 * @param streak      the longest run of consecutive failing runs of one container; null when no run failed
 * @param restarts    the container restarts seen in the window
 * @param errors      the minute with the most error lines (severity err and worse)
 */
public record Glance(TimeWindow window, DiskPeak diskPeak, HealthRuns health, Streak streak, Restarts restarts,
                     ErrorPeak errors) {
    private static final long MINUTE = 60_000_000_000L;
    /** The source of docker events (the ingest's name for it). */
    private static final String DOCKER_EVENTS = "docker-events";

    /** The highest %util sample: its value, disk and time (the first sample at that value). */
    public record DiskPeak(String host, String device, double util, long timeNanos) {
    }

    /**
     * Healthcheck runs: how many, how many failed (exit code other than 0: 1, or -1 for a probe that never returned),
     * and the first failed run (null when none); the first run when there is no failure (null when there are none).
     */
    public record HealthRuns(int runs, int failures, Span firstFailure, Span firstRun) {
    }

    /** {@code runs} failing runs of one container in a row, the first of them and the last one's end. */
    public record Streak(String containerId, int runs, Span first, long endNanos) {
    }

    /**
     * Restarts: a docker event {@code container start} of a container after a {@code container die} of the same
     * container (the rule the ingest counts by). {@code firstIndex} is the first restart's start event in the timeline
     * (-1 when none) and {@code firstContainer} its container; {@code inspectTotal} is the sum of the containers' restart
     * counts (docker inspect's lifetime count, or what the events showed if more).
     */
    public record Restarts(int count, int firstIndex, String firstContainer, int inspectTotal) {
    }

    /**
     * The minute (aligned to the clock's whole minutes, UTC) with the most error lines: how many, where it starts, and
     * the index of its first error line in the timeline (-1 when there is none); {@code total}: error lines in the window.
     */
    public record ErrorPeak(int perMinute, long minuteNanos, int firstIndex, int total) {
    }

    /** The glance over {@code window}: events, runs and samples whose time (start) lies in it. */
    public static Glance of(Evidence evidence, TimelineIndex index, TimeWindow window) {
        List<Span> runs = new ArrayList<>();
        for (Span s : evidence.spans()) {
            if (s.kind() == SpanKind.HEALTHCHECK_RUN && window.contains(s.startNanos())) {
                runs.add(s);
            }
        }
        runs.sort(Comparator.comparingLong(Span::startNanos));
        return new Glance(window, diskPeak(evidence.series(), window), health(runs), streak(runs),
                restarts(index, window, evidence.containers()), errors(index, window));
    }

    private static DiskPeak diskPeak(List<Series> series, TimeWindow window) {
        DiskPeak best = null;
        for (Series s : series) {
            if (!s.metric().equals("util")) {
                continue;
            }
            for (int i = 0; i < s.size(); i++) {
                double v = s.valueAt(i);
                long t = s.timeAt(i);
                if (window.contains(t) && !Double.isNaN(v) && (best == null || v > best.util() || v == best.util() && t < best.timeNanos())) {
                    best = new DiskPeak(s.host(), s.device(), v, t);
                }
            }
        }
        return best;
    }

    private static boolean failed(Span run) {
        return run.exitCode() != null && run.exitCode() != 0;
    }

    private static HealthRuns health(List<Span> runs) {
        int failures = 0;
        Span first = null;
        for (Span r : runs) {
            if (failed(r)) {
                failures++;
                first = first == null ? r : first;
            }
        }
        return new HealthRuns(runs.size(), failures, first, runs.isEmpty() ? null : runs.getFirst());
    }

    /** Per container in time order; a run with no known exit code breaks a streak. The earliest wins a tie. */
    private static Streak streak(List<Span> runs) {
        Map<String, List<Span>> byContainer = new LinkedHashMap<>();
        for (Span r : runs) {
            byContainer.computeIfAbsent(String.valueOf(r.containerId()), k -> new ArrayList<>()).add(r);
        }
        Streak best = null;
        for (List<Span> list : byContainer.values()) {
            int length = 0;
            Span first = null;
            for (Span r : list) {
                if (failed(r)) {
                    first = length == 0 ? r : first;
                    length++;
                    if (best == null || length > best.runs() || length == best.runs() && first.startNanos() < best.first().startNanos()) {
                        best = new Streak(r.containerId(), length, first, r.endNanos());
                    }
                } else {
                    length = 0;
                }
            }
        }
        return best;
    }

    /** Reads the message of docker events only (found by their source column). */
    private static Restarts restarts(TimelineIndex index, TimeWindow window, List<Container> containers) {
        EventTable table = index.events();
        int from = index.lowerBound(window.fromNanos());
        int to = Math.max(from, index.lowerBound(window.toNanos()));
        Map<String, Boolean> died = new HashMap<>();
        int count = 0;
        int first = -1;
        String firstContainer = null;
        for (int i = from; i < to; i++) {
            if (!DOCKER_EVENTS.equals(table.value(EventTable.Column.SOURCE, i))) {
                continue;
            }
            String container = table.value(EventTable.Column.CONTAINER, i);
            String message = table.message(i);
            if (container == null) {
                continue;
            }
            if (message.startsWith("container die")) {
                died.put(container, true);
            } else if (message.startsWith("container start") && died.getOrDefault(container, false)) {
                died.put(container, false);
                count++;
                if (first < 0) {
                    first = i;
                    firstContainer = container;
                }
            }
        }
        int inspect = 0;
        for (Container c : containers) {
            inspect += Math.max(0, c.restartCount());
        }
        return new Restarts(count, first, firstContainer, inspect);
    }

    private static ErrorPeak errors(TimelineIndex index, TimeWindow window) {
        EventTable table = index.events();
        int from = index.lowerBound(window.fromNanos());
        int to = Math.max(from, index.lowerBound(window.toNanos()));
        int worst = Severity.ERR.ordinal();
        int total = 0;
        int best = 0;
        long bestMinute = window.fromNanos();
        int bestFirst = -1;
        long minute = Long.MIN_VALUE;
        int inMinute = 0;
        int firstInMinute = -1;
        for (int i = from; i < to; i++) {
            if (table.severityOrdinal(i) > worst || !table.timed(i)) {
                continue;
            }
            total++;
            long m = Math.floorDiv(table.time(i), MINUTE) * MINUTE;
            if (m != minute) {
                minute = m;
                inMinute = 0;
                firstInMinute = i;
            }
            inMinute++;
            if (inMinute > best) {
                best = inMinute;
                bestMinute = minute;
                bestFirst = firstInMinute;
            }
        }
        return new ErrorPeak(best, bestMinute, bestFirst, total);
    }
}
