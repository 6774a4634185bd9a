package io.faultline.ingest;

import io.faultline.capture.Bundle;
import io.faultline.capture.BundleFormatException;
import io.faultline.capture.Manifest;
import io.faultline.capture.SourceKind;
import io.faultline.model.Diagnostic;
import io.faultline.model.EpochNanos;
import io.faultline.model.Event;
import io.faultline.model.EventTable;
import io.faultline.model.Evidence;
import io.faultline.model.HostInfo;
import io.faultline.model.Series;
import io.faultline.model.SourceRef;
import io.faultline.model.SourceStats;
import io.faultline.model.Span;
import io.faultline.model.TimeWindow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Turns a bundle's raw entries into {@link Evidence}. Reads the manifest (window, hosts with zone and
 * clock offset), then every entry with the parser of its kind (an entry of kind unknown is detected by
 * content), then the docker cross-entry step ({@link DockerCorrelator}).
 *
 * <p>Time axis: every instant in the result is on the laptop's clock. A host's {@code clockOffsetMs} is
 * remote minus local, so an instant read from that host's output is moved by subtracting the offset
 * ({@code local = remote - offset}). The capture window is already on the laptop's clock and is not moved.
 *
 * <p>Bad content never throws: an empty entry, binary junk, JSON cut in half, a missing entry each give a
 * {@link Diagnostic} naming the entry, line and byte offset, and the other entries are read as usual.
 */
public final class Ingestor {
    private static final Logger LOG = LoggerFactory.getLogger(Ingestor.class);
    private static final String UNNAMED_HOST = "local";
    private static final ZoneId UTC = ZoneId.of("UTC");
    /** Only the first line of a command's stderr is shown; this much is read to find it. */
    private static final int STDERR_HEAD_BYTES = 64 * 1024;

    private Ingestor() {
    }

    /**
     * @throws IOException only when the bundle itself cannot be read at all; a bad entry is a diagnostic
     */
    public static Evidence ingest(Bundle bundle) throws IOException {
        return ingest(bundle, Streaming.DEFAULT, IngestListener.NONE);
    }

    /**
     * As {@link #ingest(Bundle)}, telling {@code listener} how far it is, giving it a first look at the case while a
     * large journal entry is still being read, and stopping when it says so.
     *
     * @throws java.util.concurrent.CancellationException when {@code listener} cancelled it
     */
    public static Evidence ingest(Bundle bundle, IngestListener listener) throws IOException {
        return ingest(bundle, Streaming.DEFAULT, listener);
    }

    /**
     * As {@link #ingest(Bundle, IngestListener)}, taking the entries {@code preread} already read while they were imported
     * into this bundle instead of reading them again (decision 0008).
     */
    public static Evidence ingest(Bundle bundle, IngestListener listener, Preread preread) throws IOException {
        return ingest(bundle, Streaming.DEFAULT.reading(preread), listener);
    }

    /**
     * How large journal JSON entries are read: an entry above {@code deferAboveBytes} is streamed in pieces of about
     * {@code pieceBytes} and kept as deferred rows of the {@link EventTable}, so
     * it is not held whole in memory, neither its bytes nor its events' text.
     *
     * @param spillDir where copies of compressed entries go to be read back ({@link RawJournal}; unlinked at once)
     * @param previewAfterNanos how long after the start a preview may be given ({@link IngestListener#preview})
     * @param pieces   told after each piece
     * @param preread  entries read while they were imported, taken instead of read again
     */
    record Streaming(long deferAboveBytes, int pieceBytes, Path spillDir, long previewAfterNanos, JournalStream.Pieces pieces,
                     Preread preread) {
        static final Streaming DEFAULT = new Streaming(16L << 20, 8 << 20, Path.of(System.getProperty("java.io.tmpdir")));

        Streaming(long deferAboveBytes, int pieceBytes, Path spillDir) {
            this(deferAboveBytes, pieceBytes, spillDir, 300_000_000L, entryBytes -> { }, Preread.NONE);
        }

        Streaming with(JournalStream.Pieces told) {
            return new Streaming(deferAboveBytes, pieceBytes, spillDir, previewAfterNanos, told, preread);
        }

        Streaming previewAfter(long nanos) {
            return new Streaming(deferAboveBytes, pieceBytes, spillDir, nanos, pieces, preread);
        }

        Streaming reading(Preread read) {
            return new Streaming(deferAboveBytes, pieceBytes, spillDir, previewAfterNanos, pieces, read);
        }
    }

