package io.faultline.export;

import io.faultline.model.Annotation;
import io.faultline.model.AnnotationLayer;
import io.faultline.model.AnnotationTarget;
import io.faultline.model.CausalLink;
import io.faultline.model.Container;
import io.faultline.model.Event;
import io.faultline.model.EventTable;
import io.faultline.model.Evidence;
import io.faultline.model.Healthcheck;
import io.faultline.model.HostInfo;
import io.faultline.model.LinkType;
import io.faultline.model.Severity;
import io.faultline.model.SourceRef;
import io.faultline.model.TimeWindow;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** What the redactor finds, the placeholders it gives, and the texts it replaces them in. */
class RedactorTest {
    private static final long T0 = 1_700_000_000_000_000_000L;

    private static Event event(int n, String host, String message, Map<String, String> fields) {
        return new Event("raw/" + host + "/journal.json:" + n, T0 + n * 1_000_000_000L, "", host, "journal-json", "ssh.service",
                "sshd", Severity.INFO, message, null, false, fields, new SourceRef("raw/" + host + "/journal.json", n, n * 100L));
    }

    private static Evidence evidence(List<Event> events, List<Container> containers) {
        return new Evidence(new TimeWindow(T0, T0 + 1_000_000_000_000L), List.of(new HostInfo("db1.corp.example.com", "UTC", 0, 0)),
                events, List.of(), List.of(), containers, List.of(), List.of());
    }

    private static AnnotationLayer notes(String... notes) {
        List<Annotation> a = new ArrayList<>();
        for (int i = 0; i < notes.length; i++) {
            a.add(new Annotation("n-" + (i + 1), new AnnotationTarget.OnRange(T0, T0 + 1), notes[i], List.of(), "me", T0, T0));
        }
        return new AnnotationLayer(1, a, List.of());
    }

    private static Map<String, String> table(Redaction r) {
        return r.terms().stream().collect(Collectors.toMap(Redaction.Term::original, Redaction.Term::placeholder,
                (a, b) -> a, LinkedHashMap::new));
    }

