package io.faultline.ui;

import io.faultline.capture.BundleWriter;
import io.faultline.capture.SourceKind;
import io.faultline.model.Container;
import io.faultline.model.Diagnostic;
import io.faultline.model.EpochNanos;
import io.faultline.model.Event;
import io.faultline.model.Evidence;
import io.faultline.model.Healthcheck;
import io.faultline.model.HostInfo;
import io.faultline.model.Series;
import io.faultline.model.Severity;
import io.faultline.model.SourceRef;
import io.faultline.model.SourceStats;
import io.faultline.model.Span;
import io.faultline.model.SpanKind;
import io.faultline.model.TimeWindow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A realistic incident built from model records: 30 minutes on host "ubuntu" (UTC) where a runc mount
 * line comes every 30 s (the healthcheck exec of container "web"), SSH brute force, a disk going to 100 %
 * util, then "no more sessions" and a watchdog timeout. One healthcheck run never returned (-1).
 */
final class FixtureEvidence {
    static final String HOST = "ubuntu";
    static final String WEB_ID = "e8963ebd088b3195d12f28108e97533b4bf829a40f7f32cba8bcbbf108f3f2ee";
    static final String DB_ID = "5c1f0a9d7e3b44a2b8c6d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5";
    static final long FROM = EpochNanos.of(Instant.parse("2025-10-05T15:00:00Z"));
    static final long TO = EpochNanos.of(Instant.parse("2025-10-05T15:30:00Z"));
    static final long S = 1_000_000_000L;
    static final long MS = 1_000_000L;
    /** The start of the run that timed out (exit -1). */
    static final long TIMEOUT_RUN_START = FROM + 1285 * S;

    private FixtureEvidence() {
    }