    static Evidence ingest(Bundle bundle, Streaming streaming) throws IOException {
        return ingest(bundle, streaming, IngestListener.NONE);
    }

    static Evidence ingest(Bundle bundle, Streaming streaming, IngestListener listener) throws IOException {
        long started = System.nanoTime();
        Manifest m = bundle.manifest();
        Collector out = new Collector();
        List<Diagnostic> preamble = new ArrayList<>();
        SourceRef manifestRef = new SourceRef(Manifest.FILE, 0, -1);
        TimeWindow window = window(m.window(), manifestRef, preamble);
        Instant createdAt = instant(m.createdAt(), "createdAt", manifestRef, preamble);
        if (bundle.annotationsProblem() != null) {
            preamble.add(new Diagnostic(Diagnostic.Level.WARNING, new SourceRef(Manifest.ANNOTATIONS_FILE, 0, -1),
                    bundle.annotationsProblem() + "; the notes are not shown, the evidence is read. A note saved now keeps the"
                            + " damaged file beside it in the bundle (annotations-damaged-N.json)"));
        }
        boolean imported = !m.entries().isEmpty() && m.entries().stream().allMatch(e -> e.command() == null);
        for (Manifest.Problem p : m.diagnostics()) {
            preamble.add(new Diagnostic(level(p.level()), new SourceRef(p.entry() == null ? Manifest.FILE : p.entry(), 0, -1),
                    (imported ? "during import: " : "during capture: ") + p.reason()));
        }
        Map<String, HostInfo> hosts = new LinkedHashMap<>();
        for (Manifest.Host h : m.hosts()) {
            hosts.put(h.name(), new HostInfo(h.name(), h.zone() == null || h.zone().isBlank() ? "UTC" : h.zone(),
                    h.clockOffsetMs(), h.offsetUncertaintyMs()));
        }
        Map<String, Manifest.Host> manifestHosts = new HashMap<>();
        m.hosts().forEach(h -> manifestHosts.put(h.name(), h));
        Instant dataContext = window == null ? latestDatedInstant(bundle, m, manifestHosts, createdAt, streaming) : null;
        JournalBoots boots = journalBoots(bundle, m, manifestHosts, window, createdAt, streaming);
        Map<String, Long> seriesPoints = new HashMap<>();
        Map<String, String[]> entryInfo = new LinkedHashMap<>();
        long total = m.entries().stream().mapToLong(e -> Math.max(0, e.bytes())).sum();
        long[] done = {0};
        boolean[] previewed = {streaming.preread().previewed()};
        TimeWindow knownWindow = window;
        for (Manifest.Entry e : m.entries()) {
            checkCancelled(listener);
            String host = hostOf(m, e);
            hosts.putIfAbsent(host, new HostInfo(host, "UTC", 0, 0));
            EntryContext ctx = context(e, host, manifestHosts.get(host), window, dataContext, createdAt, out).withBoots(boots);
            Manifest.Host mh = manifestHosts.get(host);
            ctx = ctx.withHostBoot(hostBoot(mh, ctx, boots)).withLinesNameHosts(mh != null && mh.linesNameHosts());
            out.beginEntry(finishing(ctx));
            int before = out.series().size();
            long entryStart = done[0];
            JournalStream.Pieces pieces = entryDone -> {
                checkCancelled(listener);
                listener.progress(entryStart + entryDone, total, out.eventCount());
                if (!previewed[0] && out.eventCount() > 0 && System.nanoTime() - started >= streaming.previewAfterNanos()
                        && entryDone < e.bytes() * 3 / 4) {
                    previewed[0] = true;
                    listener.preview(preview(out, knownWindow, hosts, createdAt));
                }
            };
            SourceKind kind = readEntry(bundle, e, ctx, out, streaming.with(pieces));
            String statsHost = host;
            if (ctx.linesNameHosts()) {
                statsHost = linesNameHosts(ctx, out.entryHosts(), out.series().subList(before, out.series().size()), hosts);
            }
            long points = out.series().subList(before, out.series().size()).stream().mapToLong(Series::size).sum();
            seriesPoints.put(e.path(), points);
            entryInfo.put(e.path(), new String[] {statsHost, kind.id()});
            out.endEntry();
            done[0] += Math.max(0, e.bytes());
            listener.progress(done[0], total, out.eventCount());
        }
        checkCancelled(listener);
        List<Span> spans = new ArrayList<>(out.spans());
        Containers containers = DockerCorrelator.correlate(out.dockerEvents(), spans, out.containers(), window);
        DockerEventsCoverage.check(out.dockerEvents(), window, out);
        EventTable events = out.events().withContainers(containers::resolve);
        JournalHealthRuns.add(healthCandidates(events), spans, containers);
        spans.sort(Comparator.comparingLong(Span::startNanos));
        List<Diagnostic> diagnostics = new ArrayList<>(preamble);
        diagnostics.addAll(out.diagnostics());
        List<SourceStats> stats = new ArrayList<>();
        Map<String, Long> eventsPerEntry = eventsPerEntry(events);
        for (Map.Entry<String, String[]> en : entryInfo.entrySet()) {
            String path = en.getKey();
            stats.add(new SourceStats(path, en.getValue()[0], en.getValue()[1], eventsPerEntry.getOrDefault(path, 0L),
                    spans.stream().filter(s -> s.origin() != null && path.equals(s.origin().entry())).count(),
                    seriesPoints.getOrDefault(path, 0L),
                    diagnostics.stream().filter(d -> path.equals(d.where().entry())).count()));
        }
        if (window == null) {
            window = spread(events, spans, out.series(), createdAt);
        }
        dropUnusedLineHosts(m, hosts, events, spans, out.series(), containers);
        return new Evidence(window, List.copyOf(hosts.values()), events, spans, mergeSeries(out.series()), containers.list(), stats,
                diagnostics);
    }

