package io.faultline.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code redact-preview}, and export's --redact, --no-redact, --redact-term and --redact-terms, on the bundled sample. */
class RedactCliTest {
    private static final String SAMPLE = Path.of("assets", "sample.flcap").toString();

    @TempDir
    Path dir;

    @Test
    void previewListsEachTermWithItsPlaceholderKindAndCountYourTermsFirst() throws Exception {
        Path terms = dir.resolve("terms.txt");
        Files.writeString(terms, "# ours\n\nProject Falcon\n  on-call  \n", StandardCharsets.UTF_8);
        Cli r = Cli.run("redact-preview", SAMPLE, "--redact-terms", terms.toString(), "--redact-term", "fl-health");
        assertThat(r.code()).as(r.err()).isZero();
        String[] lines = r.out().split("\n");
        assertThat(lines[0]).startsWith("9 terms would be replaced in an export of " + SAMPLE + " (found and counted in ");
        assertThat(lines).extracting(l -> l.strip().replaceAll(" {2,}", " | ")).containsSubsequence(
                "fl-health | → | term-1 | your term | 258×",
                "Project Falcon | → | term-2 | your term | 0×",
                "on-call | → | term-3 | your term | 3×",
                "127.0.0.1 | → | ip-1 | address | 5364×",
                "vm | → | host-1 | host name | 1310×",
                "faultline | → | user-1 | user name | 1384×",
                "admin | → | user-2 | user name | 4×");
    }

    @Test
    void htmlIsRedactedByDefaultJsonOnlyWhenAsked() throws Exception {
        Path html = dir.resolve("s.html");
        Cli r = Cli.run("export", SAMPLE, "--format", "html", "-o", html.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("redacted 6 terms: 1 ip, 4 user, 1 host");
        assertThat(Files.readString(html)).doesNotContain("127.0.0.1").contains("raw/ip-1/journal.json");

        Path json = dir.resolve("s.json");
        r = Cli.run("export", SAMPLE, "--format", "json", "-o", json.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("redacted");
        assertThat(Files.readString(json)).contains("127.0.0.1");

        Path plain = dir.resolve("plain.html");
        assertThat(Cli.run("export", SAMPLE, "--format", "html", "--no-redact", "-o", plain.toString()).code()).isZero();
        assertThat(Files.readString(plain)).contains("raw/127.0.0.1/journal.json");
    }

    @Test
    void ownTermsNeedRedactionAndAReadableFile() {
        Path out = dir.resolve("x.json");
        Cli r = Cli.run("export", SAMPLE, "--format", "json", "--redact-term", "Falcon", "-o", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--redact-term and --redact-terms need the export redacted: drop --no-redact or add --redact"
                + " (json is not redacted by default)");
        r = Cli.run("export", SAMPLE, "--format", "html", "--no-redact", "--redact-term", "Falcon", "-o", out.toString());
        assertThat(r.code()).isEqualTo(2);
        Path missing = dir.resolve("missing.txt");
        r = Cli.run("export", SAMPLE, "--format", "html", "--redact-terms", missing.toString(), "-o", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--redact-terms " + missing + ": no such file");
        assertThat(out).doesNotExist();
    }
}
