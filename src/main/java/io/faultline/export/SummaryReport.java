package io.faultline.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faultline.capture.Json;
import io.faultline.model.AnnotationLayer;
import io.faultline.model.Container;
import io.faultline.model.Diagnostic;
import io.faultline.model.EpochNanos;
import io.faultline.model.Evidence;
import io.faultline.model.HostInfo;
import io.faultline.model.Series;
import io.faultline.model.SourceStats;
import io.faultline.model.Span;
import io.faultline.model.SpanKind;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The short machine-readable account of a bundle that {@code faultline summary --json} prints: window,
 * hosts, per-source counts, containers with their healthcheck settings, runs and restarts, series sizes,
 * annotation and link counts. Tests compare live captures and replays through it.
 */
public final class SummaryReport {
    private SummaryReport() {
    }

    public static ObjectNode build(Evidence ev, AnnotationLayer annotations) {
        ObjectNode root = Json.mapper().createObjectNode();
        ObjectNode window = root.putObject("window");
        window.put("from", EpochNanos.iso(ev.window().fromNanos()));
        window.put("to", EpochNanos.iso(ev.window().toNanos()));

        ArrayNode hosts = root.putArray("hosts");
        for (HostInfo h : ev.hosts()) {
            ObjectNode n = hosts.addObject();
            n.put("name", h.name());
            n.put("zone", h.zone());
            n.put("clockOffsetMs", h.clockOffsetMs());
            n.put("offsetUncertaintyMs", h.offsetUncertaintyMs());
        }

        ArrayNode sources = root.putArray("sources");
        for (SourceStats s : ev.sources()) {
            ObjectNode n = sources.addObject();
            n.put("entry", s.entry());
            n.put("host", s.host());
            n.put("kind", s.kind());
            n.put("events", s.events());
            n.put("spans", s.spans());
            n.put("seriesPoints", s.seriesPoints());
            n.put("diagnostics", s.diagnostics());
        }

        Map<String, Long> runs = new LinkedHashMap<>();
        for (Span s : ev.spans()) {
            if (s.kind() == SpanKind.HEALTHCHECK_RUN && s.containerId() != null) {
                runs.merge(s.containerId(), 1L, Long::sum);
            }
        }
        ArrayNode containers = root.putArray("containers");
        for (Container c : ev.containers()) {
            ObjectNode n = containers.addObject();
            n.put("id", c.id());
            n.put("name", c.name());
            n.put("host", c.host());
            if (c.healthcheck() == null) {
                n.putNull("healthcheck");
            } else {
                ObjectNode hc = n.putObject("healthcheck");
                hc.put("intervalMs", c.healthcheck().intervalNanos() / 1_000_000);
                hc.put("timeoutMs", c.healthcheck().timeoutNanos() / 1_000_000);
                hc.put("retries", c.healthcheck().retries());
            }
            n.put("restartPolicy", c.restartPolicy());
            n.put("healthRuns", runs.getOrDefault(c.id(), 0L));
            n.put("restarts", c.restartCount());
        }

        ArrayNode series = root.putArray("series");
        for (Series s : ev.series()) {
            ObjectNode n = series.addObject();
            n.put("name", s.name());
            n.put("host", s.host());
            n.put("device", s.device());
            n.put("metric", s.metric());
            n.put("points", s.size());
        }
        root.put("events", ev.events().size());
        root.put("diagnostics", ev.diagnostics().size());
        ArrayNode diags = root.putArray("diagnosticMessages");
        for (Diagnostic d : ev.diagnostics()) {
            diags.add(d.describe());
        }
        root.put("annotations", annotations.annotations().size());
        root.put("links", annotations.links().size());
        return root;
    }
}
