package io.faultline.app;

import io.faultline.capture.Bundle;
import io.faultline.capture.Json;
import io.faultline.capture.Manifest;
import io.faultline.capture.SourceKind;
import io.faultline.collect.JournalCursors;
import io.faultline.testbed.Testbed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code faultline capture --max-source-mb}, {@code --reconnect-tries} and {@code --no-compress} against the testbed. */
class CaptureLimitsCliTest {
    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void aSourceOverTheByteCapStopsThereAndTheBundleIsPartialNotFailed() throws Exception {
        Testbed tb = Testbed.require();
        Path out = dir.resolve("capped.flcap");

        Cli r = Cli.run("capture", "--host", tb.user() + "@" + tb.host() + ":" + tb.port(), "--identity", tb.key().toString(),
                "--known-hosts", tb.knownHosts().toString(), "--since", "-1h", "--max-source-mb", "1", "-o", out.toString());

        assertThat(r.code()).as(r.err()).isEqualTo(CaptureCommand.PARTIAL);
        assertThat(r.err())
                .containsPattern("127\\.0\\.0\\.1 journal +[0-9,]+ bytes +[0-9,]+ lines  stopped at the byte cap")
                .contains("warning: journal on 127.0.0.1 stopped at 1 MB (the byte cap per source, --max-source-mb 1); the entry "
                        + "keeps its first 1 MB, marked incomplete: narrow the window or raise the cap for the rest\n")
                .containsPattern("127\\.0\\.0\\.1 docker-events +[0-9,]+ bytes +[0-9,]+ lines  done")
                .contains("PARTIAL bundle (cancelled or cut short) written: " + out)
                .doesNotContain("error:");
        try (Bundle b = Bundle.open(out)) {
            Manifest m = b.manifest();
            assertThat(b.verify()).isEmpty();
            assertThat(m.partial()).isTrue();
            Manifest.Entry journal = m.entries().stream().filter(e -> e.sourceKind() == SourceKind.JOURNAL_JSON).findFirst().orElseThrow();
            assertThat(journal.complete()).isFalse();
            assertThat(journal.exitCode()).isNull();
            // cut after the last whole entry that fits: every line is a JSON object
            assertThat(journal.bytes()).isLessThanOrEqualTo(MIB).isGreaterThan(MIB - 64 * 1024);
            String text = new String(b.readEntry(journal.path()), StandardCharsets.UTF_8);
            assertThat(text).endsWith("\n");
            for (String line : text.split("\n")) {
                assertThat(Json.mapper().readTree(line).path("__CURSOR").asText()).startsWith("s=");
            }
            assertThat(m.entries()).filteredOn(e -> e.sourceKind() == SourceKind.DOCKER_PS || e.sourceKind() == SourceKind.DOCKER_EVENTS)
                    .hasSize(2).allSatisfy(e -> assertThat(e.complete()).isTrue());
        }
    }

    @Test
    void outOfRangeLimitsAreRefused() {
        Path out = dir.resolve("never.flcap");
        Cli cap = Cli.run("capture", "--host", "ops@127.0.0.1:1", "--since", "-1h", "--max-source-mb", "0", "-o", out.toString());
        Cli tries = Cli.run("capture", "--host", "ops@127.0.0.1:1", "--since", "-1h", "--reconnect-tries", "11", "-o", out.toString());

        assertThat(cap.code()).isEqualTo(CaptureCommand.FAILED);
        assertThat(cap.err()).isEqualTo("faultline capture: --max-source-mb 0 is out of range: give 1 to 1048576\n");
        assertThat(tries.code()).isEqualTo(CaptureCommand.FAILED);
        assertThat(tries.err()).isEqualTo("faultline capture: --reconnect-tries 11 is out of range: give 0 to 10\n");
        assertThat(out).doesNotExist();
    }

    @Test
    void compressedAndUncompressedCapturesHoldTheSameJournal() throws Exception {
        Testbed tb = Testbed.require();
        long until = java.time.Instant.now().getEpochSecond() - 5;
        String[] common = {"capture", "--host", tb.user() + "@" + tb.host() + ":" + tb.port(), "--identity", tb.key().toString(),
                "--known-hosts", tb.knownHosts().toString(), "--since", Long.toString(until - 1800), "--until", Long.toString(until)};
        Path gz = dir.resolve("gz.flcap");
        Path plain = dir.resolve("plain.flcap");

        Cli a = Cli.run(concat(common, "-o", gz.toString()));
        Cli c = Cli.run(concat(common, "--no-compress", "-o", plain.toString()));

        assertThat(a.code()).as(a.err()).isZero();
        assertThat(c.code()).as(c.err()).isZero();
        assertThat(a.err()).containsPattern("info: output compressed on 127\\.0\\.0\\.1 with gzip -1: [0-9.]+ MB of output came over "
                + "the connection as [0-9.]+ MB");
        assertThat(c.err()).doesNotContain("compressed");
        try (Bundle x = Bundle.open(gz); Bundle y = Bundle.open(plain)) {
            Manifest.Entry jx = journal(x.manifest());
            Manifest.Entry jy = journal(y.manifest());
            assertThat(jx.command()).endsWith("gzip -1");
            assertThat(jy.command()).doesNotContain("gzip");
            assertThat(jx.exitCode()).isZero();
            // journalctl prints the fields of an entry in no fixed order: the entries are compared by cursor
            List<String> gzCursors = JournalCursors.of(x.readEntry(jx.path()));
            assertThat(gzCursors).hasSizeGreaterThan(100).isEqualTo(JournalCursors.direct(tb, jx.command()));
            assertThat(JournalCursors.of(y.readEntry(jy.path()))).isEqualTo(JournalCursors.direct(tb, jy.command()));
        }
    }

    private static Manifest.Entry journal(Manifest m) {
        return m.entries().stream().filter(e -> e.sourceKind() == SourceKind.JOURNAL_JSON).findFirst().orElseThrow();
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
