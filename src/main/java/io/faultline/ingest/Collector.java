package io.faultline.ingest;

import io.faultline.model.Container;
import io.faultline.model.Diagnostic;
import io.faultline.model.Event;
import io.faultline.model.Series;
import io.faultline.model.SourceRef;
import io.faultline.model.Span;

import java.util.ArrayList;
import java.util.List;

/**
 * Gathers what the parsers yield, entry after entry. Diagnostics are capped per entry
 * ({@value #MAX_DIAGNOSTICS_PER_ENTRY}) so a binary file read as text does not drown the rest;
 * the cap itself is reported with the number left out. Not thread-safe: one ingest at a time.
 */
public final class Collector {
    static final int MAX_DIAGNOSTICS_PER_ENTRY = 50;

    private final List<Event> events = new ArrayList<>();
    private final List<Span> spans = new ArrayList<>();
    private final List<Series> series = new ArrayList<>();
    private final List<Container> containers = new ArrayList<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final List<DockerEventRecord> dockerEvents = new ArrayList<>();
    private int entryDiagnostics;
    private int entrySuppressed;
    private SourceRef firstSuppressed;

    void beginEntry() {
        entryDiagnostics = 0;
        entrySuppressed = 0;
        firstSuppressed = null;
    }

    void endEntry() {
        if (entrySuppressed > 0) {
            diagnostics.add(new Diagnostic(Diagnostic.Level.WARNING, firstSuppressed,
                    entrySuppressed + " more problems in this entry not listed (the first " + MAX_DIAGNOSTICS_PER_ENTRY
                            + " are); the first left out is at line " + firstSuppressed.line()));
        }
    }

    public void event(Event e) {
        events.add(e);
    }

    public void span(Span s) {
        spans.add(s);
    }

    public void series(Series s) {
        series.add(s);
    }

    public void container(Container c) {
        containers.add(c);
    }

    public void diagnostic(Diagnostic d) {
        if (entryDiagnostics < MAX_DIAGNOSTICS_PER_ENTRY) {
            entryDiagnostics++;
            diagnostics.add(d);
        } else {
            if (entrySuppressed == 0) {
                firstSuppressed = d.where();
            }
            entrySuppressed++;
        }
    }

    void dockerEvent(DockerEventRecord r) {
        dockerEvents.add(r);
    }

    List<Event> events() {
        return events;
    }

    List<Span> spans() {
        return spans;
    }

    List<Series> series() {
        return series;
    }

    List<Container> containers() {
        return containers;
    }

    List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    List<DockerEventRecord> dockerEvents() {
        return dockerEvents;
    }
}
