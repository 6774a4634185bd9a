package io.faultline.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.capture.AnnotationSaver;
import io.faultline.capture.Json;
import io.faultline.capture.Bundle;
import io.faultline.capture.Manifest;
import io.faultline.export.Redaction;
import io.faultline.export.Redactor;
import io.faultline.ingest.Ingestor;
import io.faultline.model.Annotation;
import io.faultline.model.AnnotationLayer;
import io.faultline.model.AnnotationTarget;
import io.faultline.model.CausalLink;
import io.faultline.model.Event;
import io.faultline.model.EventTable;
import io.faultline.model.Evidence;
import io.faultline.model.LinkType;
import io.faultline.model.Span;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proof of issue 6: the seed incident (imported from ../shared/samples/seed-incident, with notes that name its
 * attackers) and the bundled sample, exported with --redact to every text format the command has, carry none of the
 * addresses, user names and host names their raw data holds. The terms are collected from the raw bytes here, by
 * patterns of this test, not by the redactor.
 */
class RedactedExportTest {
    private static final Path SEED = Path.of("../shared/samples/seed-incident");
    private static final Pattern IPV4 = Pattern.compile("(?<![\\d.])(?:\\d{1,3}\\.){3}\\d{1,3}(?![\\d])");
    private static final Pattern IPV6 = Pattern.compile("(?<![\\w:])[0-9a-fA-F]{1,4}(?::[0-9a-fA-F]{0,4}){2,7}(?![\\w:])");
    private static final Pattern USERS = Pattern.compile("(?:Invalid user|for invalid user|for user|Failed password for"
            + "|Accepted \\w+ for|Postponed \\w+ for|Close session: user|command for) ([a-z_][a-z0-9_-]*)(?=[\\s(]|$)"
            + "|User ([a-z_][a-z0-9_-]*) from");
    private static final Pattern SHORT_HOST = Pattern.compile("(?m)^[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d (\\S+) ");
    private static final Pattern JSON_HOSTNAME = Pattern.compile("\"_HOSTNAME\"\\s*:\\s*\"([^\"]+)\"");

    @TempDir
    Path dir;

    /** The seed incident as `faultline import` makes it, with two notes and a link that name its addresses and users. */
    private Path seedBundle() throws IOException {
        Path b = dir.resolve("seed.flcap");
        Cli r = Cli.run("import", SEED.resolve("journal-short.txt").toString(), SEED.resolve("docker-inspect.json").toString(),
                "-o", b.toString(), "--zone", "UTC", "--since", "2025-10-01T00:00:00Z", "--until", "2025-11-01T00:00:00Z");
        assertThat(r.code()).as(r.err()).isZero();
        Evidence ev;
        try (Bundle bundle = Bundle.open(b)) {
            ev = Ingestor.ingest(bundle);
        }
        Event attempt = ev.events().stream().filter(e -> e.message().startsWith("Invalid user pi from")).findFirst().orElseThrow();
        Span run = ev.spans().getFirst();
        AnnotationLayer notes = new AnnotationLayer(AnnotationLayer.CURRENT_VERSION, List.of(
                new Annotation("n-1", new AnnotationTarget.OnEvent(attempt.id(), attempt.timeNanos()),
                        "pi from 198.51.100.23 again, ubuntu answers; see http://[2001:db8::7]:8080/x?token=s3cr3tvalue", List.of("ssh"),
                        "on-call", attempt.timeNanos(), attempt.timeNanos()),
                new Annotation("n-2", new AnnotationTarget.OnSpan(run.id(), run.startNanos(), run.endNanos()),
                        "probe on ubuntu while 203.0.113.10 knocks", List.of(), "on-call", run.startNanos(), run.startNanos())),
                List.of(new CausalLink("l-1", "n-1", "n-2", LinkType.PRECEDES, "192.0.2.75 first, then pi")));
        AnnotationSaver.save(b, notes);
        return b;
    }