    /**
     * The context the ingest of a bundle that an import is writing will read entry {@code entry} of host {@code host}
     * with, when nothing else in the bundle changes it: no capture window or {@code window}, no yearless or
     * boot-relative entries beside it (which give it a data context or boots, and the ingest then reads the entry again).
     */
    static EntryContext importedContext(String entry, Manifest.Host host, TimeWindow window, Instant createdAt) {
        Manifest.Entry e = new Manifest.Entry(entry, host.name(), SourceKind.JOURNAL_JSON.id(), null, null, null, 0, null, null, null, null,
                true);
        EntryContext ctx = context(e, host.name(), host, window, null, createdAt, new Collector()).withBoots(JournalBoots.NONE);
        return ctx.withHostBoot(hostBoot(host, ctx, JournalBoots.NONE)).withLinesNameHosts(host.linesNameHosts());
    }

    /** The capture window an import's manifest gets for {@code from} and {@code to}, as the ingest reads it back; or null. */
    static TimeWindow importedWindow(Instant from, Instant to) {
        return from == null || to == null ? null : window(new Manifest.Window(from.toString(), to.toString()),
                new SourceRef(Manifest.FILE, 0, -1), new ArrayList<>());
    }

    private static void checkCancelled(IngestListener listener) {
        if (listener.cancelled()) {
            throw new java.util.concurrent.CancellationException("the ingest was cancelled");
        }
    }

    /** The case as read so far; see {@link IngestListener#preview}. */
    static Evidence preview(Collector out, TimeWindow window, Map<String, HostInfo> hosts, Instant createdAt) {
        EventTable events = out.events();
        List<Span> spans = new ArrayList<>(out.spans());
        spans.sort(Comparator.comparingLong(Span::startNanos));
        List<Series> series = mergeSeries(out.series());
        return new Evidence(window != null ? window : spread(events, spans, series, createdAt), List.copyOf(hosts.values()), events,
                spans, series, out.containers(), List.of(), out.diagnostics());
    }

