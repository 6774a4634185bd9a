package io.faultline.ingest;

import io.faultline.model.Container;
import io.faultline.model.Diagnostic;
import io.faultline.model.Event;
import io.faultline.model.EventTable;
import io.faultline.model.Series;
import io.faultline.model.SourceRef;
import io.faultline.model.Span;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Gathers what the parsers yield, entry after entry. Diagnostics are capped per entry
 * ({@value #MAX_DIAGNOSTICS_PER_ENTRY}) so a binary file read as text does not drown the rest;
 * the cap itself is reported with the number left out. Not thread-safe: one ingest at a time.
 */
public final class Collector {
    static final int MAX_DIAGNOSTICS_PER_ENTRY = 50;

    private final EventTable.Builder events = new EventTable.Builder();
    private UnaryOperator<Event> finish = UnaryOperator.identity();
    private final Set<String> entryHosts = new LinkedHashSet<>();
    private int deferTo = -1;
    private long deferBase;
    private final List<Span> spans = new ArrayList<>();
    private final List<Series> series = new ArrayList<>();
    private final List<Container> containers = new ArrayList<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final List<DockerEventRecord> dockerEvents = new ArrayList<>();
    private int entryDiagnostics;
    private int entrySuppressed;
    private SourceRef firstSuppressed;

    void beginEntry() {
        beginEntry(UnaryOperator.identity());
    }

    /** Starts an entry whose events are each passed through {@code finish} before they are kept. */
    void beginEntry(UnaryOperator<Event> finishing) {
        finish = finishing;
        entryHosts.clear();
        deferTo = -1;
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
        Event f = finish.apply(e);
        entryHosts.add(f.host());
        events.add(f);
    }

    /**
     * An event with where its record lies in the text read: kept as it is ({@link #event}), or, while
     * {@link #deferTo deferring}, as a row read back from that record when asked for.
     *
     * @param messageStart where its message's bytes start in the record, negative when they are not one run of bytes
     */
    void record(Event e, long recordStart, int recordLength, int messageStart, int messageLength, boolean messageEscaped) {
        if (deferTo < 0) {
            event(e);
            return;
        }
        Event f = finish.apply(e);
        entryHosts.add(f.host());
        events.addDeferred(f, deferTo, deferBase + recordStart, recordLength, messageStart, messageLength, messageEscaped);
    }

    /** Registers where deferred rows of this entry are read back from ({@link #deferTo}). */
    int source(EventTable.Records records) {
        return events.source(records);
    }

    /**
     * From now on, {@link #record}s are kept as rows of {@code source} whose record offsets are {@code base} plus the
     * offset in the text read; {@code source} -1 keeps them whole again.
     */
    void deferTo(int source, long base) {
        deferTo = source;
        deferBase = base;
    }

    /**
     * Takes in what {@code piece} collected from the next piece of the entry being read, as if it had been collected
     * here: its rows after these (its deferred rows of source {@code k} becoming rows of {@code sources[k]} here), its
     * diagnostics under this entry's cap, the hosts its events went under. Only events and diagnostics: what a journal
     * parser gives.
     */
    void absorb(Collector piece, int[] sources) {
        events.addAll(piece.events, sources);
        piece.diagnostics.forEach(this::diagnostic);
        if (piece.entrySuppressed > 0) {
            if (entrySuppressed == 0) {
                firstSuppressed = piece.firstSuppressed;
            }
            entrySuppressed += piece.entrySuppressed;
        }
        entryHosts.addAll(piece.entryHosts);
    }

    /** The hosts the events of the entry begun last went under, in order of first use. */
    Set<String> entryHosts() {
        return entryHosts;
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

    /** The events kept so far, sorted by time. */
    EventTable events() {
        return events.build();
    }

    int eventCount() {
        return events.size();
    }

    /** The one event kept so far, as it was added, when exactly one was kept (whole); else null. */
    Event onlyEvent() {
        return events.size() == 1 ? events.held(0) : null;
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
