package io.faultline.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.capture.SourceKind;
import io.faultline.model.Diagnostic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code iostat -x -o JSON}: {@code sysstat.hosts[]} with a {@code date} and {@code statistics[]}, each
 * with an optional {@code timestamp} string (only with {@code -t}, see {@link IostatTime}), {@code avg-cpu}
 * and {@code disk[]} ({@code disk_device}, {@code r/s}, {@code rkB/s}, {@code aqu-sz}, {@code util}...).
 * Unlike {@code sadf -j} the timestamp is a string and devices are {@code disk_device}. Stray and missing
 * commas, decimal commas and cut-off output are repaired by {@link JsonRepair}, each repair reported.
 */
final class IostatJsonParser implements SourceParser {
    @Override
    public SourceKind kind() {
        return SourceKind.IOSTAT_JSON;
    }

    @Override
    public boolean probe(String fileName, byte[] head) {
        return isIostat(head);
    }

    /** sysstat JSON with iostat's marks: {@code disk_device}, {@code avg-cpu}, or a string timestamp. */
    static boolean isIostat(byte[] head) {
        int i = Text.firstNonBlank(head);
        if (i < 0 || head[i] != '{') {
            return false;
        }
        String t = Text.utf8(head, i, Math.min(head.length, i + 8192)).replaceAll("\\s+", "");
        return t.startsWith("{\"sysstat\":") && (t.contains("\"disk_device\"") || t.contains("\"avg-cpu\"")
                || t.contains("\"timestamp\":\""));
    }

    @Override
    public void parse(EntryContext ctx, byte[] data, Collector out) {
        JsonNode hosts = JsonRepair.readSysstatHosts(ctx, data, out, "iostat", "iostat -o JSON");
        if (hosts == null) {
            return;
        }
        for (JsonNode host : hosts) {
            host(ctx, host, out);
        }
    }

    private static void host(EntryContext ctx, JsonNode host, Collector out) {
        String node = JsonRecords.text(host, "nodename");
        String name = ctx.hostNamed(node);
        SeriesAccumulator acc = new SeriesAccumulator(name);
        String dateText = JsonRecords.text(host, "date");
        SysstatDates.Day day = dateText == null ? null : SysstatDates.parse(dateText, ctx);
        if (dateText != null && day == null) {
            out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, 0, -1, "unreadable host date '" + dateText + "'"));
        } else if (day != null && day.note() != null) {
            out.diagnostic(ctx.diagnostic(day.guessed() ? Diagnostic.Level.WARNING : Diagnostic.Level.INFO, 0, -1, day.note()));
        }
        List<JsonNode> untimed = new ArrayList<>();
        boolean zoneNoted = false;
        for (JsonNode st : host.path("statistics")) {
            String stamp = JsonRecords.text(st, "timestamp");
            if (stamp == null) {
                untimed.add(st);
                continue;
            }
            Long t = IostatTime.parse(stamp.strip(), ctx, out, 0, -1);
            if (t == null) {
                continue;
            }
            if (!ctx.zoneKnown() && !zoneNoted && !stamp.contains("T")) {
                zoneNoted = true;
                out.diagnostic(ctx.diagnostic(Diagnostic.Level.INFO, 0, -1, "iostat times are the host's local time and the manifest"
                        + " gives no zone: read as " + ctx.zone().getId()));
            }
            statistic(acc, ctx.toLocal(t), st);
        }
        if (!untimed.isEmpty()) {
            Long anchor = IostatTime.untimedAnchor(ctx, day, untimed.size(), out);
            if (anchor != null) {
                statistic(acc, anchor, untimed.getLast());
            }
        }
        acc.emit(out);
    }

    private static void statistic(SeriesAccumulator acc, long time, JsonNode st) {
        JsonNode cpu = st.path("avg-cpu");
        if (cpu.isObject()) {
            IostatMetrics.cpu(acc, time, numbers(cpu, false));
        }
        for (JsonNode d : st.path("disk")) {
            String device = JsonRecords.text(d, "disk_device");
            if (device == null) {
                device = JsonRecords.text(d, "disk-device");
            }
            if (device != null) {
                IostatMetrics.device(acc, device, time, numbers(d, true));
            }
        }
    }

    private static Map<String, Double> numbers(JsonNode o, boolean disk) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> f : o.properties()) {
            if (f.getValue().isNumber()) {
                values.put(disk ? IostatMetrics.columnOfJsonKey(f.getKey()) : f.getKey(), f.getValue().asDouble());
            }
        }
        return values;
    }
}
