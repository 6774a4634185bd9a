package io.faultline.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faultline.model.Container;
import io.faultline.model.Diagnostic;
import io.faultline.model.EpochNanos;
import io.faultline.model.Event;
import io.faultline.model.Evidence;
import io.faultline.model.HostInfo;
import io.faultline.model.Series;
import io.faultline.model.SourceRef;
import io.faultline.model.SourceStats;
import io.faultline.model.Span;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Renders {@link Evidence} as canonical JSON (times as ISO UTC with nine digits, origins as
 * {@code entry:line@byte}) and compares it field by field with an expected file under
 * {@code src/test/resources/ingest/expected/}. {@code -Dingest.regenerate=true} rewrites the expected files
 * instead (never when the environment has CI=true): review the diff before committing it.
 */
final class EvidenceJson {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    static final Path EXPECTED = Path.of("src/test/resources/ingest/expected");

    private EvidenceJson() {
    }

    static ObjectNode render(Evidence ev) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode w = root.putObject("window");
        w.put("from", EpochNanos.iso(ev.window().fromNanos()));
        w.put("to", EpochNanos.iso(ev.window().toNanos()));
        ArrayNode hosts = root.putArray("hosts");
        for (HostInfo h : ev.hosts()) {
            hosts.addObject().put("name", h.name()).put("zone", h.zone()).put("clockOffsetMs", h.clockOffsetMs())
                    .put("offsetUncertaintyMs", h.offsetUncertaintyMs());
        }
        ArrayNode events = root.putArray("events");
        for (Event e : ev.events()) {
            ObjectNode o = events.addObject();
            o.put("id", e.id()).put("time", EpochNanos.iso(e.timeNanos())).put("timeText", e.timeText()).put("host", e.host())
                    .put("source", e.source()).put("unit", e.unit()).put("identifier", e.identifier())
                    .put("severity", e.severity().name()).put("message", e.message()).put("containerId", e.containerId())
                    .put("truncated", e.truncated());
            ObjectNode f = o.putObject("fields");
            new java.util.TreeMap<>(e.fields()).forEach(f::put);
            o.put("origin", origin(e.origin()));
        }
        ArrayNode spans = root.putArray("spans");
        for (Span s : ev.spans()) {
            spans.addObject().put("id", s.id()).put("kind", s.kind().name()).put("host", s.host()).put("containerId", s.containerId())
                    .put("start", EpochNanos.iso(s.startNanos())).put("end", EpochNanos.iso(s.endNanos()))
                    .put("durationMs", s.durationNanos() / 1e6).put("exitCode", s.exitCode()).put("output", s.output())
                    .put("origin", origin(s.origin()));
        }
        ArrayNode series = root.putArray("series");
        for (Series s : ev.series()) {
            ObjectNode o = series.addObject().put("host", s.host()).put("device", s.device()).put("metric", s.metric())
                    .put("unit", s.unit());
            ArrayNode pts = o.putArray("points");
            for (int i = 0; i < s.size(); i++) {
                pts.addArray().add(EpochNanos.iso(s.timeAt(i))).add(s.valueAt(i));
            }
        }
        ArrayNode containers = root.putArray("containers");
        for (Container c : ev.containers()) {
            ObjectNode o = containers.addObject().put("id", c.id()).put("name", c.name()).put("host", c.host()).put("image", c.image());
            if (c.healthcheck() == null) {
                o.putNull("healthcheck");
            } else {
                ObjectNode h = o.putObject("healthcheck");
                ArrayNode test = h.putArray("test");
                c.healthcheck().test().forEach(test::add);
                h.put("intervalNanos", c.healthcheck().intervalNanos()).put("timeoutNanos", c.healthcheck().timeoutNanos())
                        .put("retries", c.healthcheck().retries()).put("startPeriodNanos", c.healthcheck().startPeriodNanos());
            }
            o.put("restartPolicy", c.restartPolicy()).put("restartCount", c.restartCount()).put("healthStatus", c.healthStatus())
                    .put("origin", origin(c.origin()));
        }
        ArrayNode sources = root.putArray("sources");
        for (SourceStats s : ev.sources()) {
            sources.addObject().put("entry", s.entry()).put("host", s.host()).put("kind", s.kind()).put("events", s.events())
                    .put("spans", s.spans()).put("seriesPoints", s.seriesPoints()).put("diagnostics", s.diagnostics());
        }
        ArrayNode diags = root.putArray("diagnostics");
        for (Diagnostic d : ev.diagnostics()) {
            diags.addObject().put("level", d.level().name()).put("where", origin(d.where())).put("reason", d.reason());
        }
        return root;
    }

    private static String origin(SourceRef r) {
        return r == null ? null : r.entry() + ":" + r.line() + "@" + r.byteOffset();
    }

    /** Compares with expected/{name}.json field by field, or rewrites it when regenerating. */
    static void assertMatches(Evidence ev, String name) throws IOException {
        JsonNode actual = render(ev);
        Path file = EXPECTED.resolve(name + ".json");
        boolean regenerate = Boolean.getBoolean("ingest.regenerate") && !"true".equalsIgnoreCase(System.getenv("CI"));
        if (regenerate) {
            Files.createDirectories(EXPECTED);
            Files.writeString(file, MAPPER.writeValueAsString(actual) + "\n");
        }
        assertThat(file).as("expected output %s (make it with -Dingest.regenerate=true, then review it)", file).exists();
        JsonNode expected = MAPPER.readTree(file.toFile());
        List<String> diffs = new ArrayList<>();
        diff("", expected, actual, diffs);
        assertThat(diffs).as("differences from %s", file).isEmpty();
    }

    private static void diff(String path, JsonNode exp, JsonNode act, List<String> out) {
        if (out.size() >= 40) {
            return;
        }
        if (exp.isObject() && act.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            exp.fieldNames().forEachRemaining(names::add);
            act.fieldNames().forEachRemaining(names::add);
            for (String n : names) {
                JsonNode e = exp.get(n);
                JsonNode a = act.get(n);
                if (e == null || a == null) {
                    out.add(path + "/" + n + (e == null ? ": unexpected, got " + a : ": missing, expected " + e));
                } else {
                    diff(path + "/" + n, e, a, out);
                }
            }
        } else if (exp.isArray() && act.isArray()) {
            if (exp.size() != act.size()) {
                out.add(path + ": expected " + exp.size() + " items, got " + act.size());
            }
            Iterator<JsonNode> ei = exp.iterator();
            Iterator<JsonNode> ai = act.iterator();
            for (int i = 0; ei.hasNext() && ai.hasNext(); i++) {
                diff(path + "[" + i + "]", ei.next(), ai.next(), out);
            }
        } else if (!exp.equals(act) && !(exp.isNumber() && act.isNumber() && exp.asDouble() == act.asDouble())) {
            out.add(path + ": expected " + exp + ", got " + act);
        }
    }
}
