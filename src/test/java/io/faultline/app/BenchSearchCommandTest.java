package io.faultline.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class BenchSearchCommandTest {
    private static final Pattern TIMED = Pattern.compile("(?m)^(regex|text) '.*?\\s+([\\d,]+)\\s+([\\d.]+) ms\\s+([\\d.]+) ms$");

    @TempDir
    Path dir;

    @Test
    void ingestsTheGeneratedJournalAndTimesSearchOnOneAndAllThreads() throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        String old = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", tmp.toString());
        Cli r;
        try {
            r = Cli.run("bench-search", "--size-mb", "2", "--runs", "1");
        } finally {
            System.setProperty("java.io.tmpdir", old);
        }
        assertThat(r.code()).as(r.err()).isZero();
        Matcher generated = Pattern.compile("generated ([\\d,]+) entries").matcher(r.out());
        assertThat(generated.find()).as(r.out()).isTrue();
        String entries = generated.group(1);
        assertThat(r.out()).contains(": " + entries + " events;", "facet counts UNIT", "facet filter", "hit density");
        Matcher m = TIMED.matcher(r.out());
        int rows = 0;
        while (m.find()) {
            rows++;
            assertThat(Long.parseLong(m.group(2).replace(",", ""))).as(m.group()).isPositive();
        }
        assertThat(rows).as(r.out()).isEqualTo(6);
        try (var s = Files.list(tmp)) {
            assertThat(s.toList()).isEmpty();
        }
    }
}
