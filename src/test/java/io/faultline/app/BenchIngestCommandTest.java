package io.faultline.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class BenchIngestCommandTest {
    private static final Pattern ROW = Pattern.compile("(?m)^(journal-\\w+)\\s+([\\d,]+)\\s+([\\d,]+)\\s+([\\d.]+)\\s+([\\d.]+)\\s+");

    @TempDir
    Path dir;

    @Test
    void measuresTheThreeFormatsOnTheSameEntriesAndTimesThePeers() throws Exception {
        Path kept = dir.resolve("kept");
        Cli r = Cli.run("bench-ingest", "--size-mb", "2", "--keep", kept.toString());
        assertThat(r.code()).as(r.err()).isZero();
        Matcher m = ROW.matcher(r.out());
        long events = -1;
        int rows = 0;
        while (m.find()) {
            rows++;
            long n = Long.parseLong(m.group(3).replace(",", ""));
            assertThat(n).isGreaterThan(1500);
            if (events >= 0) {
                assertThat(n).as(m.group(1)).isEqualTo(events);
            }
            events = n;
            assertThat(Double.parseDouble(m.group(5))).isPositive();
        }
        assertThat(rows).as(r.out()).isEqualTo(3);
        assertThat(r.out()).contains("jq -c . journal.json", "journalctl --file *.journal -o json", "journalctl --file *.journal -o short");
        assertThat(Files.size(kept.resolve("journal.json"))).isGreaterThanOrEqualTo(2L << 20);
        assertThat(kept.resolve("journal.export")).exists();
        assertThat(kept.resolve("journal.short")).exists();
    }

    @Test
    void oneFormatWithoutPeersLeavesNoFilesBehind() throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        String old = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", tmp.toString());
        try {
            Cli r = Cli.run("bench-ingest", "--size-mb", "2", "--format", "journal-short", "--no-peers");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("journal-short").doesNotContain("journal-json ").doesNotContain("peers");
        } finally {
            System.setProperty("java.io.tmpdir", old);
        }
        try (var s = Files.list(tmp)) {
            assertThat(s.toList()).isEmpty();
        }
    }

    @Test
    void anUnknownFormatIsAClearError() {
        Cli r = Cli.run("bench-ingest", "--size-mb", "2", "--format", "syslog");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--format must be journal-json, journal-export, journal-short or all, not 'syslog'");
    }
}
