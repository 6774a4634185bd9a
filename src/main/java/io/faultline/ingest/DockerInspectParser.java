package io.faultline.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.capture.SourceKind;
import io.faultline.model.Container;
import io.faultline.model.Diagnostic;
import io.faultline.model.EpochNanos;
import io.faultline.model.Healthcheck;
import io.faultline.model.SourceRef;
import io.faultline.model.Span;
import io.faultline.model.SpanKind;

import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code docker inspect} output: an array of containers, one container object, or just its
 * {@code .State.Health} (or {@code .State}). Yields a {@link Container} each (healthcheck durations in ns;
 * zero means docker's default, which is filled in), one HEALTHCHECK_RUN span per {@code State.Health.Log}
 * run (each time with its own offset; ExitCode -1 is kept: docker's "probe never returned", not a process
 * status; an End of {@code 0001-01-01T00:00:00Z} is an unfinished run, whose span ends at its start and
 * says so in its output) and a CONTAINER_UP span from {@code State.StartedAt} to {@code FinishedAt}, or for
 * a running container to the last moment it is known up (the entry's capture time, else its last health run).
 */
final class DockerInspectParser implements SourceParser {
    static final String SOURCE = "docker-inspect";
    static final String UNFINISHED = "[unfinished: End is 0001-01-01T00:00:00Z, span ends at its start] ";
    private static final long DEFAULT_INTERVAL = 30_000_000_000L;
    private static final long DEFAULT_TIMEOUT = 30_000_000_000L;
    private static final int DEFAULT_RETRIES = 3;

    @Override
    public SourceKind kind() {
        return SourceKind.DOCKER_INSPECT;
    }

    @Override
    public boolean probe(String fileName, byte[] head) {
        int i = Text.firstNonBlank(head);
        if (i < 0 || (head[i] != '[' && head[i] != '{')) {
            return false;
        }
        String t = Text.utf8(head, i, Math.min(head.length, i + 65536));
        boolean container = t.contains("\"Id\"") && (t.contains("\"State\"") || t.contains("\"Config\"") || t.contains("\"HostConfig\""));
        boolean health = t.contains("\"FailingStreak\"") || (t.contains("\"Log\"") && t.contains("\"ExitCode\"") && t.contains("\"Start\""));
        return container || health;
    }

    @Override
    public void parse(EntryContext ctx, byte[] data, Collector out) {
        int[] index = {0};
        JsonRecords.read(ctx, withoutNullLines(ctx, data, out), out, "docker inspect JSON", true,
                (node, line, offset) -> container(ctx, node, line, offset, index[0]++, out));
    }

    private static void container(EntryContext ctx, JsonNode c, long line, long offset, int index, Collector out) {
        SourceRef where = ctx.at(line, offset);
        if (!c.isObject()) {
            out.diagnostic(new Diagnostic(Diagnostic.Level.WARNING, where, "inspect item " + index + " is not a JSON object"));
            return;
        }
        JsonNode state = c.path("State");
        JsonNode health;
        String id = JsonRecords.text(c, "Id");
        if (id == null) {
            if (c.has("Log") || c.has("FailingStreak")) {
                health = c;
                state = c.path("__none__");
            } else if (c.has("Health") || c.has("StartedAt")) {
                state = c;
                health = c.path("Health");
            } else {
                out.diagnostic(new Diagnostic(Diagnostic.Level.WARNING, where,
                        "inspect item " + index + " has no Id, State or Health: not docker inspect output"));
                return;
            }
            id = "unknown-" + baseName(ctx.entry()) + (index > 0 ? "-" + index : "");
            out.diagnostic(new Diagnostic(Diagnostic.Level.INFO, where, "inspect output without container Id (only "
                    + (state.isMissingNode() ? ".State.Health" : ".State") + "): its runs are kept under container '" + id + "'"));
        } else {
            health = state.path("Health");
        }
        String cid = id;
        List<Span> runs = healthRuns(ctx, cid, health, where, out);
        runs.forEach(out::span);
        upSpan(ctx, cid, state, runs, where, out);
        JsonNode config = c.path("Config");
        String image = config.hasNonNull("Image") ? config.get("Image").asText() : JsonRecords.text(c, "Image");
        String name = c.hasNonNull("Name") ? c.get("Name").asText() : (id.startsWith("unknown-") ? id : "");
        out.container(new Container(cid, name, ctx.host(), image, healthcheck(config.path("Healthcheck"), ctx, where, out),
                JsonRecords.text(c.path("HostConfig").path("RestartPolicy"), "Name"),
                (int) JsonRecords.longValue(c, "RestartCount", 0), JsonRecords.text(health, "Status"), where));
    }

    private static Healthcheck healthcheck(JsonNode hc, EntryContext ctx, SourceRef where, Collector out) {
        if (!hc.isObject()) {
            return null;
        }
        List<String> test = new ArrayList<>();
        hc.path("Test").forEach(t -> test.add(t.asText()));
        if (!test.isEmpty() && test.getFirst().equals("NONE")) {
            return null;
        }
        long interval = JsonRecords.longValue(hc, "Interval", 0);
        long timeout = JsonRecords.longValue(hc, "Timeout", 0);
        long retries = JsonRecords.longValue(hc, "Retries", 0);
        List<String> defaulted = new ArrayList<>();
        if (interval <= 0) {
            interval = DEFAULT_INTERVAL;
            defaulted.add("Interval=30s");
        }
        if (timeout <= 0) {
            timeout = DEFAULT_TIMEOUT;
            defaulted.add("Timeout=30s");
        }
        if (retries <= 0) {
            retries = DEFAULT_RETRIES;
            defaulted.add("Retries=3");
        }
        if (!defaulted.isEmpty()) {
            out.diagnostic(new Diagnostic(Diagnostic.Level.INFO, where,
                    "healthcheck settings left at 0 mean docker's defaults: " + String.join(", ", defaulted)));
        }
        return new Healthcheck(test, interval, timeout, (int) retries, Math.max(0, JsonRecords.longValue(hc, "StartPeriod", 0)));
    }

    private static List<Span> healthRuns(EntryContext ctx, String cid, JsonNode health, SourceRef where, Collector out) {
        List<Span> runs = new ArrayList<>();
        int i = 0;
        int unfinished = 0;
        for (JsonNode run : health.path("Log")) {
            int index = i++;
            String startText = JsonRecords.text(run, "Start");
            String endText = JsonRecords.text(run, "End");
            Long start;
            Long end;
            try {
                start = DockerTime.parse(startText);
                end = DockerTime.parse(endText);
            } catch (DateTimeParseException e) {
                out.diagnostic(new Diagnostic(Diagnostic.Level.WARNING, where, "health run " + index + " of " + shortId(cid)
                        + ": unreadable time (" + e.getParsedString() + "); run skipped"));
                continue;
            }
            if (start == null) {
                out.diagnostic(new Diagnostic(Diagnostic.Level.WARNING, where, "health run " + index + " of " + shortId(cid)
                        + " has no Start ('" + startText + "'); run skipped"));
                continue;
            }
            String output = JsonRecords.text(run, "Output");
            if (end == null) {
                unfinished++;
                output = UNFINISHED + (output == null ? "" : output);
                end = start;
            }
            Integer exit = run.hasNonNull("ExitCode") ? run.get("ExitCode").asInt() : null;
            runs.add(new Span(ctx.entry() + "#" + shortId(cid) + "/health/" + index, SpanKind.HEALTHCHECK_RUN, ctx.host(), cid,
                    ctx.toLocal(start), ctx.toLocal(end), exit, output, where));
        }
        if (unfinished > 0) {
            out.diagnostic(new Diagnostic(Diagnostic.Level.INFO, where, unfinished + " health run(s) of " + shortId(cid)
                    + " have the zero End time (unfinished): their spans end at their start"));
        }
        return runs;
    }

    private static void upSpan(EntryContext ctx, String cid, JsonNode state, List<Span> runs, SourceRef where, Collector out) {
        Long started;
        Long finished;
        try {
            started = DockerTime.parse(JsonRecords.text(state, "StartedAt"));
            finished = DockerTime.parse(JsonRecords.text(state, "FinishedAt"));
        } catch (DateTimeParseException e) {
            out.diagnostic(new Diagnostic(Diagnostic.Level.WARNING, where, "unreadable State time of " + shortId(cid)
                    + " (" + e.getParsedString() + "); no up period"));
            return;
        }
        if (started == null) {
            return;
        }
        long start = ctx.toLocal(started);
        boolean running = state.path("Running").asBoolean(false);
        String id = ctx.entry() + "#" + shortId(cid) + "/up";
        if (!running && finished != null && finished >= started) {
            int exit = (int) JsonRecords.longValue(state, "ExitCode", 0);
            out.span(new Span(id, SpanKind.CONTAINER_UP, ctx.host(), cid, start, ctx.toLocal(finished), exit,
                    "up until exit " + exit + " (docker inspect)", where));
            return;
        }
        if (!running) {
            return;
        }
        long end = start;
        String until = "no later sign of it";
        if (ctx.takenAt() != null) {
            end = Math.max(start, EpochNanos.of(ctx.takenAt()));
            until = "the inspect was taken";
        } else {
            for (Span r : runs) {
                if (r.endNanos() > end) {
                    end = r.endNanos();
                    until = "its last health run";
                }
            }
        }
        out.span(new Span(id, SpanKind.CONTAINER_UP, ctx.host(), cid, start, end, null,
                "running at inspect; span ends at " + until, where));
    }

    /**
     * {@code --format '{{json .State.Health}}'} prints {@code null} for a container without a healthcheck: such lines
     * are reported as that and blanked (in a copy, so every offset stays) before the JSON is read.
     */
    private static byte[] withoutNullLines(EntryContext ctx, byte[] data, Collector out) {
        byte[] copy = null;
        LineReader lines = new LineReader(data);
        while (lines.next()) {
            int from = lines.start();
            int to = lines.end();
            while (from < to && (data[from] == ' ' || data[from] == '\t')) {
                from++;
            }
            while (to > from && (data[to - 1] == ' ' || data[to - 1] == '\t')) {
                to--;
            }
            if (to - from == 4 && data[from] == 'n' && data[from + 1] == 'u' && data[from + 2] == 'l' && data[from + 3] == 'l') {
                copy = copy == null ? data.clone() : copy;
                java.util.Arrays.fill(copy, from, to, (byte) ' ');
                out.diagnostic(ctx.diagnostic(Diagnostic.Level.INFO, lines.lineNo(), from,
                        "'null' where inspect output was expected: docker prints that for .State.Health of a container"
                                + " without a healthcheck"));
            }
        }
        return copy == null ? data : copy;
    }

    static String shortId(String id) {
        return id.length() > 12 && id.chars().allMatch(ch -> Character.digit(ch, 16) >= 0) ? id.substring(0, 12) : id;
    }

    private static String baseName(String entry) {
        int slash = entry.lastIndexOf('/');
        return slash < 0 ? entry : entry.substring(slash + 1);
    }
}
