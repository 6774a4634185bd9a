package io.faultline.ingest;

import io.faultline.model.Container;
import io.faultline.model.Healthcheck;
import io.faultline.model.Span;
import io.faultline.model.SpanKind;
import io.faultline.model.TimeWindow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The docker step that needs every entry read first. Per container, in event order:
 * {@code exec_start: <cmd>} pairs with the {@code exec_die} of the same exec id (else the next
 * {@code exec_die}) into a HEALTHCHECK_RUN span when the command is the container's configured
 * healthcheck (every exec counts when no healthcheck is known); such a span is dropped when a
 * {@code Health.Log} run of the same container starts within 1 s of it (inspect's run has the output).
 * {@code start} pairs with the next {@code die} into a CONTAINER_UP span (an inspect up period starting
 * within 1 s of it is then dropped); a start with no die runs to the window's end. Restarts are starts
 * after a die; {@link Container#restartCount()} becomes the larger of inspect's and this count.
 */
final class DockerCorrelator {
    private static final long DEDUPE_NANOS = 1_000_000_000L;

    private DockerCorrelator() {
    }

    /** Adds spans to {@code spans} and returns the containers with restart counts and event-only containers added. */
    static List<Container> correlate(List<DockerEventRecord> records, List<Span> spans, List<Container> containers,
                                     TimeWindow window) {
        Map<String, List<DockerEventRecord>> byContainer = new LinkedHashMap<>();
        List<Container> all = new ArrayList<>(containers);
        for (DockerEventRecord r : records) {
            if ("container".equals(r.type()) && r.actorId() != null) {
                byContainer.computeIfAbsent(r.actorId(), k -> new ArrayList<>()).add(r);
                all.add(new Container(r.actorId(), r.attr("name"), r.host(), r.attr("image"), null, null, 0, null, r.origin()));
            }
        }
        List<Container> merged = Containers.merge(all);
        List<Span> added = new ArrayList<>();
        Map<String, Integer> restarts = new HashMap<>();
        for (Map.Entry<String, List<DockerEventRecord>> e : byContainer.entrySet()) {
            String id = e.getKey();
            List<DockerEventRecord> list = new ArrayList<>(e.getValue());
            list.sort((a, b) -> Long.compare(a.timeNanos(), b.timeNanos()));
            Container c = Containers.find(merged, id);
            Healthcheck hc = c == null ? null : c.healthcheck();
            restarts.put(id, walk(id, list, hc, spans, added, window));
        }
        spans.removeIf(s -> s.kind() == SpanKind.CONTAINER_UP
                && added.stream().anyMatch(a -> a.kind() == SpanKind.CONTAINER_UP && sameContainer(a, s)
                && Math.abs(a.startNanos() - s.startNanos()) <= DEDUPE_NANOS));
        spans.addAll(added);
        List<Container> out = new ArrayList<>();
        for (Container c : merged) {
            int counted = 0;
            for (Map.Entry<String, Integer> r : restarts.entrySet()) {
                if (Containers.samePrefix(r.getKey(), c.id())) {
                    counted = Math.max(counted, r.getValue());
                }
            }
            out.add(counted > c.restartCount() ? new Container(c.id(), c.name(), c.host(), c.image(), c.healthcheck(),
                    c.restartPolicy(), counted, c.healthStatus(), c.origin()) : c);
        }
        return out;
    }

    private static int walk(String id, List<DockerEventRecord> list, Healthcheck hc, List<Span> existing, List<Span> added,
                            TimeWindow window) {
        Map<String, DockerEventRecord> execById = new HashMap<>();
        Deque<DockerEventRecord> execQueue = new ArrayDeque<>();
        DockerEventRecord started = null;
        boolean died = false;
        int restarts = 0;
        for (DockerEventRecord r : list) {
            String action = r.action();
            if (action.startsWith("exec_start")) {
                execQueue.add(r);
                if (r.attr("execID") != null) {
                    execById.put(r.attr("execID"), r);
                }
            } else if (action.startsWith("exec_die")) {
                DockerEventRecord start = r.attr("execID") != null ? execById.remove(r.attr("execID")) : null;
                if (start == null) {
                    start = execQueue.poll();
                } else {
                    execQueue.remove(start);
                }
                if (start != null) {
                    if (start.attr("execID") != null) {
                        execById.remove(start.attr("execID"));
                    }
                    exec(id, start, r, hc, existing, added);
                }
            } else if (action.equals("start")) {
                if (died) {
                    restarts++;
                    died = false;
                }
                started = r;
            } else if (action.equals("die")) {
                died = true;
                if (started != null) {
                    added.add(new Span(started.eventId() + "/up", SpanKind.CONTAINER_UP, r.host(), id, started.timeNanos(),
                            r.timeNanos(), exitCode(r), "up until die exitCode=" + r.attr("exitCode") + " (docker events)",
                            started.origin()));
                    started = null;
                }
            }
        }
        for (DockerEventRecord s : execQueue) {
            exec(id, s, null, hc, existing, added);
        }
        if (started != null) {
            long end = window != null ? Math.max(started.timeNanos(), window.toNanos()) : list.getLast().timeNanos();
            added.add(new Span(started.eventId() + "/up", SpanKind.CONTAINER_UP, started.host(), id, started.timeNanos(), end,
                    null, "up; no die in the events" + (window != null ? " (span ends with the window)" : ""), started.origin()));
        }
        return restarts;
    }

    private static void exec(String id, DockerEventRecord start, DockerEventRecord die, Healthcheck hc, List<Span> existing,
                             List<Span> added) {
        String action = start.action();
        int colon = action.indexOf(':');
        String command = colon < 0 ? "" : action.substring(colon + 1).trim();
        if (hc != null && !isHealthcheck(command, hc.test())) {
            return;
        }
        boolean logged = existing.stream().anyMatch(s -> s.kind() == SpanKind.HEALTHCHECK_RUN && s.containerId() != null
                && Containers.samePrefix(s.containerId(), id) && Math.abs(s.startNanos() - start.timeNanos()) <= DEDUPE_NANOS);
        if (logged) {
            return;
        }
        String output = (hc == null ? "exec (no healthcheck configuration known): " : "healthcheck exec: ") + command
                + (die == null ? " [no exec_die seen: unfinished, span ends at its start]" : "");
        added.add(new Span(start.eventId() + "/exec", SpanKind.HEALTHCHECK_RUN, start.host(), id, start.timeNanos(),
                die == null ? start.timeNanos() : die.timeNanos(), die == null ? null : exitCode(die), output, start.origin()));
    }

    /** True when an exec's command line is the one docker runs for the configured test. */
    static boolean isHealthcheck(String command, List<String> test) {
        if (test.isEmpty()) {
            return true;
        }
        String expected = switch (test.getFirst()) {
            case "CMD-SHELL" -> "/bin/sh -c " + String.join(" ", test.subList(1, test.size()));
            case "CMD" -> String.join(" ", test.subList(1, test.size()));
            default -> String.join(" ", test);
        };
        return command.equals(expected) || command.endsWith(String.join(" ", test.subList(1, test.size())));
    }

    private static boolean sameContainer(Span a, Span b) {
        return a.containerId() != null && b.containerId() != null && Containers.samePrefix(a.containerId(), b.containerId());
    }

    private static Integer exitCode(DockerEventRecord r) {
        String v = r.attr("exitCode");
        return v != null && v.matches("-?\\d+") ? Integer.valueOf(v) : null;
    }
}
