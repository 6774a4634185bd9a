package io.faultline.ingest;

import io.faultline.capture.SourceKind;
import io.faultline.model.Diagnostic;
import io.faultline.model.Evidence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static io.faultline.ingest.TestBundles.entry;
import static io.faultline.ingest.TestBundles.fixture;
import static io.faultline.ingest.TestBundles.host;
import static org.assertj.core.api.Assertions.assertThat;

/** Bad entries give located diagnostics and the rest of the bundle is still read; nothing throws or hangs. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BadInputTest {
    @TempDir
    Path dir;

    private static byte[] junk() {
        byte[] b = new byte[4096];
        new Random(7).nextBytes(b);
        for (int i = 0; i < b.length; i++) {
            b[i] = b[i] == 0 ? 1 : b[i];
        }
        b[100] = 0;
        return b;
    }

    private static List<Diagnostic> of(Evidence ev, String entry) {
        return ev.diagnostics().stream().filter(d -> d.where().entry().equals(entry)).toList();
    }

    @Test
    void badEntriesAreLocatedAndTheRestIsKept() throws Exception {
        byte[] events = fixture("events.jsonl");
        byte[] inspect = fixture("inspect.json");
        byte[] journal = fixture("journal.jsonl");
        // Cut the events in the middle of line 5, and break line 2 of the journal JSON.
        int cutAt = indexOfLine(events, 5) + 40;
        byte[] broken = new String(journal, StandardCharsets.UTF_8).replaceFirst("\"PRIORITY\":\"3\",", "\"PRIORITY\":3\",")
                .getBytes(StandardCharsets.UTF_8);
        Evidence ev = TestBundles.ingest(dir, "2025-10-05T14:55:00Z", "2025-10-05T15:10:00Z", List.of(host("web1", "UTC", 0)), List.of(
                new TestBundles.Entry("raw/empty.txt", "web1", SourceKind.JOURNAL_SHORT, new byte[0]),
                new TestBundles.Entry("raw/junk.bin", "web1", SourceKind.UNKNOWN, junk()),
                new TestBundles.Entry("raw/junk-journal.json", "web1", SourceKind.JOURNAL_JSON, junk()),
                new TestBundles.Entry("raw/events-cut.jsonl", "web1", SourceKind.DOCKER_EVENTS, Arrays.copyOf(events, cutAt)),
                new TestBundles.Entry("raw/inspect-cut.json", "web1", SourceKind.DOCKER_INSPECT, Arrays.copyOf(inspect, 3000)),
                new TestBundles.Entry("raw/journal-broken.jsonl", "web1", SourceKind.JOURNAL_JSON, broken),
                new TestBundles.Entry("raw/sadf-cut.json", "web1", SourceKind.SADF_JSON, Arrays.copyOf(fixture("sadf-d-real.json"), 700)),
                new TestBundles.Entry("raw/unknown.txt", "web1", SourceKind.UNKNOWN, "hello\nworld\n".getBytes(StandardCharsets.UTF_8)),
                entry("journal-short-small.txt", "web1", SourceKind.JOURNAL_SHORT)));

        assertThat(of(ev, "raw/empty.txt")).singleElement().satisfies(d -> {
            assertThat(d.describe()).isEqualTo("WARNING raw/empty.txt line 1 byte 0: empty entry (0 bytes): nothing to read");
        });
        assertThat(of(ev, "raw/junk.bin")).singleElement().satisfies(d -> assertThat(d.describe())
                .isEqualTo("ERROR raw/junk.bin line 1 byte 0: binary data, not text (2171 of the first 4096 bytes outside NUL runs are control bytes, lone NULs or not UTF-8, the first at byte 0; 4096 bytes in all): entry not read"));
        assertThat(of(ev, "raw/junk-journal.json")).singleElement().satisfies(d -> assertThat(d.reason())
                .isEqualTo("binary data, not journal-json text (2171 of the first 4096 bytes outside NUL runs are control bytes, lone NULs or not UTF-8, the first at byte 0; 4096 bytes in all): entry not read"));

        assertThat(of(ev, "raw/events-cut.jsonl")).singleElement().satisfies(d -> {
            assertThat(d.level()).isEqualTo(Diagnostic.Level.ERROR);
            assertThat(d.where().line()).isEqualTo(5);
            assertThat(d.where().byteOffset()).isEqualTo(cutAt);
            assertThat(d.reason()).isEqualTo("docker events JSON: JSON cut short: the value that starts at line 5 (byte "
                    + indexOfLine(events, 5) + ") ends before it is complete");
        });
        assertThat(ev.events().stream().filter(e -> e.source().equals("docker-events"))).hasSize(4);

        // The array is cut inside its second container: the first, complete one is kept.
        assertThat(of(ev, "raw/inspect-cut.json")).filteredOn(d -> d.level() == Diagnostic.Level.ERROR).singleElement().satisfies(d -> {
            assertThat(d.where().byteOffset()).isEqualTo(3000);
            assertThat(d.reason()).isEqualTo("docker inspect JSON: JSON cut short: the value that starts at line 75 (byte 2467)"
                    + " ends before it is complete");
        });
        assertThat(ev.spans().stream().filter(s -> s.origin().entry().equals("raw/inspect-cut.json"))).hasSize(4);
        assertThat(ev.containers()).filteredOn(c -> c.origin().entry().equals("raw/inspect-cut.json"))
                .singleElement().satisfies(c -> {
                    assertThat(c.name()).isEqualTo("fl-health");
                    assertThat(c.healthcheck().timeoutNanos()).isEqualTo(3_000_000_000L);
                });

        assertThat(of(ev, "raw/journal-broken.jsonl")).singleElement().satisfies(d -> {
            assertThat(d.where().line()).isEqualTo(2);
            assertThat(d.where().byteOffset()).isGreaterThan(indexOfLine(journal, 2));
            assertThat(d.reason()).startsWith("journal JSON: not valid JSON: Unexpected character");
        });
        assertThat(ev.events().stream().filter(e -> e.origin().entry().equals("raw/journal-broken.jsonl")))
                .extracting(e -> e.origin().line() + "@" + e.origin().byteOffset())
                .containsExactlyInAnyOrder("1@0", "3@" + indexOfLine(broken, 3), "4@" + indexOfLine(broken, 4), "5@" + indexOfLine(broken, 5));

        // Cut inside its second sample: the first sample is read, the loss is said.
        assertThat(of(ev, "raw/sadf-cut.json")).extracting(Diagnostic::describe).containsExactly("WARNING raw/sadf-cut.json line 20"
                + " byte 700: sysstat JSON cut short (ends at byte 700 inside a value): kept what precedes the last complete object,"
                + " which ends at byte 613; 86 bytes after it are lost");
        assertThat(ev.series()).filteredOn(s -> s.metric().equals("util")).singleElement()
                .satisfies(s -> assertThat(s.size()).isEqualTo(1));
        assertThat(of(ev, "raw/unknown.txt")).singleElement().satisfies(d -> assertThat(d.describe())
                .isEqualTo("ERROR raw/unknown.txt line 1 byte 0: format not recognised (not journal, docker, sysstat, /proc or dmesg output;"
                        + " starts with 'hello'): entry not read"));

        assertThat(ev.events().stream().filter(e -> e.origin().entry().equals("imported/journal-short-small.txt"))).hasSize(12);
        assertThat(ev.sources()).hasSize(9);
    }

    @Test
    void manyBadLinesAreCappedAndCounted() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            sb.append("garbage line ").append(i).append('\n');
        }
        sb.append("Oct 05 15:00:00 web1 app[1]: the one good line\n");
        Evidence ev = TestBundles.ingest(dir, "2025-10-05T14:55:00Z", "2025-10-05T15:10:00Z", List.of(host("web1", "UTC", 0)),
                List.of(new TestBundles.Entry("raw/noisy.txt", "web1", SourceKind.JOURNAL_SHORT, sb.toString().getBytes(StandardCharsets.UTF_8))));
        assertThat(ev.events()).singleElement().satisfies(e -> assertThat(e.message()).isEqualTo("the one good line"));
        assertThat(ev.diagnostics()).hasSize(Collector.MAX_DIAGNOSTICS_PER_ENTRY + 1);
        assertThat(ev.diagnostics().getLast().reason()).startsWith("451 more problems in this entry not listed")
                .endsWith("the first left out is at line 51");
    }

    /** Many broken JSON lines and a long binary-free junk text: linear time, one capped list of problems. */
    @Test
    void manyBrokenJsonLinesDoNotSlowDown() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            sb.append(i % 2 == 0 ? "{\"Type\":\"container\",\"Action\":\"start\",\"Actor\":{\"ID\":\"c" + i + "\"},\"time\":1759676450}\n"
                    : "{\"Type\":\"container\",\"Action\":broken\n");
        }
        long started = System.nanoTime();
        Evidence ev = TestBundles.ingest(dir, null, null, List.of(host("web1", "UTC", 0)),
                List.of(new TestBundles.Entry("raw/events.jsonl", "web1", SourceKind.DOCKER_EVENTS, sb.toString().getBytes(StandardCharsets.UTF_8))));
        assertThat(ev.events()).hasSize(50_000);
        assertThat(ev.diagnostics()).hasSize(Collector.MAX_DIAGNOSTICS_PER_ENTRY + 1);
        assertThat(ev.diagnostics().getFirst().where().line()).isEqualTo(2);
        assertThat(ev.diagnostics().get(1).where().line()).isEqualTo(4);
        assertThat(System.nanoTime() - started).isLessThan(20_000_000_000L);
    }

    /** A big journal with mount lines of 2,000 containers and an inspect of them: linear, not per pair. */
    @Test
    void bigJournalAndManyContainers() throws Exception {
        StringBuilder journal = new StringBuilder();
        StringBuilder inspect = new StringBuilder("[");
        for (int c = 0; c < 2000; c++) {
            inspect.append(c == 0 ? "" : ",").append("{\"Id\":\"").append(String.format("%064x", c + 1))
                    .append("\",\"Name\":\"/c").append(c).append("\",\"State\":{\"Running\":false}}");
        }
        inspect.append("]");
        for (int i = 0; i < 100_000; i++) {
            journal.append(String.format("Oct 05 15:%02d:%02d web1 systemd[1]: run-docker-runtime\\x2drunc-moby-%064x-runc.Ab12Cd.mount: "
                    + "Deactivated successfully.%n", (i / 60) % 60, i % 60, i % 2000 + 1));
        }
        long started = System.nanoTime();
        Evidence ev = TestBundles.ingest(dir, "2025-10-05T00:00:00Z", "2025-10-06T00:00:00Z", List.of(host("web1", "UTC", 0)), List.of(
                new TestBundles.Entry("raw/journal.txt", "web1", SourceKind.JOURNAL_SHORT, journal.toString().getBytes(StandardCharsets.UTF_8)),
                new TestBundles.Entry("raw/inspect.json", "web1", SourceKind.DOCKER_INSPECT, inspect.toString().getBytes(StandardCharsets.UTF_8))));
        assertThat(ev.events()).hasSize(100_000);
        assertThat(ev.containers()).hasSize(2000);
        assertThat(ev.events().getFirst().containerId()).isEqualTo(String.format("%064x", 1));
        assertThat(System.nanoTime() - started).isLessThan(30_000_000_000L);
    }

    private static int indexOfLine(byte[] data, int line) {
        int l = 1;
        for (int i = 0; i < data.length; i++) {
            if (l == line) {
                return i;
            }
            if (data[i] == '\n') {
                l++;
            }
        }
        throw new IllegalArgumentException("no line " + line);
    }

    /** Line numbering as a reader counts it, for junk that happens to hold newlines. */
    static final class TestLines {
        private TestLines() {
        }

        static long lineOf(byte[] data, int offset) {
            long line = 1;
            for (int i = 0; i < offset; i++) {
                if (data[i] == '\n') {
                    line++;
                }
            }
            return line;
        }
    }
}