    @Test
    void findsTheSshdStoryAndReplacesItConsistently() {
        List<Event> events = List.of(
                event(1, "db1", "Invalid user pi from 198.51.100.23 port 36242", Map.of()),
                event(2, "db1", "Failed password for invalid user pi from 198.51.100.23 port 36242 ssh2", Map.of()),
                event(3, "db1", "Failed password for alice from 2001:db8::7 port 22 ssh2", Map.of()),
                event(4, "db1", "Accepted publickey for bob from 203.0.113.9 port 5022 ssh2: ED25519 SHA256:x", Map.of()),
                event(5, "db1", "pam_unix(sshd:session): session opened for user carol(uid=1002) by (uid=0)", Map.of()),
                event(6, "db1", "Connection closed by invalid user dave 192.0.2.1 port 4 [preauth]", Map.of()),
                event(7, "db1", "sudo: ops : TTY=pts/0 ; PWD=/home/ops ; USER=root ; COMMAND=/bin/ls", Map.of()),
                event(8, "db1", "pam_unix(sudo:session): session opened for user root(uid=0) by ops(uid=1000)", Map.of()),
                event(9, "db1", "GET from [2001:db8::7]:443 and 198.51.100.23:8080", Map.of("_HOSTNAME", "db1", "_UID", "1002")));
        Evidence ev = evidence(events, List.of());
        Redaction r = Redactor.propose(ev, AnnotationLayer.empty(), "db1 freeze", Redactor.Known.none(), List.of());

        assertThat(table(r)).containsEntry("198.51.100.23", "ip-1").containsEntry("2001:db8::7", "ip-2")
                .containsEntry("203.0.113.9", "ip-3").containsEntry("192.0.2.1", "ip-4")
                .containsEntry("pi", "user-1").containsEntry("alice", "user-2").containsEntry("bob", "user-3")
                .containsEntry("carol", "user-4").containsEntry("dave", "user-5")
                .containsEntry("db1.corp.example.com", "host-1").containsEntry("db1", "host-2")
                .doesNotContainKeys("root", "1002", "ssh2", "ED25519", "corp.example.com");
        assertThat(r.terms()).filteredOn(t -> t.original().equals("198.51.100.23")).singleElement()
                .extracting(Redaction.Term::count).isEqualTo(3L);

        Evidence red = r.apply(ev);
        List<String> messages = red.events().stream().map(Event::message).toList();
        assertThat(messages).containsExactly(
                "Invalid user user-1 from ip-1 port 36242",
                "Failed password for invalid user user-1 from ip-1 port 36242 ssh2",
                "Failed password for user-2 from ip-2 port 22 ssh2",
                "Accepted publickey for user-3 from ip-3 port 5022 ssh2: ED25519 SHA256:x",
                "pam_unix(sshd:session): session opened for user user-4(uid=1002) by (uid=0)",
                "Connection closed by invalid user user-5 ip-4 port 4 [preauth]",
                "sudo: user-6 : TTY=pts/0 ; PWD=/home/user-6 ; USER=root ; COMMAND=/bin/ls",
                "pam_unix(sudo:session): session opened for user root(uid=0) by user-6(uid=1000)",
                "GET from [ip-2]:443 and ip-1:8080");
        Event last = red.events().getLast();
        assertThat(last.host()).isEqualTo("host-2");
        assertThat(last.id()).isEqualTo("raw/host-2/journal.json:9");
        assertThat(last.origin().entry()).isEqualTo("raw/host-2/journal.json");
        assertThat(last.fields()).containsEntry("_HOSTNAME", "host-2").containsEntry("_UID", "1002");
        assertThat(red.hosts().getFirst().name()).isEqualTo("host-1");
        // the table of a redacted copy answers by the same columns the window reads
        EventTable t = (EventTable) red.events();
        assertThat(t.message(0)).isEqualTo("Invalid user user-1 from ip-1 port 36242");
        assertThat(t.dictionary(EventTable.Column.HOST)).contains("host-2").doesNotContain("db1");
        assertThat(t.indexOf("raw/host-2/journal.json:9")).isEqualTo(8);
    }

    @Test
    void findsSecretsInCommandsUrlsAndTheInspectEnv() {
        Container c = new Container("9d99804d5432aaaa", "api", "db1", "registry.corp.example.com/team/api:1",
                new Healthcheck(List.of("CMD-SHELL", "mysqladmin ping -u monitor -pS3cr3tPw && curl -fsS -H 'Authorization: Bearer eyJhbGciOi.x_y'"
                        + " 'https://svc:hunter22@10.1.2.3:8443/health?token=abcdef123&x=1' --password=Pa55word!"), 30_000_000_000L, 3_000_000_000L, 3, 0),
                "no", 0, "healthy", null);
        Evidence ev = evidence(List.of(
                event(1, "db1", "connecting with DB_PASSWORD=topsecret42 to mail ops@corp.example.com", Map.of()),
                event(2, "db1", "key ecdsa-sha2-nistp256-cert-v01@openssh.com offered; sk=$TOKEN", Map.of())), List.of(c));
        Redactor.Known known = new Redactor.Known(List.of("web-7"), List.of("webpuser"), List.of("env-only-s3cret"));
        AnnotationLayer notes = notes("the probe of web-7 logs in as webpuser with env-only-s3cret");
        Redaction r = Redactor.propose(ev, notes, "t", known, List.of());
        Map<String, String> table = table(r);

        assertThat(table).containsKeys("S3cr3tPw", "eyJhbGciOi.x_y", "hunter22", "abcdef123", "Pa55word!", "topsecret42",
                "env-only-s3cret", "svc", "10.1.2.3", "ops@corp.example.com", "registry.corp.example.com", "web-7", "webpuser");
        assertThat(table.get("hunter22")).startsWith("secret-");
        assertThat(table.get("ops@corp.example.com")).isEqualTo("email-1");
        assertThat(table).doesNotContainKeys("ecdsa-sha2-nistp256-cert-v01@openssh.com", "$TOKEN", "monitor");
        String test = r.apply(ev).containers().getFirst().healthcheck().test().get(1);
        assertThat(test).doesNotContain("S3cr3tPw", "eyJhbGciOi", "hunter22", "abcdef123", "Pa55word", "10.1.2.3")
                .contains("-u monitor -p" + table.get("S3cr3tPw"))
                .contains("https://" + table.get("svc") + ":" + table.get("hunter22") + "@" + table.get("10.1.2.3") + ":8443/health?token=");
        assertThat(r.apply(ev).containers().getFirst().image()).isEqualTo(table.get("registry.corp.example.com") + "/team/api:1");
        assertThat(r.apply(notes).annotations().getFirst().note())
                .isEqualTo("the probe of " + table.get("web-7") + " logs in as " + table.get("webpuser") + " with " + table.get("env-only-s3cret"));
    }

