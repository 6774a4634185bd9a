package io.faultline.app;

import io.faultline.ingest.bench.JournalGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An entry too big for the heap is refused with a clear diagnostic; the rest of the bundle still opens. A journal JSON
 * entry is streamed instead, whatever its size.
 */
class LargeEntryTest {
    @TempDir
    Path tmp;

    @Test
    void anEntryBiggerThanTheHeapAllowsIsNamedNotFatal() throws Exception {
        Path big = tmp.resolve("big-journal.txt");
        try (BufferedWriter w = Files.newBufferedWriter(big, StandardCharsets.UTF_8)) {
            for (int i = 0; i < 120_000; i++) {
                w.write(String.format("Oct 05 15:%02d:%02d web1 sshd[%d]: error: no more sessions for user root from 192.0.2.%d%n",
                        (i / 60) % 60, i % 60, 1000 + i, i % 250));
            }
        }
        Path small = tmp.resolve("small-journal.txt");
        Files.writeString(small, "Oct 05 15:00:25 web1 sshd[811]: Failed password for root from 192.0.2.7 port 50022 ssh2\n");
        Path bundle = tmp.resolve("big.flcap");
        assertThat(CliProcessMain.runInSmallHeap(tmp, 120, "import", big.toString(), small.toString(), "--zone", "UTC",
                "-o", bundle.toString())).contains("wrote");

        String summary = CliProcessMain.runInSmallHeap(tmp, 120, "summary", bundle.toString());
        assertThat(summary).contains("events   1\n");
        assertThat(summary).containsPattern("ERROR raw/imported/01-big-journal.txt: entry is \\d+ MB, more than the \\d+ MB this"
                + " Faultline reads into memory with a heap of \\d+ MB; not read");
    }

    @Test
    void aJournalJsonEntryManyTimesTheHeapLimitIsStreamedWhole() throws Exception {
        Path big = tmp.resolve("big-journal.json");
        long entries = new JournalGenerator(11).writeJsonLines(big, 60_000).entries();
        assertThat(Files.size(big)).isGreaterThan(40L << 20);
        Path bundle = tmp.resolve("big-json.flcap");
        assertThat(CliProcessMain.runInSmallHeap(tmp, 120, "import", big.toString(), "-o", bundle.toString())).contains("wrote");

        String summary = CliProcessMain.runInSmallHeap(tmp, 120, "summary", bundle.toString());
        assertThat(summary).containsPattern("events\\s+" + String.format(java.util.Locale.ROOT, "(%d|%,d)\\n", entries, entries));
        assertThat(summary).doesNotContain("not read");
    }

    @Test
    void runningOutOfHeapSaysSoAndHowToGiveMore() throws Exception {
        Path big = tmp.resolve("journal.json");
        new JournalGenerator(3).writeJsonLines(big, 18_000);
        assertThat(Files.size(big)).isGreaterThan(16L << 20);
        Path bundle = tmp.resolve("big.flcap");
        CliProcessMain.runInSmallHeap(tmp, 120, "import", big.toString(), "-o", bundle.toString());

        String out = CliProcessMain.runInHeap("-Xmx16m", 1, tmp, 120, "summary", bundle.toString());
        assertThat(out.strip()).matches("faultline: out of memory: the Java heap is at most \\d+ MB; give it more,"
                + " e\\.g\\. java -Xmx3g -jar faultline\\.jar \\.\\.\\.");
    }
}
