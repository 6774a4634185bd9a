package io.faultline.export;

import com.fasterxml.jackson.core.JsonGenerator;
import io.faultline.annotate.CausalCheck;
import io.faultline.model.Annotation;
import io.faultline.model.AnnotationLayer;
import io.faultline.model.AnnotationTarget;
import io.faultline.model.CausalLink;
import io.faultline.model.Container;
import io.faultline.model.Diagnostic;
import io.faultline.model.EpochNanos;
import io.faultline.model.Event;
import io.faultline.model.EventTable;
import io.faultline.model.Evidence;
import io.faultline.model.Healthcheck;
import io.faultline.model.HostInfo;
import io.faultline.model.Series;
import io.faultline.model.Severity;
import io.faultline.model.SourceRef;
import io.faultline.model.Span;
import io.faultline.model.TimeWindow;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Streams the "faultline-timeline" JSON document (schema in docs/export-json.md) shared by the JSON and the HTML
 * exporter: the evidence and its annotations restricted to the export range. Streaming keeps memory flat for
 * big captures: nothing but the list of events in range is held.
 */
final class TimelineWriter {
    static final String SCHEMA = "faultline-timeline";
    static final int VERSION = 1;
    /** Buckets of the exact histogram embedded when events had to be left out. */
    static final int HISTOGRAM_BUCKETS = 2000;

    private TimelineWriter() {
    }

    /**
     * @param maxEvents at most this many events are written, plus the annotated ones beyond it (annotated events
     *                  always are, the rest is an evenly spaced sample); when events are left out,
     *                  {@code eventsOmitted} and an exact {@code histogram} of all events in range are added.
     *                  {@link Integer#MAX_VALUE} keeps all.
     */
    static void write(Evidence ev, AnnotationLayer ann, ExportOptions o, int maxEvents, JsonGenerator g)
            throws IOException {
        Objects.requireNonNull(ev, "evidence");
        Objects.requireNonNull(ann, "annotation layer");
        Objects.requireNonNull(o, "export options");
        TimeWindow w = o.range() == null ? ev.window() : o.range();
        if (w == null) {
            throw new IllegalArgumentException("nothing to export: the evidence has no time window and no range was given");
        }

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

        g.writeStartObject();
        g.writeStringField("schema", SCHEMA);
        g.writeNumberField("version", VERSION);
        g.writeStringField("title", o.title());
        g.writeObjectFieldStart("window");
        g.writeStringField("from", EpochNanos.iso(w.fromNanos()));
        g.writeStringField("to", EpochNanos.iso(w.toNanos()));
        g.writeEndObject();

        g.writeArrayFieldStart("hosts");
        for (HostInfo h : ev.hosts()) {
            host(g, h, w);
        }
        g.writeEndArray();

        List<Event> inRange = ev.events() instanceof EventTable t ? t.within(w)
                : ev.events().stream().filter(e -> w.contains(e.timeNanos())).toList();
        List<Event> embedded = sample(inRange, annotatedEventIds, maxEvents);
        g.writeArrayFieldStart("events");
        for (Event e : embedded) {
            event(g, e);
        }
        g.writeEndArray();
        if (embedded.size() < inRange.size()) {
            g.writeNumberField("eventsOmitted", inRange.size() - embedded.size());
            histogram(g, inRange, w);
        }

        g.writeArrayFieldStart("spans");
        for (Span s : ev.spans()) {
            if (w.overlaps(s.startNanos(), s.endNanos())) {
                span(g, s);
            }
        }
        g.writeEndArray();

        g.writeArrayFieldStart("series");
        for (Series s : ev.series()) {
            series(g, s, w);
        }
        g.writeEndArray();

        g.writeArrayFieldStart("containers");
        for (Container c : ev.containers()) {
            container(g, c);
        }
        g.writeEndArray();

        g.writeArrayFieldStart("annotations");
        for (Annotation a : annotations) {
            annotation(g, a);
        }
        g.writeEndArray();

        g.writeArrayFieldStart("links");
        Map<String, CausalCheck.Finding> order = new HashMap<>();
        CausalCheck.check(ann, ev).forEach(f -> order.put(f.link().id(), f));
        for (CausalLink l : ann.links()) {
            if (keptAnnotationIds.contains(l.fromId()) && keptAnnotationIds.contains(l.toId())) {
                link(g, l, order.get(l.id()));
            }
        }
        g.writeEndArray();

        g.writeArrayFieldStart("diagnostics");
        for (Diagnostic d : ev.diagnostics()) {
            diagnostic(g, d);
        }
        g.writeEndArray();
        g.writeEndObject();
        g.flush();
    }

