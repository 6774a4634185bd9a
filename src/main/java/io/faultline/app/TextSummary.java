package io.faultline.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.capture.Manifest;

/** The summary as text for a person at a terminal. */
final class TextSummary {
    private TextSummary() {
    }

    static String render(JsonNode r, Manifest m) {
        StringBuilder sb = new StringBuilder();
        sb.append("window   ").append(r.at("/window/from").asText()).append(" → ").append(r.at("/window/to").asText())
                .append(m.partial() ? "   (PARTIAL capture: cut short, what arrived is kept)" : "").append('\n');
        for (JsonNode h : r.path("hosts")) {
            sb.append("host     ").append(h.path("name").asText()).append("  zone ").append(h.path("zone").asText())
                    .append("  clock offset ").append(h.path("clockOffsetMs").asLong()).append(" ms ±")
                    .append(h.path("offsetUncertaintyMs").asLong()).append(" ms\n");
        }
        sb.append("events   ").append(r.path("events").asLong()).append('\n');
        for (JsonNode s : r.path("sources")) {
            sb.append(String.format("  %-14s %-40s %7d events %5d spans %6d points %4d diagnostics%n", s.path("kind").asText(),
                    s.path("entry").asText(), s.path("events").asLong(), s.path("spans").asLong(),
                    s.path("seriesPoints").asLong(), s.path("diagnostics").asLong()));
        }
        for (JsonNode c : r.path("containers")) {
            JsonNode hc = c.path("healthcheck");
            sb.append("container ").append(c.path("name").asText()).append(" (").append(c.path("id").asText(), 0,
                    Math.min(12, c.path("id").asText().length())).append(")");
            if (hc.isObject()) {
                sb.append("  healthcheck every ").append(hc.path("intervalMs").asLong()).append(" ms, timeout ")
                        .append(hc.path("timeoutMs").asLong()).append(" ms, retries ").append(hc.path("retries").asInt());
            }
            sb.append("  runs ").append(c.path("healthRuns").asLong()).append("  restarts ").append(c.path("restarts").asLong())
                    .append('\n');
        }
        for (JsonNode s : r.path("series")) {
            sb.append("series   ").append(s.path("host").asText()).append(' ').append(s.path("name").asText()).append("  ")
                    .append(s.path("points").asLong()).append(" points\n");
        }
        sb.append("notes    ").append(r.path("annotations").asLong()).append("  links ").append(r.path("links").asLong()).append('\n');
        sb.append("diagnostics ").append(r.path("diagnostics").asLong());
        for (JsonNode d : r.path("diagnosticMessages")) {
            sb.append("\n  ").append(d.asText());
        }
        return sb.toString();
    }
}
