package io.faultline.ingest;

import io.faultline.capture.SourceKind;
import io.faultline.model.Container;
import io.faultline.model.Diagnostic;

import java.nio.charset.StandardCharsets;

/**
 * {@code docker ps -a}: JSON lines ({@code --format '{{json .}}'}: ID, Names, Image, ...) or the table
 * ({@code CONTAINER ID   IMAGE ...   NAMES}, columns found from the header). Yields containers with id
 * (often the 12-character short id), name and image; the ingest merges them with inspect's by id prefix.
 */
final class DockerPsParser implements SourceParser {
    private static final String TABLE_HEAD = "CONTAINER ID";

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
        if (t.startsWith(TABLE_HEAD)) {
            return true;
        }
        return t.startsWith("{") && t.contains("\"ID\"") && t.contains("\"Names\"") && t.contains("\"Image\"");
    }

    @Override
    public void parse(EntryContext ctx, byte[] data, Collector out) {
        int i = Text.firstNonBlank(data);
        if (i >= 0 && new String(data, i, Math.min(TABLE_HEAD.length(), data.length - i), StandardCharsets.UTF_8).equals(TABLE_HEAD)) {
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
            out.container(new Container(id, firstName(names), ctx.host(), JsonRecords.text(node, "Image"), null, null, 0, null,
                    ctx.at(line, offset)));
        });
    }

    private static void table(EntryContext ctx, byte[] data, Collector out) {
        LineReader lines = new LineReader(data);
        int imageCol = -1;
        int namesCol = -1;
        while (lines.next()) {
            if (lines.blank()) {
                continue;
            }
            String t = lines.text();
            if (imageCol < 0) {
                imageCol = t.indexOf("IMAGE");
                namesCol = t.indexOf("NAMES");
                if (imageCol < 0 || namesCol < 0) {
                    out.diagnostic(ctx.diagnostic(Diagnostic.Level.ERROR, lines.lineNo(), lines.start(),
                            "docker ps table header lacks IMAGE or NAMES; table not read"));
                    return;
                }
                continue;
            }
            if (t.length() <= namesCol) {
                out.diagnostic(ctx.diagnostic(Diagnostic.Level.WARNING, lines.lineNo(), lines.start(),
                        "docker ps row shorter than its header (no NAMES column): '" + JournalShortParser.abbreviate(t) + "'"));
                continue;
            }
            String id = t.substring(0, imageCol).trim();
            String image = t.substring(imageCol).trim().split("\\s+", 2)[0];
            out.container(new Container(id, firstName(t.substring(namesCol).trim()), ctx.host(), image, null, null, 0, null,
                    ctx.at(lines.lineNo(), lines.start())));
        }
    }

    private static String firstName(String names) {
        if (names == null) {
            return "";
        }
        int comma = names.indexOf(',');
        return comma < 0 ? names.trim() : names.substring(0, comma).trim();
    }
}