    private static List<Event> sample(List<Event> inRange, Set<String> annotated, int max) {
        if (inRange.size() <= max) {
            return inRange;
        }
        int annotatedCount = (int) inRange.stream().filter(e -> annotated.contains(e.id())).count();
        int others = inRange.size() - annotatedCount;
        int room = Math.max(0, max - annotatedCount);
        List<Event> out = new ArrayList<>(annotatedCount + room);
        double step = room == 0 ? Double.POSITIVE_INFINITY : (double) others / room;
        double next = 0;
        int seen = 0;
        int picked = 0;
        for (Event e : inRange) {
            if (annotated.contains(e.id())) {
                out.add(e);
            } else {
                if (seen >= next && picked < room) {
                    out.add(e);
                    picked++;
                    next += step;
                }
                seen++;
            }
        }
        return out;
    }

    private static void histogram(JsonGenerator g, List<Event> inRange, TimeWindow w) throws IOException {
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
        g.writeObjectFieldStart("histogram");
        g.writeStringField("from", EpochNanos.iso(w.fromNanos()));
        g.writeStringField("to", EpochNanos.iso(w.toNanos()));
        g.writeNumberField("buckets", HISTOGRAM_BUCKETS);
        longs(g, "all", all);
        longs(g, "errors", errors);
        longs(g, "warnings", warnings);
        g.writeEndObject();
    }

    private static void longs(JsonGenerator g, String name, long[] values) throws IOException {
        g.writeArrayFieldStart(name);
        for (long v : values) {
            g.writeNumber(v);
        }
        g.writeEndArray();
    }