    /** Addresses, user names and host names in the raw entries and notes of the bundle, and the hosts of its manifest. */
    private static Set<String> sensitive(Path bundle) throws IOException {
        Set<String> terms = new TreeSet<>();
        try (Bundle b = Bundle.open(bundle)) {
            for (Manifest.Host h : b.manifest().hosts()) {
                terms.add(h.name());
            }
            StringBuilder all = new StringBuilder();
            for (Manifest.Entry e : b.manifest().entries()) {
                all.append(new String(b.readEntry(e.path()), StandardCharsets.UTF_8)).append('\n');
            }
            for (Annotation a : b.annotations().annotations()) {
                all.append(a.note()).append('\n');
            }
            for (CausalLink l : b.annotations().links()) {
                all.append(l.note()).append('\n');
            }
            String text = all.toString();
            collect(IPV4, text, terms);
            Set<String> v6 = new TreeSet<>();
            collect(IPV6, text, v6);
            // times (15:00:25) look like groups too: an address is compressed (::) or has eight groups
            v6.stream().filter(a -> a.contains("::") || a.chars().filter(c -> c == ':').count() == 7).forEach(terms::add);
            collect(USERS, text, terms);
            collect(SHORT_HOST, text, terms);
            collect(JSON_HOSTNAME, text, terms);
        }
        // documented as kept: system accounts name no one; "imported" is the host Faultline gives files
        terms.removeAll(Redactor.SYSTEM_ACCOUNTS);
        terms.remove("imported");
        return terms;
    }

    private static void collect(Pattern p, String text, Set<String> into) {
        Matcher m = p.matcher(text);
        while (m.find()) {
            String found = m.group();
            for (int g = 1; g <= m.groupCount(); g++) {
                if (m.group(g) != null) {
                    found = m.group(g);
                }
            }
            into.add(found);
        }
    }

    /** Where {@code term} stands as a whole word of {@code text} (as the redactor matches), or -1. */
    private static int find(String text, String term) {
        Matcher m = Pattern.compile("(?<![\\p{L}\\p{N}_-])" + Pattern.quote(term) + "(?![\\p{L}\\p{N}_-])").matcher(text);
        return m.find() ? m.start() : -1;
    }

    /** The exported file's text without the static script and style every HTML export carries alike (no data in them). */
    private static String data(Path file) throws IOException {
        String text = Files.readString(file);
        for (String static_ : List.of("timeline.css", "timeline.js")) {
            try (InputStream in = RedactedExportTest.class.getResourceAsStream("/io/faultline/export/" + static_)) {
                text = text.replace(new String(in.readAllBytes(), StandardCharsets.UTF_8), "");
            }
        }
        return text;
    }

    private void assertRedactedInEveryTextFormat(Path bundle, Set<String> mustHave) throws IOException {
        Set<String> terms = sensitive(bundle);
        assertThat(terms).as("addresses, users and hosts in the raw data").containsAll(mustHave);
        List<ExportCommand.Format> text = new ArrayList<>();
        for (ExportCommand.Format f : ExportCommand.Format.values()) {
            if (f.text()) {
                text.add(f);
            }
        }
        assertThat(text).contains(ExportCommand.Format.html, ExportCommand.Format.json);
        for (ExportCommand.Format f : text) {
            Path out = dir.resolve(bundle.getFileName() + "-redacted." + f);
            Cli r = Cli.run("export", bundle.toString(), "--format", f.name(), "--redact", "-o", out.toString());
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("redacted ");
            String content = data(out);
            for (String term : terms) {
                int at = find(content, term);
                assertThat(at).as("%s in the %s export: ...%s...", term, f,
                        at < 0 ? "" : content.substring(Math.max(0, at - 80), Math.min(content.length(), at + 80))).isEqualTo(-1);
            }
        }
        // the same export without redaction carries them: the check above can fail
        Path plain = dir.resolve(bundle.getFileName() + "-plain.json");
        assertThat(Cli.run("export", bundle.toString(), "--format", "json", "--no-redact", "-o", plain.toString()).code()).isZero();
        String content = data(plain);
        assertThat(mustHave).allSatisfy(t -> assertThat(find(content, t)).as(t).isNotNegative());
    }

