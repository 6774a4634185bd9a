package io.faultline.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.capture.SourceKind;
import io.faultline.model.Diagnostic;
import io.faultline.model.Event;
import io.faultline.model.Severity;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code journalctl -o json} (one object a line) and {@code -o json-pretty} (objects over many lines).
 * {@code __REALTIME_TIMESTAMP} (microseconds, host clock) is the time; {@code MESSAGE} may be a string, null
 * or an array of bytes (decoded as UTF-8, invalid bytes shown as {@code \xNN}); {@code PRIORITY} gives the
 * severity. The unit is {@code UNIT} (what systemd reports about) else {@code USER_UNIT} else
 * {@code _SYSTEMD_UNIT}; {@code CONTAINER_ID_FULL}/{@code CONTAINER_ID} (journald log driver) or a runc
 * mount unit in the message link the container. Every other field is kept in {@link Event#fields()}.
 */
final class JournalJsonParser implements SourceParser {
    static final String SOURCE = "journal-json";
    private static final Set<String> TYPED = Set.of("MESSAGE", "__REALTIME_TIMESTAMP", "PRIORITY", "SYSLOG_IDENTIFIER",
            "CONTAINER_ID", "CONTAINER_ID_FULL");

    @Override
    public SourceKind kind() {
        return SourceKind.JOURNAL_JSON;
    }

    @Override
    public boolean probe(String fileName, byte[] head) {
        int i = Text.firstNonBlank(head);
        if (i < 0 || head[i] != '{') {
            return false;
        }
        String text = Text.utf8(head, i, Math.min(head.length, i + 65536));
        return text.contains("\"__REALTIME_TIMESTAMP\"") || text.contains("\"__CURSOR\"") || text.contains("\"_BOOT_ID\"")
                || text.contains("\"_TRANSPORT\"") || text.contains("\"SYSLOG_IDENTIFIER\"");
    }

    @Override
    public void parse(EntryContext ctx, byte[] data, Collector out) {
        JsonRecords.read(ctx, data, out, "journal JSON", (node, line, offset) -> {
            if (!node.isObject()) {
                out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, line, offset,
                        "expected a journal entry (JSON object), found a JSON " + node.getNodeType().name().toLowerCase()));
                return;
            }
            record(ctx, node, line, offset, out);
        });
    }

    private static void record(EntryContext ctx, JsonNode node, long line, long offset, Collector out) {
        String message = value(node.get("MESSAGE"));
        String usec = JsonRecords.text(node, "__REALTIME_TIMESTAMP");
        long micros;
        try {
            micros = Long.parseLong(usec == null ? "" : usec.trim());
        } catch (NumberFormatException e) {
            out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, line, offset,
                    (usec == null ? "journal entry has no __REALTIME_TIMESTAMP" : "unreadable __REALTIME_TIMESTAMP '" + usec + "'")
                            + ", so it cannot be placed in time; its message was: '"
                            + JournalShortParser.abbreviate(message == null ? "" : message) + "'"));
            return;
        }
        Severity severity = Severity.UNKNOWN;
        String prio = JsonRecords.text(node, "PRIORITY");
        if (prio != null && prio.trim().matches("\\d")) {
            severity = Severity.ofPriority(Integer.parseInt(prio.trim()));
        }
        String unitKey = node.hasNonNull("UNIT") ? "UNIT" : node.hasNonNull("USER_UNIT") ? "USER_UNIT"
                : node.hasNonNull("_SYSTEMD_UNIT") ? "_SYSTEMD_UNIT" : null;
        String unit = unitKey == null ? null : value(node.get(unitKey));
        String containerId = firstNonNull(value(node.get("CONTAINER_ID_FULL")), value(node.get("CONTAINER_ID")));
        if (containerId == null) {
            containerId = firstNonNull(ContainerLinks.find(message), ContainerLinks.find(unit));
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!TYPED.contains(f.getKey()) && !f.getKey().equals(unitKey)) {
                fields.put(f.getKey(), value(f.getValue()));
            }
        }
        String identifier = value(node.get("SYSLOG_IDENTIFIER"));
        String containerName = value(node.get("CONTAINER_NAME"));
        if (containerName != null && identifier != null && containerId != null && containerId.startsWith(identifier)) {
            // the journald log driver tags lines with the short container id; the name is what a person reads
            fields.put("SYSLOG_IDENTIFIER", identifier);
            identifier = containerName;
        }
        long remote = Math.multiplyExact(micros, 1000L);
        out.event(new Event(ctx.entry() + ":" + line, ctx.toLocal(remote), usec, ctx.host(), SOURCE, unit,
                identifier, severity, message, containerId, false, fields, ctx.at(line, offset)));
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }

    /** A journal field's value: strings as they are, byte arrays decoded, null as null, anything else as JSON. */
    static String value(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isArray() && isByteArray(v)) {
            byte[] b = new byte[v.size()];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) v.get(i).asInt();
            }
            return Text.utf8(b);
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }

    private static boolean isByteArray(JsonNode v) {
        for (JsonNode e : v) {
            if (!e.isInt() || e.asInt() < 0 || e.asInt() > 255) {
                return false;
            }
        }
        return true;
    }
}