    private static void host(JsonGenerator g, HostInfo h, TimeWindow w) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", h.name());
        g.writeStringField("zone", h.zone());
        g.writeNumberField("clockOffsetMs", h.clockOffsetMs());
        g.writeNumberField("offsetUncertaintyMs", h.offsetUncertaintyMs());
        g.writeArrayFieldStart("utcOffsets");
        ZoneRules rules = rules(h.zone());
        if (rules != null) {
            Instant from = EpochNanos.toInstant(w.fromNanos());
            Instant to = EpochNanos.toInstant(w.toNanos());
            offset(g, w.fromNanos(), rules.getOffset(from));
            ZoneOffsetTransition t = rules.nextTransition(from);
            while (t != null && t.getInstant().isBefore(to)) {
                offset(g, EpochNanos.of(t.getInstant()), t.getOffsetAfter());
                t = rules.nextTransition(t.getInstant());
            }
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** The zone's rules, or null when the recorded zone is not one Java knows (the export then says none). */
    private static ZoneRules rules(String zone) {
        try {
            return ZoneId.of(zone).getRules();
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static void offset(JsonGenerator g, long fromNanos, ZoneOffset offset) throws IOException {
        g.writeStartObject();
        g.writeStringField("from", EpochNanos.iso(fromNanos));
        g.writeNumberField("seconds", offset.getTotalSeconds());
        g.writeStringField("text", offset.getId().equals("Z") ? "+00:00" : offset.getId());
        g.writeEndObject();
    }

    private static void event(JsonGenerator g, Event e) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", e.id());
        g.writeStringField("time", EpochNanos.iso(e.timeNanos()));
        g.writeStringField("timeText", e.timeText());
        g.writeStringField("host", e.host());
        g.writeStringField("source", e.source());
        g.writeStringField("unit", e.unit());
        g.writeStringField("identifier", e.identifier());
        g.writeStringField("severity", e.severity().name());
        g.writeStringField("message", e.message());
        g.writeStringField("containerId", e.containerId());
        g.writeBooleanField("truncated", e.truncated());
        g.writeObjectFieldStart("fields");
        for (Map.Entry<String, String> f : e.fields().entrySet()) {
            g.writeStringField(f.getKey(), f.getValue());
        }
        g.writeEndObject();
        origin(g, e.origin());
        g.writeEndObject();
    }

    private static void span(JsonGenerator g, Span s) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", s.id());
        g.writeStringField("kind", s.kind().name());
        g.writeStringField("host", s.host());
        g.writeStringField("containerId", s.containerId());
        g.writeStringField("start", EpochNanos.iso(s.startNanos()));
        g.writeStringField("end", EpochNanos.iso(s.endNanos()));
        g.writeNumberField("durationNanos", s.durationNanos());
        if (s.exitCode() == null) {
            g.writeNullField("exitCode");
        } else {
            g.writeNumberField("exitCode", s.exitCode().intValue());
        }
        g.writeStringField("output", s.output());
        origin(g, s.origin());
        g.writeEndObject();
    }

    private static void series(JsonGenerator g, Series s, TimeWindow w) throws IOException {
        int first = -1;
        for (int i = 0; i < s.size() && first < 0; i++) {
            if (w.contains(s.timeAt(i))) {
                first = i;
            }
        }
        if (first < 0) {
            return;
        }
        g.writeStartObject();
        g.writeStringField("host", s.host());
        g.writeStringField("device", s.device());
        g.writeStringField("metric", s.metric());
        g.writeStringField("unit", s.unit());
        g.writeArrayFieldStart("points");
        for (int i = first; i < s.size(); i++) {
            if (w.contains(s.timeAt(i))) {
                g.writeStartArray();
                g.writeString(EpochNanos.iso(s.timeAt(i)));
                double v = s.valueAt(i);
                if (Double.isFinite(v)) {
                    g.writeNumber(v);
                } else {
                    g.writeNull();
                }
                g.writeEndArray();
            }
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void container(JsonGenerator g, Container c) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", c.id());
        g.writeStringField("name", c.name());
        g.writeStringField("host", c.host());
        g.writeStringField("image", c.image());
        Healthcheck h = c.healthcheck();
        if (h == null) {
            g.writeNullField("healthcheck");
        } else {
            g.writeObjectFieldStart("healthcheck");
            g.writeArrayFieldStart("test");
            for (String t : h.test()) {
                g.writeString(t);
            }
            g.writeEndArray();
            g.writeNumberField("intervalNanos", h.intervalNanos());
            g.writeNumberField("timeoutNanos", h.timeoutNanos());
            g.writeNumberField("retries", h.retries());
            g.writeNumberField("startPeriodNanos", h.startPeriodNanos());
            g.writeEndObject();
        }
        g.writeStringField("restartPolicy", c.restartPolicy());
        g.writeNumberField("restartCount", c.restartCount());
        g.writeStringField("healthStatus", c.healthStatus());
        origin(g, c.origin());
        g.writeEndObject();
    }

    private static void annotation(JsonGenerator g, Annotation a) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", a.id());
        g.writeObjectFieldStart("target");
        switch (a.target()) {
            case AnnotationTarget.OnEvent e -> {
                g.writeStringField("type", "event");
                g.writeStringField("eventId", e.eventId());
            }
            case AnnotationTarget.OnSpan s -> {
                g.writeStringField("type", "span");
                g.writeStringField("spanId", s.spanId());
                g.writeStringField("kind", s.kind() == null ? null : s.kind().name());
            }
            case AnnotationTarget.OnSeriesPoint p -> {
                g.writeStringField("type", "point");
                g.writeStringField("host", p.host());
                g.writeStringField("device", p.device());
                g.writeStringField("metric", p.metric());
                if (Double.isFinite(p.value())) {
                    g.writeNumberField("value", p.value());
                } else {
                    g.writeNullField("value");
                }
            }
            case AnnotationTarget.OnRange r -> g.writeStringField("type", "range");
        }
        g.writeStringField("from", EpochNanos.iso(a.target().startNanos()));
        g.writeStringField("to", EpochNanos.iso(a.target().endNanos()));
        g.writeEndObject();
        g.writeStringField("note", a.note());
        g.writeStringField("severity", a.severity().key());
        g.writeArrayFieldStart("tags");
        for (String t : a.tags()) {
            g.writeString(t);
        }
        g.writeEndArray();
        g.writeStringField("author", a.author());
        g.writeStringField("created", EpochNanos.iso(a.createdNanos()));
        g.writeStringField("edited", EpochNanos.iso(a.editedNanos()));
        g.writeEndObject();
    }

    private static void link(JsonGenerator g, CausalLink l, CausalCheck.Finding order) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", l.id());
        g.writeStringField("from", l.fromId());
        g.writeStringField("to", l.toId());
        g.writeStringField("type", l.type().name());
        g.writeStringField("label", l.type().label());
        g.writeStringField("note", l.note());
        if (order == null) {
            g.writeNullField("timeOrder");
        } else {
            g.writeObjectFieldStart("timeOrder");
            g.writeStringField("verdict", order.verdict().name());
            g.writeNumberField("lateNanos", order.lateNanos());
            g.writeNumberField("slackNanos", order.slackNanos());
            g.writeStringField("message", order.message());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void diagnostic(JsonGenerator g, Diagnostic d) throws IOException {
        g.writeStartObject();
        g.writeStringField("level", d.level().name());
        g.writeStringField("reason", d.reason());
        g.writeStringField("text", d.describe());
        origin(g, d.where());
        g.writeEndObject();
    }

    private static void origin(JsonGenerator g, SourceRef ref) throws IOException {
        if (ref == null) {
            g.writeNullField("origin");
            return;
        }
        g.writeObjectFieldStart("origin");
        g.writeStringField("entry", ref.entry());
        g.writeNumberField("line", ref.line());
        g.writeNumberField("byteOffset", ref.byteOffset());
        g.writeEndObject();
    }
}