    @Test
    void overlappingTermsTheLongestWinsAndWordsAreNotCut() {
        Evidence ev = evidence(List.of(
                event(1, "db1", "Failed password for al from 10.0.0.1 port 1 ssh2", Map.of()),
                event(2, "db1", "mail al@example.org about 10.0.0.12 and 10.0.0.1.", Map.of())), List.of());
        AnnotationLayer notes = notes("al, pal, al-x, al@example.org: see http://[fe80::1:2]:8080/al?from=10.0.0.1");
        Redaction r = Redactor.propose(ev, notes, "t", Redactor.Known.none(), List.of());
        assertThat(table(r)).containsEntry("10.0.0.1", "ip-1").containsEntry("al", "user-1")
                .containsEntry("al@example.org", "email-1").containsEntry("10.0.0.12", "ip-2").containsEntry("fe80::1:2", "ip-3");
        assertThat(r.apply(ev).events().get(1).message()).isEqualTo("mail email-1 about ip-2 and ip-1.");
        assertThat(r.apply(notes).annotations().getFirst().note())
                .isEqualTo("user-1, pal, al-x, email-1: see http://[ip-3]:8080/user-1?from=ip-1");
    }

    @Test
    void placeholdersNeverEqualAWordOfTheData() {
        Evidence ev = evidence(List.of(event(1, "db1", "Invalid user ip-1 from 192.0.2.7 port 2; see user-1 and host-2", Map.of())),
                List.of());
        Redaction r = Redactor.propose(ev, AnnotationLayer.empty(), "t", Redactor.Known.none(), List.of("Project Falcon"));
        Map<String, String> table = table(r);
        assertThat(table.get("192.0.2.7")).isEqualTo("ip-2");
        assertThat(table.get("ip-1")).isEqualTo("user-2");
        assertThat(table.get("Project Falcon")).isEqualTo("term-1");
        assertThat(table.get("db1.corp.example.com")).isEqualTo("host-1");
        assertThat(table.get("db1")).isEqualTo("host-3");
        assertThat(r.taken()).contains("ip-1", "user-1", "host-2");
        assertThat(r.apply(ev).events().getFirst().message()).isEqualTo("Invalid user user-2 from ip-2 port 2; see user-1 and host-2");
    }

