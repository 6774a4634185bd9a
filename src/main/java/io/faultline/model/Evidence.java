package io.faultline.model;

import java.util.List;

/**
 * Everything ingested from one bundle: the model the timeline and the panes are built from.
 * Events are sorted by time, equal times keeping their source order.
 */
public record Evidence(TimeWindow window, List<HostInfo> hosts, List<Event> events, List<Span> spans,
                       List<Series> series, List<Container> containers, List<SourceStats> sources,
                       List<Diagnostic> diagnostics) {
    public Evidence {
        hosts = List.copyOf(hosts);
        events = events instanceof EventTable ? events : List.copyOf(events);
        spans = List.copyOf(spans);
        series = List.copyOf(series);
        containers = List.copyOf(containers);
        sources = List.copyOf(sources);
        diagnostics = List.copyOf(diagnostics);
    }
}
