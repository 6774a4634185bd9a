package io.faultline.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faultline.capture.Json;
import io.faultline.model.Annotation;
import io.faultline.model.AnnotationLayer;
import io.faultline.model.AnnotationTarget;
import io.faultline.model.CausalLink;
import io.faultline.model.Container;
import io.faultline.model.Diagnostic;
import io.faultline.model.EpochNanos;
import io.faultline.model.Event;
import io.faultline.model.Evidence;
import io.faultline.model.Healthcheck;
import io.faultline.model.HostInfo;
import io.faultline.model.Series;
import io.faultline.model.Severity;
import io.faultline.model.SourceRef;
import io.faultline.model.Span;
import io.faultline.model.TimeWindow;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Builds the "faultline-timeline" JSON tree (schema in docs/export-json.md) shared by the JSON and the HTML
 * exporter: the evidence and its annotations restricted to the export range.
 */
final class TimelineTree {
    static final String SCHEMA = "faultline-timeline";
    static final int VERSION = 1;
    /** Buckets of the exact histogram embedded when events had to be left out. */
    static final int HISTOGRAM_BUCKETS = 2000;

    private TimelineTree() {
    }

    /**
     * @param maxEvents at most this many events are embedded (annotated events always are, the rest is an
     *                  evenly spaced sample); when events are left out, {@code eventsOmitted} and an exact
     *                  {@code histogram} of all events in range are added. {@link Integer#MAX_VALUE} keeps all.
     */
    static ObjectNode build(Evidence ev, AnnotationLayer ann, ExportOptions o, int maxEvents) {
        Objects.requireNonNull(ev, "evidence");
        Objects.requireNonNull(ann, "annotation layer");
        Objects.requireNonNull(o, "export options");
        TimeWindow w = o.range() == null ? ev.window() : o.range();

        List<Annotation> annotations = ann.annotations().stream()
                .filter(a -> w.overlaps(a.target().startNanos(), a.target().endNanos())).toList();
        Set<String> keptAnnotationIds = new HashSet<>();
        Set<String> annotatedEventIds = new HashSet<>();
        for (Annotation a : annotations) {
            keptAnnotationIds.add(a.id());
            if (a.target() instanceof AnnotationTarget.OnEvent e) {
                annotatedEventIds.add(e.eventId());
            }
        }

        ObjectNode root = Json.mapper().createObjectNode();
        root.put("schema", SCHEMA);
        root.put("version", VERSION);
        root.put("title", o.title());
        ObjectNode window = root.putObject("window");
        window.put("from", EpochNanos.iso(w.fromNanos()));
        window.put("to", EpochNanos.iso(w.toNanos()));

        ArrayNode hosts = root.putArray("hosts");
        for (HostInfo h : ev.hosts()) {
            host(hosts.addObject(), h, w);
        }

        List<Event> inRange = ev.events().stream().filter(e -> w.contains(e.timeNanos())).toList();
        List<Event> embedded = sample(inRange, annotatedEventIds, maxEvents);
        ArrayNode events = root.putArray("events");
        embedded.forEach(e -> event(events.addObject(), e));
        if (embedded.size() < inRange.size()) {
            root.put("eventsOmitted", inRange.size() - embedded.size());
            histogram(root.putObject("histogram"), inRange, w);
        }

        ArrayNode spans = root.putArray("spans");
        ev.spans().stream().filter(s -> w.overlaps(s.startNanos(), s.endNanos()))
                .forEach(s -> span(spans.addObject(), s));

        ArrayNode series = root.putArray("series");
        for (Series s : ev.series()) {
            series(series, s, w);
        }

        ArrayNode containers = root.putArray("containers");
        ev.containers().forEach(c -> container(containers.addObject(), c));

        ArrayNode anns = root.putArray("annotations");
        annotations.forEach(a -> annotation(anns.addObject(), a));

        ArrayNode links = root.putArray("links");
        ann.links().stream()
                .filter(l -> keptAnnotationIds.contains(l.fromId()) && keptAnnotationIds.contains(l.toId()))
                .forEach(l -> link(links.addObject(), l));

        ArrayNode diagnostics = root.putArray("diagnostics");
        ev.diagnostics().forEach(d -> diagnostic(diagnostics.addObject(), d));
        return root;
    }