    @Test
    void userEditsKeepNumbersAndAddOwnTerms() {
        Evidence ev = evidence(List.of(event(1, "db1", "Invalid user pi from 192.0.2.7 port 2", Map.of())), List.of());
        AnnotationLayer notes = notes("Falcon team saw pi at 192.0.2.7", "Falcon again");
        Redaction r = Redactor.propose(ev, notes, "t", Redactor.Known.none(), List.of());
        Redaction edited = r.without("pi").with("  Falcon ").with("Falcon").with(" ");
        assertThat(table(edited)).doesNotContainKey("pi").containsEntry("192.0.2.7", "ip-1").containsEntry("Falcon", "term-1");
        assertThat(edited.terms()).filteredOn(t -> t.original().equals("Falcon")).singleElement()
                .extracting(Redaction.Term::count).isEqualTo(-1L);
        assertThat(edited.apply(notes).annotations().getFirst().note()).isEqualTo("term-1 team saw pi at ip-1");
        List<CausalLink> links = List.of(new CausalLink("l-1", "n-1", "n-2", LinkType.CAUSES, "Falcon via 192.0.2.7"));
        assertThat(edited.apply(new AnnotationLayer(1, notes.annotations(), links)).links().getFirst().note())
                .isEqualTo("term-1 via ip-1");
    }

    @Test
    void exportersApplyTheOptionsRedactionOnce() throws Exception {
        Evidence ev = evidence(List.of(event(1, "db1", "Invalid user pi from 192.0.2.7 port 2", Map.of())), List.of());
        AnnotationLayer notes = notes("pi again from 192.0.2.7");
        Redaction r = Redactor.propose(ev, notes, "db1 report", Redactor.Known.none(), List.of());
        ExportOptions o = new ExportOptions(null, "db1 report").withRedaction(r);
        assertThat(o.redact()).isTrue();
        assertThat(ExportOptions.whole().redact()).isFalse();
        var json = new java.io.ByteArrayOutputStream();
        JsonExporter.export(ev, notes, o, json);
        var html = new java.io.ByteArrayOutputStream();
        HtmlExporter.export(ev, notes, o, html);
        for (String out : List.of(json.toString(java.nio.charset.StandardCharsets.UTF_8), html.toString(java.nio.charset.StandardCharsets.UTF_8))) {
            assertThat(out).doesNotContain("192.0.2.7", "db1", "Invalid user pi ").contains("Invalid user user-1 from ip-1 port 2",
                    "user-1 again from ip-1", "host-2 report");
        }
        // what an exporter is handed carries no redaction any more: a second application changes nothing
        Redaction.Redacted once = Redaction.of(ev, notes, o);
        assertThat(once.options().redact()).isFalse();
        Redaction.Redacted twice = Redaction.of(once.evidence(), once.annotations(), once.options().withRedaction(r));
        assertThat(twice.evidence().events().getFirst()).isEqualTo(once.evidence().events().getFirst());
        assertThat(twice.annotations()).isEqualTo(once.annotations());
    }

    @Test
    void hostileInputsStayLinear() {
        // 100 000 distinct addresses, each in its own line, and a 4 MB line holding all of them
        int n = 100_000;
        List<Event> events = new ArrayList<>(n);
        StringBuilder huge = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String ip = "10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255);
            events.add(event(i + 1, "db1", "Failed password for invalid user u" + (i % 1000) + " from " + ip + " port 22 ssh2", Map.of()));
            huge.append(ip).append(i % 7 == 0 ? "," : " ");
        }
        AnnotationLayer notes = notes(huge.toString());
        Evidence ev = evidence(events, List.of());
        long start = System.nanoTime();
        Redaction r = Redactor.propose(ev, notes, "t", Redactor.Known.none(), List.of());
        Evidence red = r.apply(ev);
        String note = r.apply(notes).annotations().getFirst().note();
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(r.terms()).filteredOn(t -> t.kind() == Redaction.Kind.IP).hasSize(n);
        assertThat(r.terms()).filteredOn(t -> t.kind() == Redaction.Kind.USER).hasSize(1000);
        assertThat(red.events().getLast().message()).isEqualTo("Failed password for invalid user user-1000 from ip-100000 port 22 ssh2");
        assertThat(note).startsWith("ip-1,ip-2 ip-3 ").doesNotContain("10.");
        assertThat(ms).as("100 000 events and a 1.4 MB line, ms").isLessThan(60_000);
    }
}
