package io.faultline.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code export --format md}: the postmortem draft of the bundled sample, against its expected file. */
class PostmortemExportTest {
    private static final Path SAMPLE = Path.of("assets/sample.flcap");

    @TempDir
    Path dir;

    @Test
    void theSampleGivesTheExpectedDraft() throws Exception {
        Path out = dir.resolve("postmortem.md");
        Cli run = Cli.run("export", SAMPLE.toString(), "--format", "md", "--no-redact", "-o", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(Files.readString(out)).isEqualTo(Files.readString(Path.of("src/test/resources/export/sample-postmortem.md")));
    }

    @Test
    void hostileNotesCannotBreakTheTableTheQuoteOrTheCodeBlocks() throws Exception {
        Path bundle = dir.resolve("hostile.flcap");
        Files.copy(SAMPLE, bundle);
        String note = "a | b\n## not a heading\n```\n<script>alert(1)</script> *bold* [x](http://e)";
        Cli add = Cli.run("annotate", bundle.toString(), "--at", "2026-12-03T19:02:00Z", "--note", note, "--severity", "critical",
                "--author", "O'Brien | ops");
        assertThat(add.code()).as(add.err()).isZero();
        Cli link = Cli.run("link", bundle.toString(), "n-4", "n-3", "--type", "causes", "--note", "x\n- fake item");
        assertThat(link.code()).as(link.err()).isZero();
        Path out = dir.resolve("hostile.md");
        assertThat(Cli.run("export", bundle.toString(), "--format", "md", "-o", out.toString()).code()).isZero();
        List<String> lines = Files.readAllLines(out);
        String escaped = "a \\| b \\#\\# not a heading \\`\\`\\` &lt;script&gt;alert(1)&lt;/script&gt; \\*bold\\* \\[x\\](http://e)";
        assertThat(lines).contains("| 2026-12-03 19:02:00.000 +00:00 |  | critical | range · 0 ms | " + escaped + " |  | O'Brien \\| ops |");
        assertThat(lines).contains("> a \\| b", "> \\#\\# not a heading", "> \\`\\`\\`");
        assertThat(lines).noneMatch(l -> l.startsWith("## not") || l.startsWith("- fake item") || l.contains("<script>"));
        assertThat(lines).contains("- critical: " + escaped + " (n-4, 19:02:00.000)");
        assertThat(lines).anyMatch(l -> l.startsWith("- **n-4** (19:02:00.000) ") && l.endsWith(": _x - fake item_"));
    }

    @Test
    void aRangeKeepsTheNotesInItAndTheLinksBetweenThem() throws Exception {
        Path out = dir.resolve("range.md");
        Cli run = Cli.run("export", SAMPLE.toString(), "--format", "md", "--from", "2026-12-03T19:03:00Z", "--to", "2026-12-03T19:05:00Z",
                "-o", out.toString(), "--title", "First minutes");
        assertThat(run.code()).as(run.err()).isZero();
        String md = Files.readString(out);
        assertThat(md).startsWith("# Postmortem draft: First minutes\n");
        assertThat(md).contains("- **Exported range:** 2026-12-03 19:03:00.000 +00:00 → 2026-12-03 19:05:00.000 +00:00 (2 min 0 s)\n");
        assertThat(md).contains("- **Notes:** 2 (2 info); **links:** 1\n");
        assertThat(md).contains("### n-1 ", "### n-2 ").doesNotContain("### n-3", "—precedes→");
        assertThat(md).contains("- **n-1** (19:03:52.654) fl-crashloop gives up (exit 3); restart=always starts it again and each start w…"
                + " —contributes to→ **n-2** (19:03:59.001) vda util peaks at 84 %: _the rewrite on every start loads the disk_\n");

        Cli empty = Cli.run("export", SAMPLE.toString(), "--format", "md", "--from", "2026-12-03T19:01:00Z", "--to", "2026-12-03T19:02:00Z",
                "-o", dir.resolve("empty.md").toString());
        assertThat(empty.code()).as(empty.err()).isZero();
        assertThat(Files.readString(dir.resolve("empty.md"))).contains("No notes in this range, so no impact window",
                "No links between the notes yet (`faultline link`).");
    }
}
