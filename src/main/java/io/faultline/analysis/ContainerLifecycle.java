package io.faultline.analysis;

import io.faultline.model.Container;
import io.faultline.model.Event;
import io.faultline.model.Span;
import io.faultline.model.SpanKind;
import io.faultline.timeline.Facet;
import io.faultline.timeline.TimelineIndex;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each container's life on the timeline: its up periods ({@link SpanKind#CONTAINER_UP} spans) and the docker events
 * that change its state (create, start, die with its exit code, kill with its signal, oom, restart, stop, destroy,
 * health_status). Where the events do not cover a container, docker inspect's State stands in: an up period read from
 * inspect gives a start marker and, when it ended, a die marker with inspect's exit code.
 */
public final class ContainerLifecycle {
    /** The docker event source name (see the docker events parser). */
    public static final String DOCKER_EVENTS = "docker-events";
    private static final int ID_PREFIX = 12;

    public enum Kind { CREATE, START, RESTART, HEALTH, KILL, DIE, OOM, STOP, DESTROY }

    /**
     * One state change.
     *
     * @param eventIndex the docker event's index in the timeline; -1 when it comes from docker inspect
     */
    public record Marker(Kind kind, long timeNanos, String label, int eventIndex) {
        public boolean fromInspect() {
            return eventIndex < 0;
        }
    }

    /** One container: its up periods and state changes, each in time order. */
    public record Row(String containerId, String label, List<Span> up, List<Marker> markers) {
        public Row {
            up = List.copyOf(up);
            markers = List.copyOf(markers);
        }
    }

    private ContainerLifecycle() {
    }

    public static List<Row> of(TimelineIndex index, List<Container> containers, List<Span> spans) {
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, List<Marker>> markers = new LinkedHashMap<>();
        Map<String, List<Span>> up = new LinkedHashMap<>();
        for (Container c : containers) {
            labels.put(key(c.id()), c.label());
        }
        int source = index.facets().idOf(Facet.SOURCE, DOCKER_EVENTS);
        if (source > 0) {
            for (int i = 0; i < index.size(); i++) {
                if (index.facets().id(Facet.SOURCE, i) != source) {
                    continue;
                }
                Event e = index.event(i);
                Marker m = marker(e, i);
                if (m == null) {
                    continue;
                }
                String id = e.fields().getOrDefault("Actor.ID", e.containerId());
                if (id == null) {
                    continue;
                }
                String k = key(id);
                labels.putIfAbsent(k, nameOr(e.fields().get("Actor.Attributes.name"), k));
                markers.computeIfAbsent(k, x -> new ArrayList<>()).add(m);
            }
        }
        for (Span s : spans) {
            if (s.kind() == SpanKind.CONTAINER_UP && s.containerId() != null) {
                String k = key(s.containerId());
                labels.putIfAbsent(k, k);
                up.computeIfAbsent(k, x -> new ArrayList<>()).add(s);
            }
        }
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, String> e : labels.entrySet()) {
            String k = e.getKey();
            List<Span> periods = new ArrayList<>(up.getOrDefault(k, List.of()));
            List<Marker> ms = new ArrayList<>(markers.getOrDefault(k, List.of()));
            periods.sort(Comparator.comparingLong(Span::startNanos));
            for (Span s : periods) {
                if (s.output().endsWith("(docker inspect)") || s.output().startsWith("running at inspect")) {
                    addFromInspect(s, ms);
                }
            }
            if (periods.isEmpty() && ms.isEmpty()) {
                continue;
            }
            ms.sort(Comparator.comparingLong(Marker::timeNanos));
            String fullId = periods.isEmpty() ? k : periods.getFirst().containerId();
            rows.add(new Row(fullId, e.getValue(), periods, ms));
        }
        return List.copyOf(rows);
    }

    /** Adds inspect's start (and die) of an up period unless a docker event already marks it within a second. */
    private static void addFromInspect(Span s, List<Marker> ms) {
        if (ms.stream().noneMatch(m -> (m.kind() == Kind.START || m.kind() == Kind.RESTART)
                && Math.abs(m.timeNanos() - s.startNanos()) <= 1_000_000_000L)) {
            ms.add(new Marker(Kind.START, s.startNanos(), "start (inspect State.StartedAt)", -1));
        }
        if (s.exitCode() != null && ms.stream().noneMatch(m -> m.kind() == Kind.DIE
                && Math.abs(m.timeNanos() - s.endNanos()) <= 1_000_000_000L)) {
            ms.add(new Marker(Kind.DIE, s.endNanos(), "die exit " + s.exitCode() + " (inspect State.FinishedAt)", -1));
        }
    }

    /** The marker of a container docker event, or null when its action is not a state change. */
    static Marker marker(Event e, int index) {
        Map<String, String> f = e.fields();
        if (!"container".equals(f.getOrDefault("Type", "container"))) {
            return null;
        }
        String action = f.getOrDefault("Action", "");
        String exit = f.get("Actor.Attributes.exitCode");
        String signal = f.get("Actor.Attributes.signal");
        long t = e.timeNanos();
        if (action.startsWith("health_status")) {
            int colon = action.indexOf(':');
            String status = colon < 0 ? f.getOrDefault("Actor.Attributes.health_status", "?") : action.substring(colon + 1).strip();
            return new Marker(Kind.HEALTH, t, "health_status " + status, index);
        }
        return switch (action) {
            case "create" -> new Marker(Kind.CREATE, t, "create", index);
            case "start" -> new Marker(Kind.START, t, "start", index);
            case "restart" -> new Marker(Kind.RESTART, t, "restart", index);
            case "die" -> new Marker(Kind.DIE, t, exit == null ? "die" : "die exit " + exit, index);
            case "kill" -> new Marker(Kind.KILL, t, signal == null ? "kill" : "kill signal " + signal, index);
            case "oom" -> new Marker(Kind.OOM, t, "oom (out of memory)", index);
            case "stop" -> new Marker(Kind.STOP, t, "stop", index);
            case "destroy" -> new Marker(Kind.DESTROY, t, "destroy", index);
            default -> null;
        };
    }

    private static String key(String id) {
        return id.length() > ID_PREFIX ? id.substring(0, ID_PREFIX) : id;
    }

    private static String nameOr(String name, String id) {
        return name == null || name.isEmpty() ? id : (name.startsWith("/") ? name.substring(1) : name);
    }
}
