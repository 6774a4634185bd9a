package io.faultline.ingest;

import io.faultline.capture.SourceKind;
import io.faultline.model.Container;
import io.faultline.model.Diagnostic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code docker ps -a}: JSON lines ({@code --format '{{json .}}'}: ID, Names, Image, Status, ...) or a table, the
 * default one ({@code CONTAINER ID   IMAGE ...   NAMES}), with {@code --no-trunc} or {@code -s}, or
 * {@code --format 'table ...'} with any of ps's columns in any order. The CLI aligns the table with Go's tabwriter
 * (columns at least 3 blanks apart, widths counted in code points), so each column is where its header starts;
 * a row with no two blanks before a column start was cut or re-spaced and is reported, not guessed at.
 * Yields containers with id (often the 12-character short id), name, image and the health state STATUS shows
 * ({@code (healthy)}, {@code (unhealthy)}, {@code (health: starting)}); the ingest merges them with inspect's by id prefix.
 */
final class DockerPsParser implements SourceParser {
    private static final Set<String> HEADERS = Set.of("CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "CREATED AT", "RUNNING FOR",
            "STATUS", "STATE", "PORTS", "NAMES", "SIZE", "LABELS", "MOUNTS", "NETWORKS", "LOCAL VOLUMES", "PLATFORM");
    private static final Pattern HEALTH = Pattern.compile("\\((healthy|unhealthy|health: starting)\\)");

    @Override
    public SourceKind kind() {
        return SourceKind.DOCKER_PS;
    }

    @Override
    public boolean probe(String fileName, byte[] head) {
        int i = Text.firstNonBlank(head);
        if (i < 0) {
            return false;
        }
        String t = Text.utf8(head, i, Math.min(head.length, i + 8192));
        if (header(firstLine(t)) != null) {
            return true;
        }
        return t.startsWith("{") && t.contains("\"ID\"") && t.contains("\"Names\"") && t.contains("\"Image\"");
    }

    @Override
    public void parse(EntryContext ctx, byte[] data, Collector out) {
        int i = Text.firstNonBlank(data);
        if (i >= 0 && data[i] != '{' && data[i] != '[') {
            table(ctx, data, out);
            return;
        }
        JsonRecords.read(ctx, data, out, "docker ps JSON", (node, line, offset) -> {
            String id = JsonRecords.text(node, "ID");
            if (id == null || id.isBlank()) {
                out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, line, offset, "docker ps line without ID; skipped"));
                return;
            }
            String names = JsonRecords.text(node, "Names");
            out.container(new Container(id, firstName(names), ctx.host(), JsonRecords.text(node, "Image"), null, null, 0,
                    health(JsonRecords.text(node, "Status")), ctx.at(line, offset)));
        });
    }

    private static String firstLine(String t) {
        int nl = t.indexOf('\n');
        String line = nl < 0 ? t : t.substring(0, nl);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    /** A header column: its label and where it starts, in code points. */
    private record Column(String label, int start) {
    }

    /**
     * The columns of a ps table header, or null when the line is not one (an unknown label, or no CONTAINER ID).
     * Labels are words joined by single blanks; two or more blanks (or a tab) end a label.
     */
    private static List<Column> header(String line) {
        int[] cps = line.codePoints().toArray();
        if (cps.length > 400) {
            return null;
        }
        List<Column> cols = new ArrayList<>();
        int i = 0;
        while (i < cps.length) {
            if (cps[i] == ' ' || cps[i] == '\t') {
                i++;
                continue;
            }
            int start = i;
            while (i < cps.length && cps[i] != '\t' && !(cps[i] == ' ' && (i + 1 >= cps.length || cps[i + 1] == ' '
                    || cps[i + 1] == '\t'))) {
                i++;
            }
            String label = new String(cps, start, i - start);
            if (!HEADERS.contains(label)) {
                return null;
            }
            cols.add(new Column(label, start));
        }
        return cols.stream().anyMatch(c -> c.label.equals("CONTAINER ID")) ? cols : null;
    }

    private static void table(EntryContext ctx, byte[] data, Collector out) {
        LineReader lines = new LineReader(data);
        List<Column> cols = null;
        while (lines.next()) {
            if (lines.blank()) {
                continue;
            }
            String t = lines.text();
            if (cols == null) {
                cols = header(t);
                if (cols == null) {
                    out.diagnostic(ctx.diagnostic(Diagnostic.Level.ERROR, lines.lineNo(), lines.start(),
                            "not a docker ps table header (columns such as 'CONTAINER ID   IMAGE ...   NAMES', CONTAINER ID among them): '"
                                    + JournalShortParser.abbreviate(t) + "'; table not read"));
                    return;
                }
                continue;
            }
            if (header(t) != null) {
                cols = header(t);
                continue;
            }
            int[] cps = t.codePoints().toArray();
            Map<String, String> cells = new HashMap<>();
            boolean aligned = true;
            for (int c = 0; c < cols.size(); c++) {
                int from = cols.get(c).start;
                int to = c + 1 < cols.size() ? cols.get(c + 1).start : cps.length;
                aligned &= from == 0 || from >= cps.length || cps[from - 1] == ' ' && cps[from - 2] == ' ';
                cells.put(cols.get(c).label, from >= cps.length ? "" : new String(cps, from, Math.min(to, cps.length) - from).strip());
            }
            String id = cells.get("CONTAINER ID");
            String image = cells.get("IMAGE");
            String name = firstName(cells.get("NAMES"));
            String status = cells.get("STATUS");
            if (!aligned || id == null || id.isEmpty() || id.contains(" ")) {
                out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, lines.lineNo(), lines.start(),
                        "docker ps row does not line up with its header (columns start where their header does): '"
                                + JournalShortParser.abbreviate(t) + "'; row skipped"));
                continue;
            }
            out.container(new Container(id, name, ctx.host(), image == null || image.isEmpty() ? null : image, null, null, 0,
                    health(status), ctx.at(lines.lineNo(), lines.start())));
        }
    }

    /** The health state in a STATUS text: healthy, unhealthy or starting; null when it shows none. */
    private static String health(String status) {
        if (status == null) {
            return null;
        }
        Matcher m = HEALTH.matcher(status);
        return m.find() ? m.group(1).replace("health: ", "") : null;
    }

    private static String firstName(String names) {
        if (names == null) {
            return "";
        }
        int comma = names.indexOf(',');
        return comma < 0 ? names.trim() : names.substring(0, comma).trim();
    }
}
