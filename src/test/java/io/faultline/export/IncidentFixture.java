package io.faultline.export;

import io.faultline.model.Annotation;
import io.faultline.model.AnnotationLayer;
import io.faultline.model.AnnotationTarget;
import io.faultline.model.CausalLink;
import io.faultline.model.Container;
import io.faultline.model.Diagnostic;
import io.faultline.model.EpochNanos;
import io.faultline.model.Event;
import io.faultline.model.Evidence;
import io.faultline.model.Healthcheck;
import io.faultline.model.HostInfo;
import io.faultline.model.LinkType;
import io.faultline.model.Series;
import io.faultline.model.Severity;
import io.faultline.model.SourceRef;
import io.faultline.model.SourceStats;
import io.faultline.model.Span;
import io.faultline.model.SpanKind;
import io.faultline.model.TimeWindow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A 15-minute IO-saturation incident on one host, built from model records: runc mount lines every 30 s,
 * failed SSH logins, a burst of "no more sessions", a watchdog timeout, a web container whose healthcheck runs
 * every 30 s (one run exits -1, one exits 1), a worker container in a restart loop, and disks sda/sdb with
 * sda at 100 % util. Two notes and one link: "sda saturated" causes "probe exit -1".
 */
final class IncidentFixture {
    static final String HOST = "tiny-srv";
    static final String WEB_ID = "3f9a1c7d52e04b6a8c1d9e2f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b";
    static final String WORKER_ID = "7b2e4d6f8a0c1e3f5a7b9c1d3e5f7a9b1c3d5e7f9a1b3c5d7e9f1a3b5c7d9e1f";
    static final long FROM = nanos("2025-10-05T14:50:00Z");
    static final long TO = nanos("2025-10-05T15:05:00Z");
    static final long SATURATED_FROM = nanos("2025-10-05T14:56:30Z");
    static final long SATURATED_TO = nanos("2025-10-05T15:02:00Z");
    static final String TIMEOUT_RUN_ID = "inspect:web:health:14";
    static final String NOTE_DISK = "a-disk";
    static final String NOTE_PROBE = "a-probe";
    static final String NOTE_DISK_TEXT = "sda pinned at 100 % util; await climbs past 500 ms";
    static final String NOTE_PROBE_TEXT = "Probe never returned within its 3 s timeout: exit -1 is a timeout, not a failing check";
    static final String HOSTILE = "</script><script>alert(1)</script> & \u2028 <!-- \u2029";

    private IncidentFixture() {
    }

    static long nanos(String iso) {
        return EpochNanos.of(Instant.parse(iso));
    }

    private static long sec(long s) {
        return s * 1_000_000_000L;
    }

    static Evidence evidence() {
        return evidence(List.of());
    }

    /** The incident plus the given extra events (e.g. hostile text). */
    static Evidence evidence(List<Event> extra) {
        List<Event> events = new ArrayList<>();
        long[] offset = {0};
        int[] line = {0};
        // runc mount units deactivated every 30 s, as systemd logs them for a healthcheck exec
        String[] rands = {"3c1f2a", "9e04b7", "5d8a61", "b27c0e", "41f9d3"};
        for (int i = 0; i < 30; i++) {
            long t = FROM + sec(5 + 30L * i) + 412_337_000L;
            String unit = "run-docker-runtime\\x2drunc-moby-" + WEB_ID + "-runc." + rands[i % rands.length] + ".mount";
            events.add(journal(line, offset, t, "systemd", unit, Severity.INFO, unit + ": Deactivated successfully.",
                    WEB_ID, false));
        }
        // failed ssh logins from two addresses
        String[] from = {"203.0.113.10", "198.51.100.23"};
        for (int i = 0; i < 12; i++) {
            long t = FROM + sec(130 + 11L * i) + 90_000_000L;
            events.add(journal(line, offset, t, "sshd", null, Severity.INFO,
                    "Failed password for invalid user root from " + from[i % 2] + " port " + (34134 + 977 * i) + " ssh2",
                    null, false));
        }
        events.add(journal(line, offset, FROM + sec(131), "sshd", null, Severity.NOTICE,
                "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.1",
                null, true));
        for (int i = 0; i < 5; i++) {
            events.add(journal(line, offset, nanos("2025-10-05T14:58:40Z") + 1_000_000L * i, "sshd", null, Severity.ERR,
                    "error: no more sessions", null, false));
        }
        events.add(journal(line, offset, nanos("2025-10-05T14:59:50Z"), "kernel", null, Severity.ERR,
                "INFO: task jbd2/sda1-8:312 blocked for more than 120 seconds.", null, false));
        events.add(journal(line, offset, nanos("2025-10-05T15:01:12.5Z"), "systemd", "snapd.service", Severity.ERR,
                "snapd.service: Watchdog timeout (limit 5min)!", null, false));
        // the worker's restart loop as docker events
        List<Span> spans = new ArrayList<>();
        long eventsOffset = 0;
        int eventsLine = 0;
        for (int i = 0; i < 12; i++) {
            long start = nanos("2025-10-05T14:51:00Z") + sec(30L * i);
            long die = start + sec(25);
            eventsLine++;
            events.add(dockerEvent(eventsLine, eventsOffset, start, "start", Severity.INFO));
            eventsOffset += 410;
            eventsLine++;
            events.add(dockerEvent(eventsLine, eventsOffset, die, "die", Severity.WARNING));
            eventsOffset += 430;
            spans.add(new Span("events:worker:up:" + i, SpanKind.CONTAINER_UP, HOST, WORKER_ID, start, die, 1,
                    "exited with 1 after writing /data/scratch", new SourceRef("docker-events.jsonl", eventsLine, eventsOffset - 430)));
        }
        events.addAll(extra);
        events.sort(Comparator.comparingLong(Event::timeNanos));

        // healthcheck runs of web every 30 s; slow under the disk saturation, one -1 (timeout), one exit 1
        for (int i = 0; i < 30; i++) {
            long start = FROM + sec(12 + 30L * i);
            long duration;
            Integer exit = 0;
            String output = "ok\n";
            if (i == 14) {
                duration = sec(3);
                exit = -1;
                output = "Health check exceeded timeout (3s)";
            } else if (i == 15) {
                duration = 2_941_000_000L;
                exit = 1;
                output = "curl: (28) Operation timed out after 2900 milliseconds with 0 bytes received";
            } else if (start >= SATURATED_FROM && start < SATURATED_TO) {
                duration = 1_200_000_000L + 150_000_000L * (i % 5);
            } else {
                duration = 40_000_000L + 7_000_000L * (i % 6);
            }
            spans.add(new Span("inspect:web:health:" + i, SpanKind.HEALTHCHECK_RUN, HOST, WEB_ID, start, start + duration,
                    exit, output, new SourceRef("docker-inspect.json", 200 + i * 6, 9000 + i * 310L)));
        }

        List<Series> series = List.of(
                disk("sda", "util", "%", i -> saturated(i) ? 100.0 : 12.0 + (i % 7) * 3.5),
                disk("sda", "await", "ms", i -> saturated(i) ? 180.0 + (i % 6) * 140.0 : 2.5 + (i % 4) * 1.25),
                disk("sdb", "util", "%", i -> 3.0 + (i % 5)),
                disk("sdb", "await", "ms", i -> 0.8 + (i % 3) * 0.4));

        Healthcheck hc = new Healthcheck(List.of("CMD-SHELL", "curl -fsS http://localhost/ || exit 1"),
                sec(30), sec(3), 3, 0);
        List<Container> containers = List.of(
                new Container(WEB_ID, "/web", HOST, "nginx:1.27-alpine", hc, "no", 0, "unhealthy",
                        new SourceRef("docker-inspect.json", 1, 0)),
                new Container(WORKER_ID, "/worker", HOST, "busybox:local", null, "always", 12, null,
                        new SourceRef("docker-inspect.json", 412, 21877)));
        List<Diagnostic> diagnostics = List.of(new Diagnostic(Diagnostic.Level.WARNING,
                new SourceRef("journal-short.txt", 31, 4126), "line cut by the pager (ends in '>'): kept as far as shown"));
        List<SourceStats> sources = List.of(
                new SourceStats("journal.json", HOST, "journal-json", line[0], 0, 0, 0),
                new SourceStats("docker-events.jsonl", HOST, "docker-events", 24, 12, 0, 0));
        return new Evidence(new TimeWindow(FROM, TO), List.of(new HostInfo(HOST, "Asia/Shanghai", 42, 3)), events, spans,
                series, containers, sources, diagnostics);
    }

