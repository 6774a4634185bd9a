package io.faultline.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.capture.SourceKind;
import io.faultline.model.Diagnostic;
import io.faultline.model.Event;
import io.faultline.model.Severity;

import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container's json-file log ({@code /var/lib/docker/containers/<id>/<id>-json.log}, rotated {@code .1}, ...): one
 * object a line, {@code {"log":"text\n","stream":"stdout","time":"2026-...Z"}}, optional {@code attrs}. The container id
 * comes from the file name when it carries one. Docker cuts lines longer than 16 KB into pieces without the trailing
 * {@code \n}: pieces of one stream are joined into one event at the first piece's time. A line of the same stream
 * that starts with a blank right after it continues the previous event (stack traces). Severity as docker's
 * journald driver gives it: stdout INFO, stderr ERR.
 */
final class DockerJsonLogParser implements SourceParser {
    static final String SOURCE = "docker-json-log";
    private static final Pattern FILE_ID = Pattern.compile("([0-9a-f]{64})-json\\.log(?:\\.\\d+)?$");

    @Override
    public SourceKind kind() {
        return SourceKind.DOCKER_JSON_LOG;
    }

    @Override
    public boolean probe(String fileName, byte[] head) {
        int i = Text.firstNonBlank(head);
        if (i < 0 || head[i] != '{') {
            return false;
        }
        String t = Text.utf8(head, i, Math.min(head.length, i + 4096));
        return t.startsWith("{\"log\":") && t.contains("\"stream\":") && t.contains("\"time\":");
    }

    @Override
    public void parse(EntryContext ctx, byte[] data, Collector out) {
        Matcher id = FILE_ID.matcher(ctx.entry());
        String containerId = id.find() ? id.group(1) : null;
        if (containerId == null) {
            out.diagnostic(ctx.diagnostic(Diagnostic.Level.INFO, 0, -1,
                    "the file name does not carry a container id (<64 hex>-json.log): its events name no container"));
        }
        Map<String, Line> open = new HashMap<>();
        Line[] last = new Line[1];
        JsonRecords.read(ctx, data, out, "docker json-file log", (node, line, offset) -> {
            String log = JsonRecords.text(node, "log");
            String time = JsonRecords.text(node, "time");
            if (!node.isObject() || log == null || time == null) {
                out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, line, offset,
                        "docker json-file log line without \"log\" or \"time\"; skipped: "
                                + JournalShortParser.abbreviate(node.toString())));
                return;
            }
            Long nanos;
            try {
                nanos = DockerTime.parse(time);
            } catch (DateTimeParseException e) {
                nanos = null;
            }
            if (nanos == null) {
                out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, line, offset,
                        "docker json-file log line with unreadable time '" + JournalShortParser.abbreviate(time) + "'; skipped"));
                return;
            }
            String stream = JsonRecords.text(node, "stream");
            String key = stream == null ? "" : stream;
            boolean whole = log.endsWith("\n");
            String text = whole ? log.substring(0, log.length() - 1) : log;
            Line pending = open.remove(key);
            if (pending == null && last[0] != null && last[0].stream.equals(key) && !text.isEmpty()
                    && Character.isWhitespace(text.charAt(0))) {
                last[0].text.append('\n').append(text);
                return;
            }
            if (pending == null) {
                pending = new Line(line, offset, ctx.toLocal(nanos), time, key, node.path("attrs"));
            } else {
                pending.pieces++;
            }
            pending.text.append(text);
            if (whole) {
                flush(ctx, out, containerId, last[0]);
                last[0] = pending;
            } else {
                open.put(key, pending);
            }
        });
        flush(ctx, out, containerId, last[0]);
        open.values().stream().sorted((a, b) -> Long.compare(a.line, b.line)).forEach(p -> {
            out.diagnostic(ctx.diagnostic(Diagnostic.Level.INFO, p.line, p.offset,
                    "the last " + p.stream + " output has no line end (the container stopped mid-line, or the file was cut)"));
            flush(ctx, out, containerId, p);
        });
    }

    private static void flush(EntryContext ctx, Collector out, String containerId, Line p) {
        if (p == null || p.emitted) {
            return;
        }
        p.emitted = true;
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("stream", p.stream);
        if (p.pieces > 1) {
            fields.put("pieces", Integer.toString(p.pieces));
        }
        p.attrs.properties().forEach(a -> fields.put("attrs." + a.getKey(), a.getValue().isValueNode() ? a.getValue().asText()
                : a.getValue().toString()));
        String msg = p.text.toString();
        out.event(new Event(ctx.recordId(p.line), p.time, p.timeText, ctx.host(), SOURCE, null, null,
                "stderr".equals(p.stream) ? Severity.ERR : "stdout".equals(p.stream) ? Severity.INFO : Severity.UNKNOWN, msg, containerId,
                false, fields, ctx.at(p.line, p.offset)));
    }

    /** One log line being put together from its pieces. */
    private static final class Line {
        final long line;
        final long offset;
        final long time;
        final String timeText;
        final String stream;
        final JsonNode attrs;
        final StringBuilder text = new StringBuilder();
        int pieces = 1;
        boolean emitted;

        Line(long line, long offset, long time, String timeText, String stream, JsonNode attrs) {
            this.line = line;
            this.offset = offset;
            this.time = time;
            this.timeText = timeText;
            this.stream = stream;
            this.attrs = attrs;
        }
    }
}