    private static List<Event> sample(List<Event> inRange, Set<String> annotated, int max) {
        if (inRange.size() <= max) {
            return inRange;
        }
        int annotatedCount = (int) inRange.stream().filter(e -> annotated.contains(e.id())).count();
        int room = Math.max(0, max - annotatedCount);
        List<Event> out = new ArrayList<>(Math.min(max, inRange.size()));
        double step = room == 0 ? Double.POSITIVE_INFINITY : (double) inRange.size() / room;
        double next = 0;
        for (int i = 0; i < inRange.size(); i++) {
            Event e = inRange.get(i);
            boolean picked = i >= next;
            if (picked) {
                next += step;
            }
            if (annotated.contains(e.id()) || picked && out.size() < max) {
                out.add(e);
            }
        }
        return out;
    }

    private static void histogram(ObjectNode h, List<Event> inRange, TimeWindow w) {
        h.put("from", EpochNanos.iso(w.fromNanos()));
        h.put("to", EpochNanos.iso(w.toNanos()));
        h.put("buckets", HISTOGRAM_BUCKETS);
        long[] all = new long[HISTOGRAM_BUCKETS];
        long[] errors = new long[HISTOGRAM_BUCKETS];
        long[] warnings = new long[HISTOGRAM_BUCKETS];
        double width = Math.max(1, w.lengthNanos()) / (double) HISTOGRAM_BUCKETS;
        for (Event e : inRange) {
            int b = (int) Math.min(HISTOGRAM_BUCKETS - 1, (e.timeNanos() - w.fromNanos()) / width);
            all[b]++;
            if (e.severity().isError()) {
                errors[b]++;
            } else if (e.severity() == Severity.WARNING) {
                warnings[b]++;
            }
        }
        longs(h.putArray("all"), all);
        longs(h.putArray("errors"), errors);
        longs(h.putArray("warnings"), warnings);
    }

    private static void longs(ArrayNode a, long[] values) {
        for (long v : values) {
            a.add(v);
        }
    }

    private static void host(ObjectNode n, HostInfo h, TimeWindow w) {
        n.put("name", h.name());
        n.put("zone", h.zone());
        n.put("clockOffsetMs", h.clockOffsetMs());
        n.put("offsetUncertaintyMs", h.offsetUncertaintyMs());
        ArrayNode offsets = n.putArray("utcOffsets");
        ZoneRules rules;
        try {
            rules = ZoneId.of(h.zone()).getRules();
        } catch (DateTimeException e) {
            return;
        }
        Instant from = EpochNanos.toInstant(w.fromNanos());
        Instant to = EpochNanos.toInstant(w.toNanos());
        offset(offsets.addObject(), w.fromNanos(), rules.getOffset(from));
        ZoneOffsetTransition t = rules.nextTransition(from);
        while (t != null && t.getInstant().isBefore(to)) {
            offset(offsets.addObject(), EpochNanos.of(t.getInstant()), t.getOffsetAfter());
            t = rules.nextTransition(t.getInstant());
        }
    }

    private static void offset(ObjectNode n, long fromNanos, ZoneOffset offset) {
        n.put("from", EpochNanos.iso(fromNanos));
        n.put("seconds", offset.getTotalSeconds());
        n.put("text", offset.getId().equals("Z") ? "+00:00" : offset.getId());
    }

    private static void event(ObjectNode n, Event e) {
        n.put("id", e.id());
        n.put("time", EpochNanos.iso(e.timeNanos()));
        n.put("timeText", e.timeText());
        n.put("host", e.host());
        n.put("source", e.source());
        n.put("unit", e.unit());
        n.put("identifier", e.identifier());
        n.put("severity", e.severity().name());
        n.put("message", e.message());
        n.put("containerId", e.containerId());
        n.put("truncated", e.truncated());
        ObjectNode fields = n.putObject("fields");
        for (Map.Entry<String, String> f : e.fields().entrySet()) {
            fields.put(f.getKey(), f.getValue());
        }
        origin(n, e.origin());
    }

