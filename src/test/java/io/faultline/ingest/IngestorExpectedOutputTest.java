package io.faultline.ingest;

import io.faultline.capture.SourceKind;
import io.faultline.model.Evidence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.faultline.ingest.TestBundles.entry;
import static io.faultline.ingest.TestBundles.host;

/** Fixture bundles ingested and compared field by field with expected/*.json. */
class IngestorExpectedOutputTest {
    @TempDir
    Path dir;

    /** One host in Europe/Berlin whose clock runs 2 s ahead, every kind of source. */
    @Test
    void oneHostEveryKind() throws Exception {
        Evidence ev = TestBundles.ingest(dir, "2025-10-05T14:55:00Z", "2025-10-05T15:10:00Z",
                List.of(host("web1", "Europe/Berlin", 2000)), List.of(
                        entry("journal-short-small.txt", "web1", SourceKind.JOURNAL_SHORT),
                        entry("journal.jsonl", "web1", SourceKind.JOURNAL_JSON),
                        entry("journal-pretty.json", "web1", SourceKind.JOURNAL_JSON),
                        entry("inspect.json", "web1", SourceKind.DOCKER_INSPECT),
                        entry("events.jsonl", "web1", SourceKind.DOCKER_EVENTS),
                        entry("ps.jsonl", "web1", SourceKind.DOCKER_PS),
                        entry("sadf-comma.json", "web1", SourceKind.SADF_JSON)));
        EvidenceJson.assertMatches(ev, "one-host-every-kind");
    }

    /** Real sadf -j output of sysstat 12.6 (with and without -p), no zone in the manifest. */
    @Test
    void realSadf() throws Exception {
        Evidence ev = TestBundles.ingest(dir, "2026-12-03T18:36:00Z", "2026-12-03T18:40:00Z",
                List.of(host("vm", null, 0)), List.of(
                        entry("sadf-d-real.json", "vm", SourceKind.SADF_JSON),
                        entry("sadf-dp-real.json", "vm", SourceKind.SADF_JSON)));
        EvidenceJson.assertMatches(ev, "sadf-real");
    }

    /** Only .State.Health from inspect plus the ps table, kinds left to detection, no window. */
    @Test
    void healthOnlyAndPsTableDetected() throws Exception {
        Evidence ev = TestBundles.ingest(dir, null, null, List.of(host("web2", "+08:00", -1500)), List.of(
                entry("inspect-health-only.json", "web2", SourceKind.UNKNOWN),
                entry("ps-table.txt", "web2", SourceKind.UNKNOWN)));
        EvidenceJson.assertMatches(ev, "health-only-ps-table");
    }

    /** A December line in a window that ends in January belongs to the previous year. */
    @Test
    void decemberToJanuary() throws Exception {
        Evidence ev = TestBundles.ingest(dir, "2025-12-31T23:00:00Z", "2026-01-01T01:00:00Z",
                List.of(host("edge", "UTC", 0)), List.of(entry("journal-short-rollover.txt", "edge", SourceKind.JOURNAL_SHORT)));
        EvidenceJson.assertMatches(ev, "rollover");
    }
}
