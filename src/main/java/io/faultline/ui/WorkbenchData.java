package io.faultline.ui;

import io.faultline.analysis.Glance;
import io.faultline.analysis.ContainerLifecycle;
import io.faultline.analysis.HealthCadence;
import io.faultline.analysis.SshActivity;
import io.faultline.model.Container;
import io.faultline.model.Event;
import io.faultline.model.Evidence;
import io.faultline.model.Healthcheck;
import io.faultline.model.HostInfo;
import io.faultline.model.Series;
import io.faultline.model.Span;
import io.faultline.model.SpanKind;
import io.faultline.model.TimeWindow;
import io.faultline.timeline.Facet;
import io.faultline.timeline.SourceDensity;
import io.faultline.timeline.TimelineIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the panes need, prepared once off the JavaFX thread: the event index, the healthcheck rows,
 * the disks and the host zones. Immutable.
 */
public final class WorkbenchData {
    private static final Logger LOG = LoggerFactory.getLogger(WorkbenchData.class);
    /** How the runs read from dockerd's "context deadline exceeded" warnings begin their output (ingest's JournalHealthRuns). */
    private static final String DOCKERD_TIMEOUT_LINE = "seen in dockerd's log:";

    /**
     * One row of the healthcheck lane: a container and its runs in time order, its configuration (null when unknown)
     * and the beats its interval expects against the runs seen ({@link HealthCadence}).
     */
    public record HealthRow(String containerId, String label, String detail, List<Span> runs, Healthcheck healthcheck,
                            List<HealthCadence.Beat> beats) {
    }

    /**
     * A small multiple of the disk details: one to two series of one host and device on one scale.
     *
     * @param names what each series is called in the gutter and the readout
     */
    public record MetricPanel(String host, String device, String title, String unit, List<Series> series, List<String> names) {
        public MetricPanel {
            series = List.copyOf(series);
            names = List.copyOf(names);
        }
    }

    /** One disk of one host with its %util and await series (either may be null). */
    public record Disk(String host, String device, Series util, Series await) {
    }

    private final LoadedCase loaded;
    private final TimelineIndex index;
    private final TimeWindow fullWindow;
    private final TimeWindow initialRange;
    private final List<HealthRow> healthRows;
    private final List<Disk> disks;
    private final List<MetricPanel> diskDetails;
    private final List<ContainerLifecycle.Row> lifecycle;
    private final SshActivity ssh;
    private final SourceDensity.Prepared sourceDensity;
    private final Map<String, ZoneId> zones;
    private final ZoneId displayZone;
    private final Map<String, Span> spansById;
    private final Glance glance;

    private WorkbenchData(LoadedCase loaded) {
        this.loaded = loaded;
        Evidence ev = loaded.evidence();
        this.index = new TimelineIndex(ev.events());
        this.zones = new HashMap<>();
        for (HostInfo h : ev.hosts()) {
            zones.put(h.name(), parseZone(h));
        }
        this.displayZone = ev.hosts().isEmpty() ? ZoneOffset.UTC : zones.get(ev.hosts().getFirst().name());
        int firstTimed = firstTimed(index);
        this.healthRows = firstTimed < index.size() ? buildHealthRows(ev, index.time(firstTimed), index.lastTime())
                : buildHealthRows(ev, Long.MAX_VALUE, Long.MIN_VALUE);
        this.disks = buildDisks(ev);
        this.diskDetails = buildDiskDetails(ev);
        this.lifecycle = ContainerLifecycle.of(index, ev.containers(), ev.spans());
        this.ssh = SshActivity.of(index);
        this.sourceDensity = new SourceDensity.Prepared(index, Facet.SOURCE);
        this.initialRange = initialRange(ev, index);
        TimeWindow extent = dataExtent(ev, index);
        this.fullWindow = new TimeWindow(Math.min(initialRange.fromNanos(), extent.fromNanos()),
                Math.max(initialRange.toNanos(), extent.toNanos()));
        this.spansById = new HashMap<>();
        for (Span s : ev.spans()) {
            spansById.put(s.id(), s);
        }
        this.glance = Glance.of(ev, index, fullWindow);
    }

    /** Builds the index and the lanes; costs O(n log n) in the events, so call it off the JavaFX thread. */
    public static WorkbenchData prepare(LoadedCase loaded) {
        return new WorkbenchData(loaded);
    }

    private static ZoneId parseZone(HostInfo h) {
        try {
            return ZoneId.of(h.zone());
        } catch (DateTimeException e) {
            LOG.warn("host {}: zone '{}' is not a zone id ({}); showing its times in UTC", h.name(), h.zone(), e.getMessage());
            return ZoneOffset.UTC;
        }
    }

