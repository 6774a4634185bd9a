package io.faultline.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.capture.SourceKind;
import io.faultline.model.Diagnostic;
import io.faultline.model.Event;
import io.faultline.model.Severity;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code docker events --format '{{json .}}'}: one JSON object a line with {@code Type}, {@code Action},
 * {@code Actor.ID}, {@code Actor.Attributes} and {@code time}/{@code timeNano}; the legacy {@code status},
 * {@code id}, {@code from} may be missing. Each line becomes an Event (identifier {@code docker}, message
 * {@code <Type> <Action> <name> exitCode=.. signal=..}); the spans that need several events and other
 * entries (exec pairs, up periods, restarts) are made afterwards by {@link DockerCorrelator}.
 */
final class DockerEventsParser implements SourceParser {
    static final String SOURCE = "docker-events";

    @Override
    public SourceKind kind() {
        return SourceKind.DOCKER_EVENTS;
    }

    @Override
    public boolean probe(String fileName, byte[] head) {
        int i = Text.firstNonBlank(head);
        if (i < 0 || head[i] != '{') {
            return false;
        }
        String t = Text.utf8(head, i, Math.min(head.length, i + 8192));
        if (t.contains("\"__REALTIME_TIMESTAMP\"") || t.contains("\"__CURSOR\"")) {
            return false;
        }
        boolean modern = t.contains("\"Action\"") && (t.contains("\"Actor\"") || t.contains("\"Type\""));
        boolean legacy = t.contains("\"status\"") && t.contains("\"id\"") && t.contains("\"from\"");
        return modern || legacy;
    }

    @Override
    public void parse(EntryContext ctx, byte[] data, Collector out) {
        JsonRecords.read(ctx, data, out, "docker events JSON", (node, line, offset) -> {
            if (!node.isObject()) {
                out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, line, offset, "expected a docker event (JSON object)"));
                return;
            }
            long nanos = JsonRecords.longValue(node, "timeNano", -1);
            String timeText = JsonRecords.text(node, "timeNano");
            if (nanos < 0) {
                long secs = JsonRecords.longValue(node, "time", -1);
                if (secs < 0) {
                    out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, line, offset,
                            "docker event without readable time/timeNano; skipped: " + JournalShortParser.abbreviate(node.toString())));
                    return;
                }
                nanos = Math.multiplyExact(secs, 1_000_000_000L);
                timeText = JsonRecords.text(node, "time");
            }
            String type = orElse(JsonRecords.text(node, "Type"), "container");
            String action = orElse(JsonRecords.text(node, "Action"), JsonRecords.text(node, "status"));
            JsonNode actor = node.path("Actor");
            String actorId = orElse(JsonRecords.text(actor, "ID"), JsonRecords.text(node, "id"));
            Map<String, String> attrs = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = actor.path("Attributes").properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> a = it.next();
                attrs.put(a.getKey(), a.getValue().isValueNode() ? a.getValue().asText() : a.getValue().toString());
            }
            String containerId = "container".equals(type) ? actorId : attrs.get("container");
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("Type", type);
            fields.put("Action", action == null ? "" : action);
            if (actorId != null) {
                fields.put("Actor.ID", actorId);
            }
            attrs.forEach((k, v) -> fields.put("Actor.Attributes." + k, v));
            String scope = JsonRecords.text(node, "scope");
            if (scope != null) {
                fields.put("scope", scope);
            }
            long local = ctx.toLocal(nanos);
            String id = ctx.entry() + ":" + line;
            out.event(new Event(id, local, timeText, ctx.host(), SOURCE, null, "docker", severity(action, attrs),
                    message(type, action, actorId, attrs), containerId, false, fields, ctx.at(line, offset)));
            out.dockerEvent(new DockerEventRecord(ctx.host(), type, action == null ? "" : action, actorId, attrs, local, id,
                    ctx.at(line, offset)));
        });
    }

    private static String message(String type, String action, String actorId, Map<String, String> attrs) {
        StringBuilder sb = new StringBuilder(type).append(' ').append(action == null ? "?" : action);
        String name = attrs.get("name");
        if (name != null) {
            sb.append(' ').append(name);
        } else if (actorId != null) {
            sb.append(' ').append(DockerInspectParser.shortId(actorId));
        }
        for (String k : new String[] {"exitCode", "signal", "execID", "container"}) {
            String v = attrs.get(k);
            if (v != null) {
                sb.append(' ').append(k).append('=').append(k.equals("container") || k.equals("execID") ? DockerInspectParser.shortId(v) : v);
            }
        }
        return sb.toString();
    }

    /** oom ERR; a non-zero die, a kill, unhealthy WARNING; the rest INFO. */
    private static Severity severity(String action, Map<String, String> attrs) {
        if (action == null) {
            return Severity.INFO;
        }
        if (action.equals("oom")) {
            return Severity.ERR;
        }
        boolean failedExit = (action.equals("die") || action.startsWith("exec_die")) && !"0".equals(attrs.getOrDefault("exitCode", "0"));
        return failedExit || action.equals("kill") || action.endsWith("unhealthy") ? Severity.WARNING : Severity.INFO;
    }

    private static String orElse(String a, String b) {
        return a != null ? a : b;
    }
}
