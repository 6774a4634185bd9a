package io.faultline.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.capture.Manifest;

/** The summary as text for a person at a terminal. */
final class TextSummary {
    private TextSummary() {
    }

    private static String text(JsonNode n) {
        return TerminalText.safe(n.asText());
    }

    static String render(JsonNode r, Manifest m) {
        StringBuilder sb = new StringBuilder();
        sb.append("window   ").append(r.at("/window/from").asText()).append(" → ").append(r.at("/window/to").asText())
                .append(m.partial() ? "   (PARTIAL capture: cut short, what arrived is kept)" : "").append('\n');
        for (JsonNode h : r.path("hosts")) {
            sb.append("host     ").append(text(h.path("name"))).append("  zone ").append(text(h.path("zone")))
                    .append("  clock offset ").append(h.path("clockOffsetMs").asLong()).append(" ms ±")
                    .append(h.path("offsetUncertaintyMs").asLong()).append(" ms\n");
        }
        sb.append("events   ").append(r.path("events").asLong()).append('\n');
        for (JsonNode s : r.path("sources")) {
            sb.append(String.format("  %-14s %-40s %7d events %5d spans %6d points %4d diagnostics%n", text(s.path("kind")),
                    text(s.path("entry")), s.path("events").asLong(), s.path("spans").asLong(),
                    s.path("seriesPoints").asLong(), s.path("diagnostics").asLong()));
        }
        for (JsonNode c : r.path("containers")) {
            JsonNode hc = c.path("healthcheck");
            String id = text(c.path("id"));
            sb.append("container ").append(text(c.path("name"))).append(" (").append(id, 0, Math.min(12, id.length())).append(")");
            if (hc.isObject()) {
                sb.append("  healthcheck every ").append(hc.path("intervalMs").asLong()).append(" ms, timeout ")
                        .append(hc.path("timeoutMs").asLong()).append(" ms, retries ").append(hc.path("retries").asInt());
            }
            sb.append("  runs ").append(c.path("healthRuns").asLong()).append("  restarts ").append(c.path("restarts").asLong())
                    .append('\n');
        }
        for (JsonNode s : r.path("series")) {
            sb.append("series   ").append(text(s.path("host"))).append(' ').append(text(s.path("name"))).append("  ")
                    .append(s.path("points").asLong()).append(" points\n");
        }
        sb.append("notes    ").append(r.path("annotations").asLong()).append("  links ").append(r.path("links").asLong()).append('\n');
        sb.append("diagnostics ").append(r.path("diagnostics").asLong());
        for (JsonNode d : r.path("diagnosticMessages")) {
            sb.append("\n  ").append(text(d));
        }
        return sb.toString();
    }
}