    static Evidence evidence() {
        Random random = new Random(42);
        List<Event> events = new ArrayList<>();
        List<Span> spans = new ArrayList<>();
        int line = 0;
        // web: healthcheck every 30 s; each exec ends with a runc mount unit deactivating.
        for (long t = FROM + 25 * S; t < TO; t += 30 * S) {
            long start = t + random.nextInt(40) * MS;
            boolean timeout = start / S == TIMEOUT_RUN_START / S;
            boolean failed = t >= FROM + 1300 * S && t < FROM + 1400 * S;
            long duration = timeout ? 3 * S : (failed ? 2100 * MS : (40 + random.nextInt(160)) * MS);
            Integer exit = timeout ? -1 : (failed ? 1 : 0);
            String output = timeout ? "Health check exceeded timeout (3s)"
                    : failed ? "curl: (28) Operation timed out after 2000 milliseconds" : "OK";
            spans.add(new Span("hc-web-" + spans.size(), SpanKind.HEALTHCHECK_RUN, HOST, WEB_ID, start, start + duration,
                    exit, output, new SourceRef("docker/inspect.json", 0, -1)));
            String unit = "run-docker-runtime\\x2drunc-moby-" + WEB_ID + "-runc." + Integer.toHexString(0x100000 + random.nextInt(0xEFFFFF)) + ".mount";
            boolean cut = spans.size() % 4 == 0;
            String message = cut ? unit.substring(0, 96) : unit + ": Deactivated successfully.";
            events.add(event(++line, start + duration + 2 * MS, "systemd", null, Severity.INFO, message, cut));
        }
        // db: healthcheck every 10 s, quick.
        for (long t = FROM + 3 * S; t < TO; t += 10 * S) {
            long start = t + random.nextInt(20) * MS;
            long duration = (t > FROM + 1100 * S && t < FROM + 1600 * S ? 600 + random.nextInt(900) : 15 + random.nextInt(30)) * MS;
            spans.add(new Span("hc-db-" + spans.size(), SpanKind.HEALTHCHECK_RUN, HOST, DB_ID, start, start + duration,
                    0, "accepting connections", new SourceRef("docker/inspect.json", 0, -1)));
        }
        // cron every 5 minutes
        for (long t = FROM + 301 * S; t < TO; t += 300 * S) {
            events.add(event(++line, t, "CRON", null, Severity.INFO, "pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)", false));
            events.add(event(++line, t + 20 * MS, "CRON", null, Severity.INFO, "(root) CMD (command -v debian-sa1 > /dev/null && debian-sa1 1 1)", false));
        }
        // SSH brute force 15:05 - 15:12
        String[] ips = {"203.0.113.10", "198.51.100.23", "192.0.2.75"};
        for (long t = FROM + 315 * S; t < FROM + 720 * S; t += (8 + random.nextInt(14)) * S) {
            String ip = ips[random.nextInt(ips.length)];
            int port = 30000 + random.nextInt(30000);
            events.add(event(++line, t, "sshd", null, Severity.INFO, "User root from " + ip + " not allowed because not listed in AllowUsers", false));
            events.add(event(++line, t + 2 * S, "sshd", null, Severity.NOTICE, "Failed password for invalid user root from " + ip + " port " + port + " ssh2", false));
            events.add(event(++line, t + 4 * S, "sshd", null, Severity.INFO, "Connection closed by invalid user root " + ip + " port " + port + " [preauth]", false));
        }
        events.add(event(++line, FROM + 633 * S, "sshd", null, Severity.ERR, "error: kex_exchange_identification: client sent invalid protocol identifier \"GET / HTTP/1.1\"", false));
        // kernel hung tasks as the disk saturates
        for (long t = FROM + 1150 * S; t < FROM + 1500 * S; t += 120 * S) {
            events.add(event(++line, t, "kernel", null, Severity.ERR, "INFO: task jbd2/sda1-8:312 blocked for more than 120 seconds.", false));
            events.add(event(++line, t + 1 * MS, "kernel", null, Severity.WARNING, "\"echo 0 > /proc/sys/kernel/hung_task_timeout_secs\" disables this message.", false));
        }
        // no more sessions bursts
        for (long t = FROM + 1230 * S; t < FROM + 1460 * S; t += 45 * S) {
            for (int i = 0; i < 12; i++) {
                events.add(event(++line, t + i * 3 * MS, "sshd-session", null, Severity.ERR, "error: no more sessions", false));
            }
        }
        events.add(event(++line, FROM + 1560 * S, "systemd", "snapd.service", Severity.CRIT, "snapd.service: Watchdog timeout (limit 5min)!", false));
        events.add(event(++line, FROM + 1560 * S + 2 * MS, "systemd", "snapd.service", Severity.WARNING, "snapd.service: Killing process 1123 (snapd) with signal SIGABRT.", false));
        events.add(event(++line, FROM + 1561 * S, "systemd", "snapd.service", Severity.NOTICE, "snapd.service: Main process exited, code=dumped, status=6/ABRT", false));
        events.sort(java.util.Comparator.comparingLong(Event::timeNanos));

        List<Series> series = new ArrayList<>();
        series.addAll(disk("sda", true, random));
        series.addAll(disk("sdb", false, random));

        Healthcheck webCheck = new Healthcheck(List.of("CMD-SHELL", "curl -fsS http://localhost:8080/health || exit 1"),
                30 * S, 3 * S, 3, 0);
        Healthcheck dbCheck = new Healthcheck(List.of("CMD", "pg_isready"), 10 * S, 5 * S, 5, 0);
        List<Container> containers = List.of(
                new Container(WEB_ID, "/web", HOST, "shop/web:2.4", webCheck, "no", 0, "healthy", new SourceRef("docker/inspect.json", 1, 0)),
                new Container(DB_ID, "/db", HOST, "postgres:16", dbCheck, "unless-stopped", 0, "healthy", new SourceRef("docker/inspect.json", 200, 9000)),
                new Container("77aa00bb11cc22dd33ee44ff55aa66bb77cc88dd99ee00ff11aa22bb33cc44dd", "/backup", HOST, "restic:0.16", null, "on-failure", 4, null,
                        new SourceRef("docker/inspect.json", 400, 18000)));
        List<Diagnostic> diagnostics = List.of(
                new Diagnostic(Diagnostic.Level.INFO, new SourceRef("journal/short.txt", 17, 2311), "line cut by the pager ('>' at the end); kept and marked as cut"),
                new Diagnostic(Diagnostic.Level.WARNING, new SourceRef("sysstat/sa05.json", 0, 48211), "invalid JSON: stray ',' before '}'; 3 samples after byte 48211 not read"));
        List<SourceStats> sources = List.of(
                new SourceStats("journal/short.txt", HOST, "journal-short", events.size(), 0, 0, 1),
                new SourceStats("docker/inspect.json", HOST, "docker-inspect", 0, spans.size(), 0, 0),
                new SourceStats("sysstat/sa05.json", HOST, "sadf-json", 0, 0, series.stream().mapToLong(Series::size).sum(), 1));
        return new Evidence(new TimeWindow(FROM, TO), List.of(new HostInfo(HOST, "UTC", 12, 3)), events, spans, series,
                containers, sources, diagnostics);
    }

