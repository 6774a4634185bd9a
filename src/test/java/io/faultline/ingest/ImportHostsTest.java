package io.faultline.ingest;

import io.faultline.capture.Bundle;
import io.faultline.model.Event;
import io.faultline.model.Evidence;
import io.faultline.model.HostInfo;
import io.faultline.model.Series;
import io.faultline.model.SourceStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Imported files: lines that name their host (journal short and JSON {@code _HOSTNAME}, syslog, sar header, sadf
 * {@code nodename}) go under it, in the import's zone; the rest under "imported". A host name given by the user is
 * every line's.
 */
class ImportHostsTest {
    private static final List<String> FILES = List.of("journal-short-small.txt", "journal.jsonl", "syslog-hosts.log", "syslog-5424.log",
            "sar-d-real.txt", "sadf-d-real.json", "dmesg-traces.txt");

    @TempDir
    Path dir;

    private Evidence importAndIngest(String hostName) throws Exception {
        List<Path> files = FILES.stream().map(TestBundles.FIXTURES::resolve).toList();
        Path bundle = dir.resolve("import-" + System.nanoTime() + ".flcap");
        FileImporter.importFiles(new FileImporter.Request(files, hostName, "Europe/Berlin", null, null, Map.of()), bundle, "faultline-test");
        try (Bundle b = Bundle.open(bundle)) {
            return Ingestor.ingest(b);
        }
    }

    @Test
    void linesNameTheirHosts() throws Exception {
        Evidence ev = importAndIngest(null);
        EvidenceJson.assertMatches(ev, "import-hosts");
        assertThat(ev.hosts()).extracting(HostInfo::name).containsExactlyInAnyOrder("imported", "web1", "db1", "db2", "vm",
                "mymachine.example.com", "192.0.2.1");
        assertThat(ev.hosts()).extracting(HostInfo::zone).containsOnly("Europe/Berlin");
        assertThat(ev.events()).filteredOn(e -> e.source().equals("dmesg")).extracting(Event::host).containsOnly("imported");
        assertThat(ev.events()).filteredOn(e -> e.origin().entry().endsWith("syslog-hosts.log")).extracting(Event::host)
                .containsExactly("db1", "db2", "db1");
        assertThat(ev.events()).filteredOn(e -> e.origin().entry().endsWith("journal-short-small.txt")).extracting(Event::host)
                .containsOnly("web1");
        assertThat(ev.events()).filteredOn(e -> e.origin().entry().endsWith("journal.jsonl"))
                .allSatisfy(e -> assertThat(e.host()).isEqualTo(e.fields().getOrDefault("_HOSTNAME", "imported")));
        assertThat(ev.series()).extracting(Series::host).containsOnly("vm");
        assertThat(ev.sources()).filteredOn(s -> s.entry().endsWith("syslog-hosts.log")).extracting(SourceStats::host)
                .containsExactly("db1, db2");
    }

    @Test
    void aHostNameGivenIsEveryLines() throws Exception {
        Evidence ev = importAndIngest("box");
        assertThat(ev.hosts()).extracting(HostInfo::name).containsExactly("box");
        assertThat(ev.events()).extracting(Event::host).containsOnly("box");
        assertThat(ev.series()).extracting(Series::host).containsOnly("box");
    }

    @Test
    void anImportWhoseLinesAllNameAHostListsNoEmptyImportedHost() throws Exception {
        Path bundle = dir.resolve("journal-only.flcap");
        FileImporter.importFiles(new FileImporter.Request(List.of(TestBundles.FIXTURES.resolve("journal-short-small.txt")), null, "UTC", null, null,
                Map.of()), bundle, "faultline-test");
        try (Bundle b = Bundle.open(bundle)) {
            assertThat(Ingestor.ingest(b).hosts()).extracting(HostInfo::name).containsExactly("web1");
        }
    }
}
