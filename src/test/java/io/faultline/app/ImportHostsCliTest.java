package io.faultline.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.capture.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** An import whose lines name several hosts, through summary, events and the HTML export; --host-name overrides them. */
class ImportHostsCliTest {
    private static final Path FIXTURES = Path.of("src/test/resources/ingest");

    @TempDir
    Path tmp;

    private Path imported(String... extra) throws Exception {
        Path bundle = tmp.resolve("hosts-" + System.nanoTime() + ".flcap");
        List<String> args = new ArrayList<>(List.of("import", FIXTURES.resolve("syslog-hosts.log").toString(),
                FIXTURES.resolve("dmesg-traces.txt").toString(), "--zone", "Asia/Shanghai", "-o", bundle.toString()));
        args.addAll(List.of(extra));
        Cli imp = Cli.run(args.toArray(String[]::new));
        assertThat(imp.code()).as(imp.err()).isZero();
        return bundle;
    }

    @Test
    void everyNamedHostIsListedWithTheImportZone() throws Exception {
        Path bundle = imported();
        Cli summary = Cli.run("summary", bundle.toString(), "--json");
        assertThat(summary.code()).as(summary.err()).isZero();
        JsonNode hosts = summary.json().path("hosts");
        Set<String> names = new TreeSet<>();
        hosts.forEach(h -> {
            names.add(h.path("name").asText());
            assertThat(h.path("zone").asText()).isEqualTo("Asia/Shanghai");
        });
        assertThat(names).containsExactly("db1", "db2", "imported");
        Cli text = Cli.run("summary", bundle.toString());
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains("host     db1  zone Asia/Shanghai", "host     db2  zone Asia/Shanghai", "host     imported");

        Cli events = Cli.run("events", bundle.toString(), "--jsonl");
        assertThat(events.code()).as(events.err()).isZero();
        Set<String> eventHosts = new TreeSet<>();
        for (String l : events.out().split("\n")) {
            eventHosts.add(Json.mapper().readTree(l).path("host").asText());
        }
        assertThat(eventHosts).containsExactly("db1", "db2", "imported");

        Path html = tmp.resolve("report.html");
        Cli export = Cli.run("export", bundle.toString(), "--format", "html", "--no-redact", "-o", html.toString());
        assertThat(export.code()).as(export.err()).isZero();
        assertThat(Files.readString(html)).contains("\"db1\"", "\"db2\"", "\"imported\"");
    }

    @Test
    void hostNameOverridesTheLines() throws Exception {
        Cli summary = Cli.run("summary", imported("--host-name", "box").toString(), "--json");
        assertThat(summary.code()).as(summary.err()).isZero();
        assertThat(summary.json().path("hosts")).extracting(h -> h.path("name").asText()).containsExactly("box");
    }
}