    private static List<Series> disk(String device, boolean busy, Random random) {
        int n = (int) ((TO - FROM) / (10 * S));
        long[] times = new long[n];
        double[] util = new double[n];
        double[] await = new double[n];
        for (int i = 0; i < n; i++) {
            times[i] = FROM + i * 10 * S + 5 * S;
            double minute = i / 6.0;
            if (busy && minute >= 18 && minute < 28) {
                util[i] = 100;
                await[i] = 700 + random.nextInt(1600);
            } else if (busy) {
                util[i] = 18 + random.nextInt(25) + (minute > 14 ? (minute - 14) * 14 : 0);
                util[i] = Math.min(util[i], 100);
                await[i] = 3 + random.nextInt(12) + (minute > 14 ? (minute - 14) * 40 : 0);
            } else {
                util[i] = 1 + random.nextInt(4);
                await[i] = 0.4 + random.nextInt(10) / 10.0;
            }
        }
        return List.of(new Series(HOST, device, "util", "%", times, util), new Series(HOST, device, "await", "ms", times, await));
    }

    private static Event event(int line, long t, String identifier, String unit, Severity severity, String message, boolean truncated) {
        return new Event("journal/short.txt#" + line, t, EpochNanos.iso(t), HOST, "journal-short", unit, identifier, severity,
                message, null, truncated, Map.of(), new SourceRef("journal/short.txt", line, line * 120L));
    }

    /** Four notes and two links on the fixture: the causal chain an engineer would draw. */
    static io.faultline.model.AnnotationLayer annotated(Evidence ev) {
        Event mount = ev.events().stream().filter(e -> e.message().startsWith("run-docker-runtime")).findFirst().orElseThrow();
        Event watchdog = ev.events().stream().filter(e -> e.message().contains("Watchdog timeout")).findFirst().orElseThrow();
        Span timeout = ev.spans().stream().filter(x -> x.exitCode() != null && x.exitCode() == -1).findFirst().orElseThrow();
        long created = EpochNanos.of(Instant.parse("2025-10-07T09:00:00Z"));
        List<io.faultline.model.Annotation> notes = List.of(
                new io.faultline.model.Annotation("n1", new io.faultline.model.AnnotationTarget.OnEvent(mount.id(), mount.timeNanos()),
                        "runc mount line every 30 s = web's healthcheck exec (interval 30 s), not a 3 s probe",
                        List.of("cadence", "healthcheck"), "oncall", created, created),
                new io.faultline.model.Annotation("n2", new io.faultline.model.AnnotationTarget.OnRange(FROM + 1080 * S, FROM + 1680 * S),
                        "sda at 100 % util for 10 min, await above 1 s", List.of("io"), "oncall", created, created),
                new io.faultline.model.Annotation("n3", new io.faultline.model.AnnotationTarget.OnSpan(timeout.id(), timeout.startNanos(), timeout.endNanos()),
                        "probe never returned (-1) while the disk was saturated", List.of("healthcheck"), "oncall", created, created),
                new io.faultline.model.Annotation("n4", new io.faultline.model.AnnotationTarget.OnEvent(watchdog.id(), watchdog.timeNanos()),
                        "snapd watchdog fires: the freeze", List.of(), "oncall", created, created));
        List<io.faultline.model.CausalLink> links = List.of(
                new io.faultline.model.CausalLink("l1", "n2", "n3", io.faultline.model.LinkType.CAUSES, "IO stall starves the probe"),
                new io.faultline.model.CausalLink("l2", "n2", "n4", io.faultline.model.LinkType.CONTRIBUTES_TO, ""));
        return new io.faultline.model.AnnotationLayer(io.faultline.model.AnnotationLayer.CURRENT_VERSION, notes, links);
    }

    static LoadedCase loaded(Path bundle) {
        return new LoadedCase(bundle, evidence(), io.faultline.model.AnnotationLayer.empty());
    }

    /** Writes a real (small) bundle to {@code path} so annotation saves have somewhere to go. */
    static Path writeBundle(Path path) throws IOException {
        try (BundleWriter w = new BundleWriter(path, "faultline-test")) {
            w.window(EpochNanos.toInstant(FROM), EpochNanos.toInstant(TO));
            w.add("journal/short.txt", HOST, SourceKind.JOURNAL_SHORT, "fixture", null, 0,
                    "Oct 05 15:00:25 ubuntu systemd[1]: run-docker-runtime.mount: Deactivated successfully.\n".getBytes(StandardCharsets.UTF_8), "");
            return w.finish(false);
        }
    }
}