    /**
     * The healthcheck rows; {@code logFrom}..{@code logTo} is what the log lines cover, where a missing beat can be
     * told from a hole in the evidence.
     */
    private static List<HealthRow> buildHealthRows(Evidence ev, long logFrom, long logTo) {
        Map<String, List<Span>> runs = new LinkedHashMap<>();
        for (Container c : ev.containers()) {
            if (c.healthcheck() != null) {
                runs.put(c.id(), new ArrayList<>());
            }
        }
        for (Span s : ev.spans()) {
            if (s.kind() == SpanKind.HEALTHCHECK_RUN && s.containerId() != null) {
                runs.computeIfAbsent(s.containerId(), k -> new ArrayList<>()).add(s);
            }
        }
        List<HealthRow> rows = new ArrayList<>();
        for (Map.Entry<String, List<Span>> e : runs.entrySet()) {
            Container c = findContainer(ev, e.getKey());
            List<Span> list = e.getValue();
            list.sort(Comparator.comparingLong(Span::startNanos));
            String label = c == null ? shortId(e.getKey()) : c.label();
            String detail = c == null || c.healthcheck() == null ? "no healthcheck config"
                    : "every " + Durations.compact(c.healthcheck().intervalNanos())
                    + " · timeout " + Durations.compact(c.healthcheck().timeoutNanos())
                    + " · " + c.healthcheck().retries() + "×";
            Healthcheck hc = c == null ? null : c.healthcheck();
            List<Span> up = ev.spans().stream().filter(sp -> sp.kind() == SpanKind.CONTAINER_UP && sp.containerId() != null
                    && sameContainer(sp.containerId(), e.getKey())).sorted(Comparator.comparingLong(Span::startNanos)).toList();
            long[] restarts = up.stream().mapToLong(Span::startNanos).toArray();
            long[] complete = completeRecord(list);
            List<HealthCadence.Beat> beats = hc == null ? List.of() : HealthCadence.judge(hc.intervalNanos(),
                    list.stream().mapToLong(Span::startNanos).toArray(), list.stream().mapToLong(Span::endNanos).toArray(),
                    restarts, t -> t >= logFrom && t <= logTo && !down(up, t) && t >= complete[0] && t <= complete[1]);
            rows.add(new HealthRow(e.getKey(), label, detail, List.copyOf(list), hc, beats));
        }
        return List.copyOf(rows);
    }

    private static Container findContainer(Evidence ev, String id) {
        for (Container c : ev.containers()) {
            if (c.id().equals(id) || c.id().startsWith(id) || id.startsWith(c.id())) {
                return c;
            }
        }
        return null;
    }

    /**
     * The time over which the runs are a complete record, as {from, to}: where a run is known from a source that logs
     * every run (docker inspect's Health.Log, exec events, runc's mount lines). dockerd's log names only the probes that
     * timed out, so a stretch known only from it says nothing of the runs that passed: no beat is missing there.
     */
    private static long[] completeRecord(List<Span> runs) {
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        boolean failuresOnly = false;
        for (Span s : runs) {
            if (s.output().startsWith(DOCKERD_TIMEOUT_LINE)) {
                failuresOnly = true;
            } else {
                from = Math.min(from, s.startNanos());
                to = Math.max(to, s.endNanos());
            }
        }
        return failuresOnly ? new long[]{from, to} : new long[]{Long.MIN_VALUE, Long.MAX_VALUE};
    }

    /** True when {@code t} lies after an up period that ended with an exit code and before the next one began. */
    private static boolean down(List<Span> up, long t) {
        for (int i = 0; i < up.size(); i++) {
            Span s = up.get(i);
            long next = i + 1 < up.size() ? up.get(i + 1).startNanos() : Long.MAX_VALUE;
            if (s.exitCode() != null && t > s.endNanos() && t < next) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameContainer(String a, String b) {
        return a.startsWith(b) || b.startsWith(a);
    }

    private static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }

    private static List<Disk> buildDisks(Evidence ev) {
        Map<String, Series[]> byDisk = new LinkedHashMap<>();
        for (Series s : ev.series()) {
            boolean util = s.metric().equals("util");
            boolean await = s.metric().equals("await");
            if (util || await) {
                Series[] pair = byDisk.computeIfAbsent(s.host() + "\u0000" + s.device(), k -> new Series[2]);
                pair[util ? 0 : 1] = s;
            }
        }
        List<Disk> out = new ArrayList<>();
        for (Series[] pair : byDisk.values()) {
            Series any = pair[0] != null ? pair[0] : pair[1];
            out.add(new Disk(any.host(), any.device(), pair[0], pair[1]));
        }
        return List.copyOf(out);
    }

    /**
     * Per disk (in the order of {@link #buildDisks}): its queue size, and its read and write throughput; then per host
     * the IO pressure (PSI some and full) when it was sampled. A panel only for series that exist.
     */
    private static List<MetricPanel> buildDiskDetails(Evidence ev) {
        Map<String, Map<String, Series>> byDevice = new LinkedHashMap<>();
        for (Series s : ev.series()) {
            byDevice.computeIfAbsent(s.host() + "\u0000" + s.device(), k -> new HashMap<>()).put(s.metric(), s);
        }
        List<MetricPanel> out = new ArrayList<>();
        List<MetricPanel> pressure = new ArrayList<>();
        for (Map<String, Series> m : byDevice.values()) {
            Series any = m.values().iterator().next();
            panel(out, any, "queue", "requests", m, new String[][]{{"aqu_sz", "aqu-sz"}});
            panel(out, any, "throughput", "kB/s", m, new String[][]{{"rkB_s", "read"}, {"wkB_s", "write"}});
            panel(pressure, any, "IO pressure", "%", m, new String[][]{{"psi_some", "some"}, {"psi_full", "full"}});
        }
        out.addAll(pressure);
        return List.copyOf(out);
    }

    private static void panel(List<MetricPanel> out, Series any, String title, String unit, Map<String, Series> m, String[][] metrics) {
        List<Series> series = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String[] metric : metrics) {
            Series s = m.get(metric[0]);
            if (s != null && s.size() > 0) {
                series.add(s);
                names.add(metric[1]);
            }
        }
        if (!series.isEmpty()) {
            out.add(new MetricPanel(any.host(), any.device(), title, unit, series, names));
        }
    }