    @Test
    void seedIncidentExportsCarryNoneOfItsAddressesUsersOrHosts() throws IOException {
        assertRedactedInEveryTextFormat(seedBundle(), Set.of("198.51.100.23", "203.0.113.10", "192.0.2.75", "2001:db8::7",
                "pi", "ubuntu"));
    }

    @Test
    void bundledSampleExportsCarryNoneOfItsAddressesUsersOrHosts() throws IOException {
        assertRedactedInEveryTextFormat(Path.of("assets", "sample.flcap"), Set.of("127.0.0.1", "faultline", "vm", "admin", "oracle"));
        // ids are redacted alike in events, spans and the notes that point at them: every note still finds its target
        JsonNode doc = Json.mapper().readTree(dir.resolve("sample.flcap-redacted.json").toFile());
        Set<String> ids = new TreeSet<>();
        doc.path("events").forEach(e -> ids.add(e.path("id").asText()));
        doc.path("spans").forEach(e -> ids.add(e.path("id").asText()));
        List<String> targets = new ArrayList<>();
        doc.path("annotations").forEach(a -> {
            JsonNode t = a.path("target");
            if (t.has("eventId") || t.has("spanId")) {
                targets.add(t.has("eventId") ? t.path("eventId").asText() : t.path("spanId").asText());
            }
        });
        assertThat(targets).hasSize(2).allSatisfy(t -> assertThat(ids).contains(t));
        assertThat(targets.getFirst()).isEqualTo("raw/ip-1/journal.json:193");
    }

    @Test
    void thePngIsDrawnFromRedactedViewData() throws IOException {
        Path bundle = seedBundle();
        Set<String> terms = sensitive(bundle);
        Evidence ev;
        AnnotationLayer ann;
        Redaction r;
        try (Bundle b = Bundle.open(bundle)) {
            Evidence raw = Ingestor.ingest(b);
            Redactor.Known known = Redactor.Known.of(b);
            // docker's Config.User is known; its Config.Hostname is docker's default (the short id), not a chosen name
            assertThat(known.users()).contains("webpuser");
            assertThat(known.hosts()).doesNotContain("e8963ebd088b");
            r = Redactor.propose(raw, b.annotations(), "seed.flcap", known, List.of());
            ev = r.apply(raw);
            ann = r.apply(b.annotations());
        }
        // what the panes read: the table's columns and messages, spans, containers, notes
        List<String> shown = new ArrayList<>();
        EventTable t = (EventTable) ev.events();
        for (int i = 0; i < t.size(); i++) {
            shown.add(t.message(i));
            shown.add(t.get(i).fields().toString());
        }
        for (EventTable.Column c : EventTable.Column.values()) {
            for (String v : t.dictionary(c)) {
                shown.add(String.valueOf(v));
            }
        }
        ev.spans().forEach(s -> shown.add(s.id() + " " + s.host() + " " + s.output()));
        ev.containers().forEach(c -> shown.add(c.label() + " " + c.host() + " " + c.healthcheck()));
        ev.hosts().forEach(h -> shown.add(h.name()));
        ann.annotations().forEach(a -> shown.add(a.note()));
        ann.links().forEach(l -> shown.add(l.note()));
        String all = String.join("\n", shown);
        for (String term : terms) {
            assertThat(find(all, term)).as(term).isEqualTo(-1);
        }
        assertThat(all).contains(r.placeholder("198.51.100.23") + " again, " + r.placeholder("ubuntu") + " answers");

        Path png = dir.resolve("seed.png");
        Cli out = Cli.run("export", bundle.toString(), "--format", "png", "--redact", "-o", png.toString());
        assertThat(out.code()).as(out.err()).isZero();
        assertThat(Files.size(png)).isPositive();
    }
}
