package io.faultline.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faultline.model.Annotation;
import io.faultline.model.AnnotationLayer;
import io.faultline.model.AnnotationTarget;
import io.faultline.model.CausalLink;
import io.faultline.model.EpochNanos;
import io.faultline.model.LinkType;
import io.faultline.model.NoteSeverity;
import io.faultline.model.SpanKind;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes the annotation layer (annotations.json) with an explicit, versioned schema. */
public final class AnnotationCodec {
    private AnnotationCodec() {
    }

    public static byte[] write(AnnotationLayer layer) throws IOException {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("version", AnnotationLayer.CURRENT_VERSION);
        ArrayNode anns = root.putArray("annotations");
        for (Annotation a : layer.annotations()) {
            ObjectNode n = anns.addObject();
            n.put("id", a.id());
            ObjectNode t = n.putObject("target");
            switch (a.target()) {
                case AnnotationTarget.OnEvent e -> {
                    t.put("type", "event");
                    t.put("eventId", e.eventId());
                    t.put("at", iso(e.startNanos()));
                }
                case AnnotationTarget.OnSpan s -> {
                    t.put("type", "span");
                    t.put("spanId", s.spanId());
                    if (s.kind() == null) {
                        t.putNull("kind");
                    } else {
                        t.put("kind", s.kind().name());
                    }
                    t.put("from", iso(s.startNanos()));
                    t.put("to", iso(s.endNanos()));
                }
                case AnnotationTarget.OnSeriesPoint p -> {
                    t.put("type", "point");
                    t.put("host", p.host());
                    t.put("device", p.device());
                    t.put("metric", p.metric());
                    t.put("at", iso(p.startNanos()));
                    if (Double.isFinite(p.value())) {
                        t.put("value", p.value());
                    } else {
                        t.putNull("value");
                    }
                }
                case AnnotationTarget.OnRange r -> {
                    t.put("type", "range");
                    t.put("from", iso(r.startNanos()));
                    t.put("to", iso(r.endNanos()));
                }
            }
            n.put("note", a.note());
            n.put("severity", a.severity().key());
            ArrayNode tags = n.putArray("tags");
            a.tags().forEach(tags::add);
            n.put("author", a.author());
            n.put("created", iso(a.createdNanos()));
            n.put("edited", iso(a.editedNanos()));
        }
        ArrayNode links = root.putArray("links");
        for (CausalLink l : layer.links()) {
            ObjectNode n = links.addObject();
            n.put("id", l.id());
            n.put("from", l.fromId());
            n.put("to", l.toId());
            n.put("type", l.type().name());
            n.put("label", l.type().label());
            n.put("note", l.note());
        }
        return Json.mapper().writeValueAsBytes(root);
    }

    /**
     * Reads a layer of version 1 or 2 (1 has no severities, span kinds or series points: its notes read as
     * {@code info}, its spans of unknown kind). The layer read keeps its version; {@link #write} writes the current one.
     */
    public static AnnotationLayer read(InputStream in) throws IOException {
        JsonNode root = Json.mapper().readTree(in);
        if (root == null || !root.isObject()) {
            throw new IOException("not a JSON object");
        }
        int version = root.path("version").asInt(0);
        if (version < 1 || version > AnnotationLayer.CURRENT_VERSION) {
            throw new IOException("annotation layer version " + version + " is not one this Faultline reads");
        }
        List<Annotation> anns = new ArrayList<>();
        for (JsonNode n : root.path("annotations")) {
            JsonNode t = n.path("target");
            AnnotationTarget target = switch (t.path("type").asText()) {
                case "event" -> new AnnotationTarget.OnEvent(text(t, "eventId"), nanos(t, "at"));
                case "span" -> span(t);
                case "point" -> new AnnotationTarget.OnSeriesPoint(text(t, "host"), text(t, "device"), text(t, "metric"),
                        nanos(t, "at"), t.path("value").isNumber() ? t.get("value").asDouble() : Double.NaN);
                case "range" -> range(t);
                default -> throw new IOException("annotation " + n.path("id").asText() + ": unknown target type '"
                        + t.path("type").asText() + "'");
            };
            List<String> tags = new ArrayList<>();
            n.path("tags").forEach(x -> tags.add(x.asText()));
            anns.add(new Annotation(text(n, "id"), target, n.path("note").asText(""), tags, severity(n),
                    n.path("author").asText(""), nanos(n, "created"), nanos(n, "edited")));
        }
        List<CausalLink> links = new ArrayList<>();
        for (JsonNode n : root.path("links")) {
            LinkType type;
            try {
                type = LinkType.valueOf(n.path("type").asText());
            } catch (IllegalArgumentException e) {
                throw new IOException("link " + n.path("id").asText() + ": unknown type '" + n.path("type").asText() + "'", e);
            }
            links.add(new CausalLink(text(n, "id"), text(n, "from"), text(n, "to"), type, n.path("note").asText("")));
        }
        return new AnnotationLayer(version, anns, links);
    }

    private static AnnotationTarget.OnSpan span(JsonNode t) throws IOException {
        SpanKind kind = null;
        if (t.path("kind").isTextual()) {
            try {
                kind = SpanKind.valueOf(t.get("kind").asText());
            } catch (IllegalArgumentException e) {
                throw new IOException("span " + t.path("spanId").asText() + ": unknown kind '" + t.get("kind").asText() + "'", e);
            }
        }
        long from = nanos(t, "from");
        long to = nanos(t, "to");
        if (to < from) {
            throw new IOException("span " + t.path("spanId").asText() + " ends before it starts");
        }
        return new AnnotationTarget.OnSpan(text(t, "spanId"), kind, from, to);
    }

    private static AnnotationTarget.OnRange range(JsonNode t) throws IOException {
        long from = nanos(t, "from");
        long to = nanos(t, "to");
        if (to < from) {
            throw new IOException("range " + t.path("from").asText() + " .. " + t.path("to").asText() + " ends before it starts");
        }
        return new AnnotationTarget.OnRange(from, to);
    }

    private static NoteSeverity severity(JsonNode n) throws IOException {
        JsonNode s = n.get("severity");
        if (s == null || s.isNull()) {
            return NoteSeverity.INFO;
        }
        try {
            return NoteSeverity.parse(s.asText());
        } catch (IllegalArgumentException e) {
            throw new IOException("annotation " + n.path("id").asText() + ": " + e.getMessage(), e);
        }
    }

    private static String iso(long nanos) {
        return EpochNanos.toInstant(nanos).toString();
    }

    private static String text(JsonNode n, String field) throws IOException {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IOException("missing text field '" + field + "'");
        }
        return v.asText();
    }

    private static long nanos(JsonNode n, String field) throws IOException {
        try {
            return EpochNanos.of(Instant.parse(text(n, field)));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IOException("field '" + field + "' is not an ISO-8601 instant: " + e.getParsedString(), e);
        }
    }
}