    private static boolean saturated(int i) {
        long t = FROM + sec(30L * i);
        return t >= SATURATED_FROM && t < SATURATED_TO;
    }

    private static Series disk(String device, String metric, String unit, java.util.function.IntToDoubleFunction value) {
        long[] times = new long[30];
        double[] values = new double[30];
        for (int i = 0; i < 30; i++) {
            times[i] = FROM + sec(30L * i);
            values[i] = value.applyAsDouble(i);
        }
        return new Series(HOST, device, metric, unit, times, values);
    }

    private static Event journal(int[] line, long[] offset, long t, String identifier, String unit, Severity sev,
                                 String message, String containerId, boolean truncated) {
        line[0]++;
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("_PID", identifier.equals("systemd") ? "1" : identifier.equals("kernel") ? "0" : String.valueOf(1340000 + line[0] * 37));
        fields.put("_HOSTNAME", HOST);
        fields.put("PRIORITY", String.valueOf(sev.ordinal()));
        Event e = new Event("journal.json:" + line[0], t, EpochNanos.toInstant(t).toString(), HOST, "journal-json", unit,
                identifier, sev, message, containerId, truncated, fields, new SourceRef("journal.json", line[0], offset[0]));
        offset[0] += 180 + message.length();
        return e;
    }

    private static Event dockerEvent(int line, long offset, long t, String action, Severity sev) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Type", "container");
        fields.put("Action", action);
        fields.put("image", "busybox:local");
        if (action.equals("die")) {
            fields.put("exitCode", "1");
        }
        return new Event("docker-events.jsonl:" + line, t, String.valueOf(t), HOST, "docker-events", null, "docker", sev,
                "container " + action + " worker" + (action.equals("die") ? " (exitCode=1)" : ""), WORKER_ID, false, fields,
                new SourceRef("docker-events.jsonl", line, offset));
    }

    static AnnotationLayer annotations() {
        long created = nanos("2025-10-07T09:12:00Z");
        Annotation disk = new Annotation(NOTE_DISK, new AnnotationTarget.OnRange(SATURATED_FROM, SATURATED_TO),
                NOTE_DISK_TEXT, List.of("io"), "oncall", created, created + sec(60));
        long runStart = FROM + sec(12 + 30L * 14);
        Annotation probe = new Annotation(NOTE_PROBE, new AnnotationTarget.OnSpan(TIMEOUT_RUN_ID, runStart, runStart + sec(3)),
                NOTE_PROBE_TEXT, List.of("healthcheck"), "oncall", created + sec(120), created + sec(120));
        CausalLink link = new CausalLink("l-1", NOTE_DISK, NOTE_PROBE, LinkType.CAUSES, "the probe's curl waits on disk IO");
        return new AnnotationLayer(AnnotationLayer.CURRENT_VERSION, List.of(disk, probe), List.of(link));
    }
}