    private static void span(ObjectNode n, Span s) {
        n.put("id", s.id());
        n.put("kind", s.kind().name());
        n.put("host", s.host());
        n.put("containerId", s.containerId());
        n.put("start", EpochNanos.iso(s.startNanos()));
        n.put("end", EpochNanos.iso(s.endNanos()));
        n.put("durationNanos", s.durationNanos());
        if (s.exitCode() == null) {
            n.putNull("exitCode");
        } else {
            n.put("exitCode", s.exitCode().intValue());
        }
        n.put("output", s.output());
        origin(n, s.origin());
    }

    private static void series(ArrayNode out, Series s, TimeWindow w) {
        ArrayNode points = Json.mapper().createArrayNode();
        for (int i = 0; i < s.size(); i++) {
            if (w.contains(s.timeAt(i))) {
                ArrayNode p = points.addArray();
                p.add(EpochNanos.iso(s.timeAt(i)));
                double v = s.valueAt(i);
                if (Double.isFinite(v)) {
                    p.add(v);
                } else {
                    p.addNull();
                }
            }
        }
        if (points.isEmpty()) {
            return;
        }
        ObjectNode n = out.addObject();
        n.put("host", s.host());
        n.put("device", s.device());
        n.put("metric", s.metric());
        n.put("unit", s.unit());
        n.set("points", points);
    }

    private static void container(ObjectNode n, Container c) {
        n.put("id", c.id());
        n.put("name", c.name());
        n.put("host", c.host());
        n.put("image", c.image());
        Healthcheck h = c.healthcheck();
        if (h == null) {
            n.putNull("healthcheck");
        } else {
            ObjectNode hn = n.putObject("healthcheck");
            ArrayNode test = hn.putArray("test");
            h.test().forEach(test::add);
            hn.put("intervalNanos", h.intervalNanos());
            hn.put("timeoutNanos", h.timeoutNanos());
            hn.put("retries", h.retries());
            hn.put("startPeriodNanos", h.startPeriodNanos());
        }
        n.put("restartPolicy", c.restartPolicy());
        n.put("restartCount", c.restartCount());
        n.put("healthStatus", c.healthStatus());
        origin(n, c.origin());
    }

    private static void annotation(ObjectNode n, Annotation a) {
        n.put("id", a.id());
        ObjectNode t = n.putObject("target");
        switch (a.target()) {
            case AnnotationTarget.OnEvent e -> {
                t.put("type", "event");
                t.put("eventId", e.eventId());
            }
            case AnnotationTarget.OnSpan s -> {
                t.put("type", "span");
                t.put("spanId", s.spanId());
            }
            case AnnotationTarget.OnRange r -> t.put("type", "range");
        }
        t.put("from", EpochNanos.iso(a.target().startNanos()));
        t.put("to", EpochNanos.iso(a.target().endNanos()));
        n.put("note", a.note());
        ArrayNode tags = n.putArray("tags");
        a.tags().forEach(tags::add);
        n.put("author", a.author());
        n.put("created", EpochNanos.iso(a.createdNanos()));
        n.put("edited", EpochNanos.iso(a.editedNanos()));
    }

    private static void link(ObjectNode n, CausalLink l) {
        n.put("id", l.id());
        n.put("from", l.fromId());
        n.put("to", l.toId());
        n.put("type", l.type().name());
        n.put("label", l.type().label());
        n.put("note", l.note());
    }

    private static void diagnostic(ObjectNode n, Diagnostic d) {
        n.put("level", d.level().name());
        n.put("reason", d.reason());
        n.put("text", d.describe());
        origin(n, d.where());
    }

    private static void origin(ObjectNode n, SourceRef ref) {
        if (ref == null) {
            n.putNull("origin");
            return;
        }
        ObjectNode o = n.putObject("origin");
        o.put("entry", ref.entry());
        o.put("line", ref.line());
        o.put("byteOffset", ref.byteOffset());
    }
}
