package io.faultline.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.capture.SourceKind;
import io.faultline.model.Diagnostic;
import io.faultline.model.EpochNanos;
import io.faultline.model.Series;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code sadf -j} (and the look-alike {@code iostat -o JSON}): {@code sysstat.hosts[].statistics[]}, each
 * with a {@code timestamp {date, time, utc, interval}} and {@code disk[]} entries. One {@link Series} per
 * host, device and metric: util (%), await (ms), rkB_s, wkB_s (kB/s; from sectors/s halved when only
 * those are given), aqu_sz, tps. Field names of sysstat 11 and 12 are both read ({@code rkB/s} or
 * {@code rkB}, {@code util} or {@code util-percent}, {@code aqu-sz} or {@code avgqu-sz}, ...).
 * Times with {@code utc: 1} are UTC; others are in the host's zone. Output of a comma-decimal locale and
 * other sysstat JSON slips are repaired by {@link JsonRepair}, each repair reported.
 */
final class SadfJsonParser implements SourceParser {
    private static final String[][] METRICS = {
            {"util", "%", "util", "util-percent", "%util"},
            {"await", "ms", "await"},
            {"rkB_s", "kB/s", "rkB/s", "rkB"},
            {"wkB_s", "kB/s", "wkB/s", "wkB"},
            {"aqu_sz", "requests", "aqu-sz", "avgqu-sz"},
            {"tps", "1/s", "tps"},
    };
    private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy");

    @Override
    public SourceKind kind() {
        return SourceKind.SADF_JSON;
    }

    @Override
    public boolean probe(String fileName, byte[] head) {
        int i = Text.firstNonBlank(head);
        if (i < 0 || head[i] != '{') {
            return false;
        }
        String t = Text.utf8(head, i, Math.min(head.length, i + 4096)).replaceAll("\\s+", "");
        return t.startsWith("{\"sysstat\":") && !IostatJsonParser.isIostat(head);
    }

    @Override
    public void parse(EntryContext ctx, byte[] data, Collector out) {
        JsonNode hosts = JsonRepair.readSysstatHosts(ctx, data, out, "sysstat", "sadf -j");
        if (hosts == null) {
            return;
        }
        for (JsonNode host : hosts) {
            host(ctx, host, out);
        }
    }

    private void host(EntryContext ctx, JsonNode host, Collector out) {
        String node = JsonRecords.text(host, "nodename");
        ZoneId localZone = ctx.zone();
        boolean zoneNoted = false;
        Map<String, List<Point>> samples = new LinkedHashMap<>();
        Map<String, String[]> keys = new LinkedHashMap<>();
        int noDisk = 0;
        int stats = 0;
        for (JsonNode st : host.path("statistics")) {
            stats++;
            Long t = time(ctx, host, st.path("timestamp"), out);
            if (t == null) {
                continue;
            }
            if (!st.path("timestamp").path("utc").asBoolean(false) && !ctx.zoneKnown() && !zoneNoted) {
                zoneNoted = true;
                out.diagnostic(ctx.diagnostic(Diagnostic.Level.INFO, 0, -1, "sysstat times of host " + hostName(ctx, node)
                        + " are local and the manifest gives no zone: read as " + localZone.getId()));
            }
            JsonNode disks = st.path("disk");
            if (!disks.isArray()) {
                noDisk++;
                continue;
            }
            for (JsonNode d : disks) {
                String device = firstText(d, "disk-device", "disk_device", "DEV");
                if (device == null) {
                    continue;
                }
                for (String[] metric : METRICS) {
                    Double v = value(d, metric);
                    if (v != null) {
                        String key = device + "\u0000" + metric[0];
                        keys.putIfAbsent(key, new String[] {device, metric[0], metric[1]});
                        samples.computeIfAbsent(key, k -> new ArrayList<>()).add(new Point(ctx.toLocal(t), v));
                    }
                }
            }
        }
        if (noDisk > 0) {
            out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, 0, -1, noDisk + " of " + stats + " samples of host "
                    + hostName(ctx, node) + " hold no disk statistics (sadf needs '-- -d'): nothing to chart from them"));
        }
        for (Map.Entry<String, List<Point>> e : samples.entrySet()) {
            String[] k = keys.get(e.getKey());
            List<Point> pts = e.getValue();
            long[] times = new long[pts.size()];
            double[] values = new double[pts.size()];
            for (int i = 0; i < times.length; i++) {
                times[i] = pts.get(i).time();
                values[i] = pts.get(i).value();
            }
            out.series(new Series(hostName(ctx, node), k[0], k[1], k[2], times, values));
        }
    }

    private record Point(long time, double value) {
    }

    private static String hostName(EntryContext ctx, String node) {
        return ctx.hostNamed(node);
    }

    /** The sample's instant on the host's clock, or null (diagnosed). */
    private static Long time(EntryContext ctx, JsonNode host, JsonNode ts, Collector out) {
        String date = JsonRecords.text(ts, "date");
        String time = JsonRecords.text(ts, "time");
        try {
            if (date != null && time != null) {
                ZoneId zone = ts.path("utc").asBoolean(false) ? ZoneId.of("UTC") : ctx.zone();
                return EpochNanos.of(LocalDateTime.of(LocalDate.parse(date), LocalTime.parse(time)).atZone(zone).toInstant());
            }
            String hostDate = JsonRecords.text(host, "date");
            if (hostDate != null) {
                LocalDate d = hostDate.contains("/") ? LocalDate.parse(hostDate, US_DATE) : LocalDate.parse(hostDate);
                out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, 0, -1, "a sample has no timestamp, only the date "
                        + hostDate + ": placed at 00:00 of that day in " + ctx.zone().getId()));
                return EpochNanos.of(d.atStartOfDay(ctx.zone()).toInstant());
            }
        } catch (DateTimeException e) {
            out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, 0, -1, "unreadable sample time '" + date + " " + time
                    + "': " + e.getMessage() + "; sample skipped"));
            return null;
        }
        out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, 0, -1, "a sample has no timestamp; skipped"));
        return null;
    }

    private static Double value(JsonNode d, String[] metric) {
        for (int i = 2; i < metric.length; i++) {
            JsonNode v = d.get(metric[i]);
            if (v != null && v.isNumber()) {
                return v.asDouble();
            }
        }
        if (metric[0].equals("rkB_s") || metric[0].equals("wkB_s")) {
            String sectors = metric[0].equals("rkB_s") ? "rd_sec" : "wr_sec";
            for (String k : new String[] {sectors + "/s", sectors}) {
                JsonNode v = d.get(k);
                if (v != null && v.isNumber()) {
                    return v.asDouble() / 2;
                }
            }
        }
        if (metric[0].equals("tps") && d.path("r/s").isNumber() && d.path("w/s").isNumber()) {
            return d.get("r/s").asDouble() + d.get("w/s").asDouble() + d.path("d/s").asDouble(0);
        }
        return null;
    }

    private static String firstText(JsonNode n, String... keys) {
        for (String k : keys) {
            String v = JsonRecords.text(n, k);
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