    /**
     * What happens to each event of an entry once parsed, whether kept whole or read back later from its record: it goes
     * under the host it names when the entry's lines name hosts, and its logrus stamp and level are typed.
     */
    static UnaryOperator<Event> finishing(EntryContext ctx) {
        return ev -> {
            Event named = ev;
            if (ctx.linesNameHosts()) {
                String host = ctx.hostNamed(ev.fields().get("_HOSTNAME"));
                if (!host.equals(ev.host())) {
                    named = new Event(ev.id(), ev.timeNanos(), ev.timeText(), host, ev.source(), ev.unit(), ev.identifier(),
                            ev.severity(), ev.message(), ev.containerId(), ev.truncated(), ev.fields(), ev.origin());
                }
            }
            return Logrus.annotate(named, ctx.clockOffsetNanos());
        };
    }

    /**
     * The events that may give healthcheck runs ({@link EventTable#healthCandidate}), in time order, each built as it is
     * reached and dropped after: a million deferred rows are not all held at once.
     */
    private static Iterable<Event> healthCandidates(EventTable events) {
        return () -> java.util.stream.IntStream.range(0, events.size()).filter(events::healthCandidate).mapToObj(events::get).iterator();
    }

    private static Map<String, Long> eventsPerEntry(EventTable events) {
        String[] entries = events.dictionary(EventTable.Column.ENTRY);
        long[] counts = new long[entries.length];
        for (int i = 0; i < events.size(); i++) {
            counts[events.id(EventTable.Column.ENTRY, i)]++;
        }
        Map<String, Long> out = new HashMap<>();
        for (int id = 1; id < entries.length; id++) {
            out.merge(entries[id], counts[id], Long::sum);
        }
        return out;
    }

    /**
     * One series per host, device and metric: the same disk from several entries (day files, -d and -d -p)
     * becomes one, time-ordered; a time already present keeps the value seen first.
     */
    static List<Series> mergeSeries(List<Series> all) {
        Map<String, List<Series>> groups = new LinkedHashMap<>();
        for (Series s : all) {
            groups.computeIfAbsent(s.host() + "\u0000" + s.device() + "\u0000" + s.metric(), k -> new ArrayList<>()).add(s);
        }
        List<Series> merged = new ArrayList<>();
        for (List<Series> group : groups.values()) {
            if (group.size() == 1) {
                merged.add(group.getFirst());
                continue;
            }
            java.util.TreeMap<Long, Double> points = new java.util.TreeMap<>();
            for (Series s : group) {
                for (int i = 0; i < s.size(); i++) {
                    points.putIfAbsent(s.timeAt(i), s.valueAt(i));
                }
            }
            long[] times = points.keySet().stream().mapToLong(Long::longValue).toArray();
            double[] values = points.values().stream().mapToDouble(Double::doubleValue).toArray();
            Series first = group.getFirst();
            merged.add(new Series(first.host(), first.device(), first.metric(), first.unit(), times, values));
        }
        return merged;
    }