    /**
     * Where the window opens: the evidence window, unless the log lines sit in a small part of it (an
     * import whose docker inspect was taken days after the incident stretches the window): then on the
     * log lines, the rest a zoom-out away.
     */
    private static TimeWindow initialRange(Evidence ev, TimelineIndex index) {
        if (ev.window().lengthNanos() <= 0) {
            return dataExtent(ev, index);
        }
        int first = firstTimed(index);
        if (index.size() - first > 1) {
            long from = index.time(first);
            long to = index.lastTime();
            if ((to - from) * 4 < ev.window().lengthNanos()) {
                long pad = Math.max(1_000_000_000L, (to - from) / 50);
                return new TimeWindow(from - pad, to + pad);
            }
        }
        return ev.window();
    }

    /** The first event with a time: lines without one ({@link Event#timed()}) sort first at 0 and are left out of windows. */
    private static int firstTimed(TimelineIndex index) {
        int i = 0;
        while (i < index.size() && !index.event(i).timed()) {
            i++;
        }
        return i;
    }

    private static TimeWindow dataExtent(Evidence ev, TimelineIndex index) {
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        int first = firstTimed(index);
        if (first < index.size()) {
            from = index.time(first);
            to = index.lastTime();
        }
        for (Span s : ev.spans()) {
            from = Math.min(from, s.startNanos());
            to = Math.max(to, s.endNanos());
        }
        for (Series s : ev.series()) {
            if (s.size() > 0) {
                from = Math.min(from, s.timeAt(0));
                to = Math.max(to, s.timeAt(s.size() - 1));
            }
        }
        if (from == Long.MAX_VALUE) {
            return ev.window();
        }
        long pad = Math.max(1_000_000_000L, (to - from) / 50);
        return new TimeWindow(from - pad, to + pad);
    }

    public LoadedCase loaded() {
        return loaded;
    }

    public Evidence evidence() {
        return loaded.evidence();
    }

    public TimelineIndex index() {
        return index;
    }

    /** The capture window joined with every piece of data: what the overview shows. */
    public TimeWindow fullWindow() {
        return fullWindow;
    }

    /** The capture window: what the lanes show first. */
    public TimeWindow initialRange() {
        return initialRange;
    }

    public List<HealthRow> healthRows() {
        return healthRows;
    }

    public List<Disk> disks() {
        return disks;
    }

    /** The disk detail charts: queue and throughput per disk, IO pressure per host. */
    public List<MetricPanel> diskDetails() {
        return diskDetails;
    }

    /** One row per container with an up period or a state-changing docker event. */
    public List<ContainerLifecycle.Row> lifecycle() {
        return lifecycle;
    }

    /** The events per source and severity, ready to be counted per bucket of any range. */
    public SourceDensity.Prepared sourceDensity() {
        return sourceDensity;
    }

    /** The sshd lines sorted into failures per address, sessions opened and refused. */
    public SshActivity ssh() {
        return ssh;
    }

    /** The zone the axes are labelled in: the first host's. */
    public ZoneId displayZone() {
        return displayZone;
    }

    /** The zone of a host, UTC when unknown. */
    public ZoneId zoneOf(String host) {
        return host == null ? displayZone : zones.getOrDefault(host, displayZone);
    }

    /** The event with id {@code id}, or null: a scan of the index's columns, for the few ids notes point at. */
    public Event event(String id) {
        int i = index.indexOf(id);
        return i < 0 ? null : index.event(i);
    }

    public Span span(String id) {
        return spansById.get(id);
    }

    /** The case at a glance over the whole window: what the tiles show. */
    public Glance glance() {
        return glance;
    }
}
