package io.faultline.app;

import io.faultline.capture.BundleWriter;
import io.faultline.capture.Manifest;
import io.faultline.capture.SourceKind;
import io.faultline.ingest.bench.JournalGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code faultline search --count} against GNU grep on the same generated journal (JSON, about 4 MB). Search matches
 * the message only (docs/decisions/0003-search-matches-the-message.md), so grep is given the messages only:
 * {@code jq -r .MESSAGE} writes one line per entry (the generator's messages are single lines, checked below), and
 * {@code grep -c} counts lines, which is then the number of entries whose message matches. Each pattern means the
 * same in POSIX ERE and java.util.regex, and each has hits. Grep over the raw JSON lines counts differently, shown last.
 */
class SearchGrepParityTest {
    @TempDir
    static Path dir;
    static JournalGenerator.Files3 files;
    static Path bundle;
    static Path messages;

    @BeforeAll
    static void generateAndImport() throws Exception {
        files = new JournalGenerator(11).write(dir, "journal", 4_000_000);
        bundle = dir.resolve("journal.flcap");
        try (BundleWriter w = new BundleWriter(bundle, "faultline-test")) {
            w.window(Instant.ofEpochSecond(files.firstMicros() / 1_000_000 - 60), Instant.ofEpochSecond(files.lastMicros() / 1_000_000 + 60));
            w.host(new Manifest.Host("ubuntu", null, 0, "UTC", 0, 0, null));
            w.add("raw/journal.json", "ubuntu", SourceKind.JOURNAL_JSON, "journal.json", null, null, Files.readAllBytes(files.json()), null);
            w.finish(false);
        }
        messages = dir.resolve("messages.txt");
        run(List.of("jq", "-r", ".MESSAGE", files.json().toString()), messages);
    }

    @Test
    void everyEntryIsOneEventAndOneMessageLine() throws Exception {
        assertThat(files.entries()).isGreaterThan(3000);
        assertThat(Files.readAllLines(messages)).hasSize((int) files.entries());
        assertThat(count("--text", "")).isEqualTo(files.entries());
    }

    @Test
    void regexCountsEqualGrepOverTheMessages() throws Exception {
        for (String regex : List.of(
                "Failed password for invalid user (root|admin) from 203\\.0\\.113\\.[0-9]+ port",
                "fsync took [0-9]{4,} ms",
                "^(INFO|EXT4-fs) ",
                "Deactivated successfully\\.$",
                "level=(warning|error) msg=\"Health check",
                "GET /api/v1/items/[0-9]*7 HTTP")) {
            long grep = grep("-E", regex);
            assertThat(grep).as(regex).isPositive();
            assertThat(count("--regex", regex)).as(regex).isEqualTo(grep);
        }
    }

    @Test
    void ignoringCaseAndPlainTextEqualGrepToo() throws Exception {
        long warn = grep("-i", "-E", "warn(ing)?");
        assertThat(warn).isPositive();
        assertThat(count("--regex", "warn(ing)?", "--ignore-case")).isEqualTo(warn);
        assertThat(count("--regex", "warn(ing)?")).isEqualTo(grep("-E", "warn(ing)?")).isLessThan(warn);
        long text = grep("-F", "-i", "health check for container");
        assertThat(text).isPositive();
        assertThat(count("--text", "health check for container", "-i")).isEqualTo(text);
        assertThat(count("--text", "(sshd:auth)")).isEqualTo(grep("-F", "(sshd:auth)")).isPositive();
    }

    /** The difference between the two is why grep is given the messages: "ssh" is also in every sshd entry's unit and command line. */
    @Test
    void grepOverTheRawLinesCountsOtherFieldsToo() throws Exception {
        long raw = run(List.of("grep", "-c", "-E", "ssh", files.json().toString()), null);
        long inMessages = grep("-E", "ssh");
        assertThat(count("--regex", "ssh")).isEqualTo(inMessages).isLessThan(raw);
    }

    private static long count(String... searchArgs) {
        List<String> args = new ArrayList<>(List.of("search", bundle.toString(), "--count"));
        args.addAll(List.of(searchArgs));
        Cli run = Cli.run(args.toArray(String[]::new));
        assertThat(run.code()).as(run.err()).isZero();
        return Long.parseLong(run.out().strip());
    }

    private static long grep(String... options) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("grep", "-c"));
        cmd.addAll(List.of(options));
        cmd.add(messages.toString());
        return run(cmd, null);
    }

    /** Runs a tool in the C.UTF-8 locale; with {@code out} its output goes there, else it is read as one number. */
    private static long run(List<String> command, Path out) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.put("LC_ALL", "C.UTF-8");
        Path err = Files.createTempFile(dir, "err", ".txt");
        pb.redirectError(err.toFile());
        Path stdout = out != null ? out : Files.createTempFile(dir, "out", ".txt");
        pb.redirectOutput(stdout.toFile());
        int code = pb.start().waitFor();
        assertThat(code).as(command + ": " + Files.readString(err)).isZero();
        return out != null ? 0 : Long.parseLong(Files.readString(stdout, StandardCharsets.UTF_8).strip());
    }
}