    private static SourceKind readEntry(Bundle bundle, Manifest.Entry e, EntryContext ctx, Collector out, Streaming streaming) {
        SourceKind kind = e.sourceKind();
        if (kind == SourceKind.HOST_CLOCK) {
            return kind;
        }
        if (e.exitCode() != null && e.exitCode() != 0) {
            out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, 0, -1, "command exited " + e.exitCode()
                    + (e.command() == null ? "" : ": " + e.command())));
        }
        if (!e.complete()) {
            out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, 0, -1,
                    "the capture of this entry was cut short; what arrived is read, the end may be missing"));
        }
        stderr(bundle, e, ctx, out);
        if (e.bytes() > streaming.deferAboveBytes() && kind == SourceKind.JOURNAL_JSON && streaming.preread().take(e, ctx, out)) {
            return kind;
        }
        if (e.bytes() > streaming.deferAboveBytes() && (kind == SourceKind.JOURNAL_JSON || kind == SourceKind.UNKNOWN)
                && JournalStream.read(bundle, e, ctx, out, streaming)) {
            return SourceKind.JOURNAL_JSON;
        }
        long limit = readableEntryBytes();
        if (e.bytes() > limit) {
            out.diagnostic(ctx.diagnostic(Diagnostic.Level.ERROR, 0, -1, String.format(Locale.ROOT,
                    "entry is %,d MB, more than the %,d MB this Faultline reads into memory with a heap of %,d MB; not read"
                            + " (the raw bytes stay in the bundle; start with a larger -Xmx, or capture a shorter window)",
                    e.bytes() >> 20, limit >> 20, Runtime.getRuntime().maxMemory() >> 20)));
            return kind;
        }
        byte[] raw;
        try {
            Bundle.EntryBytes read = bundle.read(e, limit);
            raw = read.bytes();
            if (read.mismatch() != null) {
                out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, 0, -1, read.mismatch()));
            }
        } catch (BundleFormatException ex) {
            out.diagnostic(ctx.diagnostic(Diagnostic.Level.ERROR, 0, -1, ex.getMessage()));
            return kind;
        } catch (IOException ex) {
            out.diagnostic(ctx.diagnostic(Diagnostic.Level.ERROR, 0, -1, "entry cannot be read from the bundle: " + ex.getMessage()));
            return kind;
        }
        EntryText.Decoded decoded = EntryText.decode(raw, limit);
        for (EntryText.Note n : decoded.notes()) {
            out.diagnostic(ctx.diagnostic(n.level(), n.line(), n.byteOffset(), n.reason()));
        }
        byte[] data = decoded.bytes();
        byte[] head = data.length <= FormatDetector.HEAD_BYTES ? data : java.util.Arrays.copyOf(data, FormatDetector.HEAD_BYTES);
        if (Text.firstNonBlank(data) < 0 || Text.firstNonBlank(EntryText.withoutNuls(data, 0, line -> false).text()) < 0) {
            out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, 1, 0, data.length == 0 ? "empty entry (0 bytes): nothing to read"
                    : "entry holds only " + (EntryText.indexOfNul(data, 0) >= 0 ? "blanks and NUL bytes" : "blanks") + " (" + data.length
                    + " bytes): nothing to read"));
            return kind;
        }
        Text.Sniff sniff = Text.sniff(data);
        String name = e.origin() != null ? e.origin() : e.path();
        if (kind == SourceKind.UNKNOWN) {
            kind = FormatDetector.detectDecoded(name, head);
            if (kind == SourceKind.UNKNOWN && !sniff.binary()) {
                out.diagnostic(ctx.diagnostic(Diagnostic.Level.ERROR, 1, 0, "format not recognised (not journal, docker, sysstat, /proc or dmesg output;"
                        + " starts with '" + JournalShortParser.abbreviate(firstLine(EntryText.withoutNuls(head, 0, line -> false).text()))
                        + "'): entry not read"));
                return kind;
            }
            if (kind != SourceKind.UNKNOWN) {
                out.diagnostic(ctx.diagnostic(Diagnostic.Level.INFO, 0, -1, "format detected from content: " + kind.id()));
            }
        }
        SourceParser parser = Parsers.forKind(kind);
        if (sniff.binary() && (parser == null || !parser.readsBinary())) {
            long at = Math.max(0, sniff.firstNonText());
            out.diagnostic(ctx.withTextMap(TextMap.shifted(decoded.shift())).diagnostic(Diagnostic.Level.ERROR, Text.lineOf(data, at), at,
                    "binary data, not " + (kind == SourceKind.UNKNOWN ? "text" : kind.id() + " text") + " (" + sniff.describe() + "; "
                            + data.length + " bytes in all): entry not read"));
            return kind;
        }
        if (parser == null) {
            out.diagnostic(ctx.diagnostic(Diagnostic.Level.ERROR, 0, -1, "no parser for kind " + kind.id()));
            return kind;
        }
        if (parser.readsBinary()) {
            ctx = ctx.withTextMap(TextMap.shifted(decoded.shift()));
        } else {
            EntryText.Cleaned text = EntryText.withoutNuls(data, decoded.shift(), line -> parser.probe(name, line));
            for (EntryText.NulRun run : text.runs()) {
                out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, run.line(), run.byteOffset(), run.describe()));
            }
            ctx = ctx.withTextMap(text.map());
            data = text.text();
        }
        try {
            parser.parse(ctx, data, out);
        } catch (RuntimeException ex) {
            LOG.error("parser {} failed on {}", kind.id(), e.path(), ex);
            out.diagnostic(ctx.diagnostic(Diagnostic.Level.ERROR, 0, -1, "the " + kind.id() + " parser failed: " + ex
                    + "; what it read before is kept"));
        }
        return kind;
    }

    private static void stderr(Bundle bundle, Manifest.Entry e, EntryContext ctx, Collector out) {
        if (e.stderr() == null) {
            return;
        }
        try (java.io.InputStream in = bundle.openEntry(e.stderr())) {
            String text = new String(in.readNBytes(STDERR_HEAD_BYTES), StandardCharsets.UTF_8).strip();
            if (!text.isEmpty()) {
                out.diagnostic(ctx.diagnostic(Diagnostic.Level.INFO, 0, -1, "command stderr: " + JournalShortParser.abbreviate(firstLine(
                        text.getBytes(StandardCharsets.UTF_8)))));
            }
        } catch (IOException ex) {
            out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, 0, -1, "stderr entry " + e.stderr() + " unreadable: " + ex.getMessage()));
        }
    }

    /**
     * The largest entry read whole: parsed events take more than the raw bytes (a 726 MB journal JSON entry of
     * 650,000 events peaked at 1,821 MiB of heap, 2.5 times its size), so an entry may use at most an eighth of the
     * heap. Above it the entry is refused with a diagnostic instead of an OutOfMemoryError that would lose the
     * whole bundle. Large journal JSON entries are streamed instead ({@link JournalStream}).
     */
    static long readableEntryBytes() {
        return Runtime.getRuntime().maxMemory() / 8;
    }

    /**
     * For a bundle without a window that holds yearless journal lines: the latest instant in its fully
     * dated entries, read in a first pass whose results are thrown away. Null when there is none.
     */
    private static Instant latestDatedInstant(Bundle bundle, Manifest m, Map<String, Manifest.Host> hosts, Instant createdAt,
                                              Streaming streaming) {
        if (m.entries().stream().noneMatch(e -> yearless(e.sourceKind()))) {
            return null;
        }
        Collector scratch = new Collector();
        for (Manifest.Entry e : m.entries()) {
            SourceKind k = e.sourceKind();
            if (yearless(k) || k == SourceKind.HOST_CLOCK || k == SourceKind.UNKNOWN) {
                continue;
            }
            scratch.beginEntry();
            readEntry(bundle, e, context(e, e.host(), hosts.get(e.host()), null, null, createdAt, scratch), scratch, streaming);
            scratch.endEntry();
        }
        long max = Long.MIN_VALUE;
        EventTable events = scratch.events();
        if (events.size() > 0) {
            max = events.time(events.size() - 1);
        }
        for (Span sp : scratch.spans()) {
            max = Math.max(max, sp.endNanos());
        }
        for (Series se : scratch.series()) {
            if (se.size() > 0) {
                max = Math.max(max, se.timeAt(se.size() - 1));
            }
        }
        return max == Long.MIN_VALUE ? null : EpochNanos.toInstant(max);
    }

    /**
     * For a bundle holding {@code journalctl -o short-monotonic} text, or dmesg of a host whose boot time the manifest
     * lacks: the boots' wall times from its journal JSON and export entries, read in a first pass whose results are
     * thrown away. {@link JournalBoots#NONE} when not needed.
     */
    private static JournalBoots journalBoots(Bundle bundle, Manifest m, Map<String, Manifest.Host> hosts, TimeWindow window,
                                             Instant createdAt, Streaming streaming) {
        List<Manifest.Entry> dumps = new ArrayList<>();
        boolean needed = false;
        for (Manifest.Entry e : m.entries()) {
            SourceKind k = e.sourceKind();
            if (k != SourceKind.JOURNAL_SHORT && k != SourceKind.UNKNOWN && k != SourceKind.JOURNAL_JSON
                    && k != SourceKind.JOURNAL_EXPORT && k != SourceKind.DMESG) {
                continue;
            }
            Manifest.Host mh = hosts.get(hostOf(m, e));
            if (k == SourceKind.DMESG) {
                needed |= mh == null || mh.bootTime() == null;
                continue;
            }
            byte[] head;
            try (java.io.InputStream in = bundle.openEntry(e.path())) {
                head = in.readNBytes(FormatDetector.HEAD_BYTES);
            } catch (IOException ex) {
                LOG.debug("entry {} unreadable while looking for boot clocks; the main pass reports it", e.path(), ex);
                continue;
            }
            if (k == SourceKind.UNKNOWN) {
                k = FormatDetector.detect(e.origin() != null ? e.origin() : e.path(), head);
            }
            if (k == SourceKind.JOURNAL_JSON || k == SourceKind.JOURNAL_EXPORT) {
                dumps.add(e);
            } else if (k == SourceKind.JOURNAL_SHORT) {
                needed |= JournalShortParser.hasMonotonicLines(EntryText.decode(head, FormatDetector.HEAD_BYTES).bytes());
            } else if (k == SourceKind.DMESG) {
                needed |= mh == null || mh.bootTime() == null;
            }
        }
        if (!needed || dumps.isEmpty()) {
            return JournalBoots.NONE;
        }
        Collector scratch = new Collector();
        Map<String, String> hostOfEntry = new HashMap<>();
        for (Manifest.Entry e : dumps) {
            scratch.beginEntry();
            String host = hostOf(m, e);
            hostOfEntry.put(e.path(), host);
            readEntry(bundle, e, context(e, host, hosts.get(host), window, null, createdAt, scratch), scratch, streaming);
            scratch.endEntry();
        }
        return JournalBoots.of(scratch.events(), hostOfEntry);
    }

    /**
     * For an entry whose lines name their hosts (each event went under its {@code _HOSTNAME} as it was kept, see
     * {@link #finishing}; series are named by their parsers): every host so named joins the list with the zone and clock
     * of the entry's host. Returns the hosts named, for the entry's statistics.
     */
    private static String linesNameHosts(EntryContext ctx, Set<String> eventHosts, List<Series> series, Map<String, HostInfo> hosts) {
        HostInfo base = hosts.get(ctx.host());
        Set<String> used = new LinkedHashSet<>(eventHosts);
        for (Series se : series) {
            used.add(se.host());
        }
        for (String name : used) {
            hosts.putIfAbsent(name, new HostInfo(name, base.zone(), base.clockOffsetMs(), base.offsetUncertaintyMs()));
        }
        return used.isEmpty() ? ctx.host() : String.join(", ", used);
    }

    /** A host standing only for lines that name none is left out of the list when nothing ended up under it. */
    private static void dropUnusedLineHosts(Manifest m, Map<String, HostInfo> hosts, EventTable events, List<Span> spans,
                                            List<Series> series, Containers containers) {
        for (Manifest.Host h : m.hosts()) {
            String name = h.name();
            if (h.linesNameHosts() && hosts.size() > 1 && !events.contains(EventTable.Column.HOST, name)
                    && spans.stream().noneMatch(s -> name.equals(s.host())) && series.stream().noneMatch(s -> name.equals(s.host()))
                    && containers.list().stream().noneMatch(c -> name.equals(c.host()))) {
                hosts.remove(name);
            }
        }
    }

    /** The host's boot time: the manifest's (btime read at capture), else the latest boot its journal entries show, else null. */
    private static HostBoot hostBoot(Manifest.Host mh, EntryContext ctx, JournalBoots boots) {
        if (mh != null && mh.bootTime() != null) {
            return new HostBoot(ctx.toLocal(mh.bootTime() * 1_000_000_000L), mh.bootId(),
                    "the manifest (btime of /proc/stat when captured)");
        }
        return boots.latestBoot(ctx.host());
    }

    private static String hostOf(Manifest m, Manifest.Entry e) {
        return e.host() != null && !e.host().isBlank() ? e.host() : m.hosts().isEmpty() ? UNNAMED_HOST : m.hosts().getFirst().name();
    }

    /** Formats whose lines carry no year (journal short, syslog RFC 3164). */
    private static boolean yearless(SourceKind k) {
        return k == SourceKind.JOURNAL_SHORT || k == SourceKind.SYSLOG;
    }

    private static EntryContext context(Manifest.Entry e, String host, Manifest.Host mh, TimeWindow window, Instant dataContext,
                                        Instant createdAt, Collector out) {
        ZoneId zone = UTC;
        boolean known = false;
        String zoneText = mh == null ? null : mh.zone();
        if (zoneText != null && !zoneText.isBlank()) {
            try {
                zone = ZoneId.of(zoneText.trim());
                known = true;
            } catch (DateTimeException ex) {
                out.diagnostic(new Diagnostic(Diagnostic.Level.WARNING, new SourceRef(e.path(), 0, -1),
                        "host " + host + " has an unreadable zone '" + zoneText + "': UTC assumed"));
            }
        }
        long offsetNanos = mh == null ? 0 : EpochNanos.ofMillis(mh.clockOffsetMs());
        Instant takenAt = null;
        if (e.command() != null && e.endedAt() != null) {
            try {
                takenAt = Instant.parse(e.endedAt());
            } catch (DateTimeException ex) {
                out.diagnostic(new Diagnostic(Diagnostic.Level.WARNING, new SourceRef(e.path(), 0, -1),
                        "unreadable endedAt '" + e.endedAt() + "' in the manifest"));
            }
        }
        return new EntryContext(e.path(), host, zone, known, offsetNanos, window, dataContext, createdAt, takenAt);
    }

    private static TimeWindow window(Manifest.Window w, SourceRef where, List<Diagnostic> diags) {
        if (w == null) {
            return null;
        }
        Instant from = instant(w.from(), "window.from", where, diags);
        Instant to = instant(w.to(), "window.to", where, diags);
        if (from == null || to == null) {
            return null;
        }
        if (to.isBefore(from)) {
            diags.add(new Diagnostic(Diagnostic.Level.WARNING, where, "window ends before it starts (" + w.from() + " .. " + w.to()
                    + "): window ignored"));
            return null;
        }
        return new TimeWindow(EpochNanos.of(from), EpochNanos.of(to));
    }

    private static Instant instant(String text, String what, SourceRef where, List<Diagnostic> diags) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeException ex) {
            diags.add(new Diagnostic(Diagnostic.Level.WARNING, where, "unreadable " + what + " '" + text + "' in the manifest"));
            return null;
        }
    }

    /** Without a window in the manifest: from the earliest to just past the latest instant of the data. */
    private static TimeWindow spread(EventTable events, List<Span> spans, List<Series> series, Instant createdAt) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < events.size(); i++) {
            if (events.timed(i)) {
                min = Math.min(min, events.time(i));
                max = Math.max(max, events.time(i));
            }
        }
        for (Span s : spans) {
            min = Math.min(min, s.startNanos());
            max = Math.max(max, s.endNanos());
        }
        for (Series s : series) {
            if (s.size() > 0) {
                min = Math.min(min, s.timeAt(0));
                max = Math.max(max, s.timeAt(s.size() - 1));
            }
        }
        if (min == Long.MAX_VALUE) {
            long t = createdAt == null ? 0 : EpochNanos.of(createdAt);
            return new TimeWindow(t, t);
        }
        return new TimeWindow(min, max + 1);
    }

    private static Diagnostic.Level level(String text) {
        if (text == null) {
            return Diagnostic.Level.WARNING;
        }
        return switch (text.trim().toUpperCase(java.util.Locale.ROOT)) {
            case "INFO" -> Diagnostic.Level.INFO;
            case "ERROR" -> Diagnostic.Level.ERROR;
            default -> Diagnostic.Level.WARNING;
        };
    }

    private static String firstLine(byte[] data) {
        int start = Math.max(0, Text.firstNonBlank(data));
        int end = start;
        while (end < data.length && data[end] != '\n' && end - start < 200) {
            end++;
        }
        return Text.utf8(data, start, end).strip();
    }
}
