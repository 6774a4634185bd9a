package io.faultline.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.capture.SourceKind;
import io.faultline.model.Diagnostic;
import io.faultline.model.Event;
import io.faultline.model.Severity;

import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code docker events} in its default text form (see {@link #parseText}) or with {@code --format '{{json .}}'}:
 * one JSON object a line with {@code Type}, {@code Action},
 * {@code Actor.ID}, {@code Actor.Attributes} and {@code time}/{@code timeNano}; the legacy {@code status},
 * {@code id}, {@code from} may be missing. Each line becomes an Event (identifier {@code docker}, message
 * {@code <Type> <Action> <name> exitCode=.. signal=..}); the spans that need several events and other
 * entries (exec pairs, up periods, restarts) are made afterwards by {@link DockerCorrelator}.
 */
final class DockerEventsParser implements SourceParser {
    static final String SOURCE = "docker-events";
    private static final Pattern TEXT_LINE = Pattern.compile(
            "^(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?(?:Z|[+-]\\d{2}:\\d{2})) "
                    + "(container|image|volume|network|daemon|plugin|service|node|secret|config|builder) (.+)$", Pattern.DOTALL);
    private static final Pattern ATTR_KEY = Pattern.compile("([^\\s=,()]+)=");
    private static final Pattern HEX_ID = Pattern.compile("[0-9a-f]{64}");

    @Override
    public SourceKind kind() {
        return SourceKind.DOCKER_EVENTS;
    }

    @Override
    public boolean probe(String fileName, byte[] head) {
        int i = Text.firstNonBlank(head);
        if (i < 0) {
            return false;
        }
        if (head[i] != '{') {
            int end = i;
            while (end < head.length && head[end] != '\n') {
                end++;
            }
            return TEXT_LINE.matcher(Text.utf8(head, i, end)).matches();
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
        int first = Text.firstNonBlank(data);
        if (first >= 0 && data[first] != '{') {
            parseText(ctx, data, out);
            return;
        }
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
            emit(ctx, out, line, offset, nanos, timeText, type, action, actorId, attrs, JsonRecords.text(node, "scope"));
        });
    }

    /**
     * The CLI's default form: {@code <RFC 3339 time> <Type> <Action> <Actor.ID> (<k>=<v>, ...)}, attributes sorted
     * by key. The action may hold blanks ({@code exec_start: /bin/sh -c ...}) and values may hold {@code , } and
     * {@code : }; see {@link #splitText(String)}.
     */
    private static void parseText(EntryContext ctx, byte[] data, Collector out) {
        LineReader lines = new LineReader(data);
        while (lines.next()) {
            if (lines.blank()) {
                continue;
            }
            String text = lines.text();
            TextEvent t = splitText(text);
            if (t == null) {
                out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, lines.lineNo(), lines.start(),
                        "not a docker event line (expected '<time> <type> <action> <id> (key=value, ...)'): '"
                                + JournalShortParser.abbreviate(text) + "'"));
                continue;
            }
            Long nanos;
            try {
                nanos = DockerTime.parse(t.time);
            } catch (DateTimeParseException e) {
                nanos = null;
            }
            if (nanos == null) {
                out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, lines.lineNo(), lines.start(),
                        "docker event with unreadable time '" + JournalShortParser.abbreviate(t.time) + "'; skipped"));
                continue;
            }
            emit(ctx, out, lines.lineNo(), lines.start(), nanos, t.time, t.type, t.action, t.actorId, t.attrs, null);
        }
    }

    /** One text line cut into its parts. */
    record TextEvent(String time, String type, String action, String actorId, Map<String, String> attrs) {
    }

    /**
     * Cuts a text line, or returns null when it is not one. When the line ends in {@code ")"}, the attribute block starts
     * at the first {@code " ("} followed by {@code key=} that comes right after a 64-hex actor id (a command in the action
     * may itself hold {@code " (k=v)"}), else at the first {@code " (key="}. Inside it, {@code ", "} starts a new attribute
     * only when followed by {@code key=} with a key sorting after the previous one (the CLI sorts keys); otherwise it
     * belongs to the value.
     */
    static TextEvent splitText(String line) {
        Matcher m = TEXT_LINE.matcher(line);
        if (!m.matches()) {
            return null;
        }
        String time = m.group(1);
        String type = m.group(2);
        String rest = m.group(3);
        int block = -1;
        if (rest.endsWith(")")) {
            int fallback = -1;
            for (int i = rest.indexOf(" ("); i >= 0; i = rest.indexOf(" (", i + 1)) {
                if (!ATTR_KEY.matcher(rest).region(i + 2, rest.length()).lookingAt()) {
                    continue;
                }
                int sp = rest.lastIndexOf(' ', i - 1);
                if (HEX_ID.matcher(rest.substring(sp + 1, i)).matches()) {
                    block = i;
                    break;
                }
                if (fallback < 0) {
                    fallback = i;
                }
            }
            if (block < 0) {
                block = fallback;
            }
        }
        Map<String, String> attrs = new LinkedHashMap<>();
        String head = rest;
        if (block >= 0) {
            head = rest.substring(0, block);
            splitAttributes(rest.substring(block + 2, rest.length() - 1), attrs);
        }
        int sp = head.lastIndexOf(' ');
        if (sp < 0) {
            return null;
        }
        String actorId = head.substring(sp + 1);
        String action = head.substring(0, sp);
        return new TextEvent(time, type, action, actorId.isEmpty() ? null : actorId, attrs);
    }

    private static void splitAttributes(String block, Map<String, String> attrs) {
        int start = 0;
        int from = 0;
        String key = block.substring(0, block.indexOf('='));
        while (true) {
            int comma = block.indexOf(", ", from);
            Matcher k = comma < 0 ? null : ATTR_KEY.matcher(block).region(comma + 2, block.length());
            if (comma >= 0 && !(k.lookingAt() && k.group(1).compareTo(key) > 0)) {
                from = comma + 2;
                continue;
            }
            String value = block.substring(start + key.length() + 1, comma < 0 ? block.length() : comma);
            attrs.put(key, value);
            if (comma < 0) {
                return;
            }
            key = k.group(1);
            start = comma + 2;
            from = start;
        }
    }

    private static void emit(EntryContext ctx, Collector out, long line, long offset, long nanos, String timeText, String type,
                             String action, String actorId, Map<String, String> attrs, String scope) {
        String containerId = "container".equals(type) ? actorId : attrs.get("container");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Type", type);
        fields.put("Action", action == null ? "" : action);
        if (actorId != null) {
            fields.put("Actor.ID", actorId);
        }
        attrs.forEach((k, v) -> fields.put("Actor.Attributes." + k, v));
        if (scope != null) {
            fields.put("scope", scope);
        }
        long local = ctx.toLocal(nanos);
        String id = ctx.recordId(line);
        out.event(new Event(id, local, timeText, ctx.host(), SOURCE, null, "docker", severity(action, attrs),
                message(type, action, actorId, attrs), containerId, false, fields, ctx.at(line, offset)));
        out.dockerEvent(new DockerEventRecord(ctx.host(), type, action == null ? "" : action, actorId, attrs, local, id,
                ctx.at(line, offset)));
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
