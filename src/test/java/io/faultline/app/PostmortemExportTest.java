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
        Cli run = Cli.run("export", SAMPLE.toString(), "--format", "md", "-o", out.toString());
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
}
