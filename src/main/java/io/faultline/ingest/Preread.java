package io.faultline.ingest;

import io.faultline.capture.Manifest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an import already read of the large journal JSON files it stored ({@link FileImporter#importAndRead}): their
 * rows, parsed while their bytes were copied into the bundle, to be taken into the bundle's ingest
 * ({@link Ingestor#ingest(io.faultline.capture.Bundle, IngestListener, Preread)}) instead of reading those entries again.
 * An entry is taken only when the ingest reads it with the context it was parsed with; otherwise it is read from the
 * bundle as usual. The rows read back from the bundle file in place, as a reopened bundle's do (decision 0008).
 */
public final class Preread implements AutoCloseable {
    /** Nothing read beforehand: every entry is read from the bundle. */
    public static final Preread NONE = new Preread();

    private final Map<String, Journal> journals = new HashMap<>();
    private volatile boolean previewed;

    Preread() {
    }

    /** One journal JSON file read while imported: its context, where its rows are read back, its pieces in order. */
    static final class Journal {
        private final EntryContext ctx;
        private final RawJournal raw;
        private final List<Collector[]> pieces = new ArrayList<>();
        private long events;
        private long bytes = -1;
        private boolean taken;

        Journal(EntryContext ctx, RawJournal raw) {
            this.ctx = ctx;
            this.raw = raw;
        }

        /** The next piece: the diagnostics its boots' clocks gave against the pieces before, then what it read. */
        void add(Collector joins, Collector collected) {
            pieces.add(new Collector[] {joins, collected});
            events += collected.eventCount();
        }

        long events() {
            return events;
        }

        /** The rows and diagnostics read so far, for a first look. */
        Collector sofar() {
            Collector c = new Collector();
            c.beginEntry();
            into(c, false);
            return c;
        }

        /**
         * Takes the pieces into {@code out}, as {@link JournalStream} takes them while reading a bundle entry; with
         * {@code letGo}, each piece is dropped once taken, so the rows are not held twice.
         */
        void into(Collector out, boolean letGo) {
            int[] source = {out.source(raw)};
            for (int i = 0; i < pieces.size(); i++) {
                Collector[] p = letGo ? pieces.set(i, null) : pieces.get(i);
                out.absorb(p[0], new int[0]);
                out.absorb(p[1], source);
            }
            if (letGo) {
                pieces.clear();
            }
        }
    }

    /** Adds the journal imported as {@code entry}; its pieces are {@link Journal#add added} as they are read. */
    synchronized Journal journal(String entry, EntryContext ctx, RawJournal raw) {
        Journal j = new Journal(ctx, raw);
        journals.put(entry, j);
        return j;
    }

    /** The journal imported as {@code entry} was read whole: its {@code bytes} bytes are in the bundle. */
    synchronized void complete(String entry, long bytes) {
        journals.get(entry).bytes = bytes;
    }

    /** The bundle is finished and at {@code bundle}: the rows read back from it from now on. */
    synchronized void sealed(Path bundle) throws IOException {
        for (Journal j : journals.values()) {
            j.raw.sealed(bundle);
        }
    }

    /** Whether the import gave {@link IngestListener#preview} its first look already (it is given at most once). */
    boolean previewed() {
        return previewed;
    }

    void previewGiven() {
        previewed = true;
    }

    /**
     * Takes entry {@code e}'s rows, read while it was imported, into {@code out} when they were read with context
     * {@code ctx} and whole, once; returns false, with nothing taken, otherwise (the entry is then read from the bundle).
     */
    synchronized boolean take(Manifest.Entry e, EntryContext ctx, Collector out) {
        Journal j = journals.get(e.path());
        if (j == null || j.taken || j.bytes != e.bytes() || !j.ctx.equals(ctx)) {
            return false;
        }
        j.taken = true;
        j.into(out, true);
        return true;
    }

    /** Lets go of the files of the journals no ingest took (a failed or cancelled import, or contexts that differed). */
    @Override
    public synchronized void close() {
        for (Journal j : journals.values()) {
            if (!j.taken) {
                j.raw.close();
            }
        }
    }
}
