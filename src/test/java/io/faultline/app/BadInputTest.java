package io.faultline.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Broken files next to a good one: each gets a clear message naming it, and the good one is kept whole. */
class BadInputTest {
    @TempDir
    Path tmp;

    @Test
    void emptyBinaryAndCutJsonAreNamedAndTheRestIsKept() throws Exception {
        Path good = tmp.resolve("good-journal.txt");
        Files.writeString(good, """
                Dec 31 23:59:58 web1 sshd[811]: Failed password for invalid user admin from 192.0.2.7 port 50022 ssh2
                Jan 01 00:00:02 web1 kernel: EXT4-fs warning (device sda1): ext4_end_bio:343: I/O error 10 writing to inode 2
                """, StandardCharsets.UTF_8);
        Path empty = tmp.resolve("empty.json");
        Files.write(empty, new byte[0]);
        Path junk = tmp.resolve("junk.bin");
        byte[] bytes = new byte[4096];
        new Random(7).nextBytes(bytes);
        Files.write(junk, bytes);
        Path cut = tmp.resolve("inspect-cut.json");
        String inspect = """
                [{"Id":"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef","Name":"/web",
                  "Config":{"Healthcheck":{"Test":["CMD","true"],"Interval":30000000000,"Timeout":3000000000,"Retries":3}},
                  "State":{"Health":{"Status":"healthy","Log":[{"Start":"2026-01-01T00:00:00.5Z","End":"2026-01-01T00:00:01Z","ExitCode":0,"Output":"ok"}]}}}]
                """;
        Files.writeString(cut, inspect.substring(0, inspect.length() / 2), StandardCharsets.UTF_8);

        Path bundle = tmp.resolve("bad.flcap");
        Cli imp = Cli.run("import", good.toString(), empty.toString(), junk.toString(), cut.toString(), "--zone", "UTC",
                "--since", "2025-12-31T23:00:00Z", "--until", "2026-01-01T01:00:00Z", "-o", bundle.toString());
        assertThat(imp.err()).contains("empty.json: the file is empty", "junk.bin: format not recognised");
        assertThat(Files.exists(bundle)).isTrue();

        Cli sum = Cli.run("summary", bundle.toString(), "--json");
        assertThat(sum.code()).as(sum.err()).isZero();
        JsonNode summary = sum.json();
        assertThat(summary.path("events").asInt()).isEqualTo(2);
        List<String> messages = new ArrayList<>();
        summary.path("diagnosticMessages").forEach(d -> messages.add(d.asText()));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("empty.json").contains("empty"));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("junk.bin"));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("during import: ").contains("junk.bin"))
                .noneSatisfy(m -> assertThat(m).contains("during capture"));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("inspect-cut.json").containsIgnoringCase("end"));

        Cli text = Cli.run("summary", bundle.toString());
        assertThat(text.out()).contains("diagnostics", "junk.bin", "inspect-cut.json");
        assertThat(text.out() + text.err()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void aFileThatIsNotABundleIsRefusedWithItsName() throws Exception {
        Path notBundle = tmp.resolve("notes.txt");
        Files.writeString(notBundle, "hello");
        Cli sum = Cli.run("summary", notBundle.toString());
        assertThat(sum.code()).isNotZero();
        assertThat(sum.err()).contains("notes.txt", "not a Faultline bundle").doesNotContain("\tat ");
    }

    @Test
    void aTypoCostsNothing() throws Exception {
        Path missing = tmp.resolve("jounral.txt");
        Path out = tmp.resolve("typo.flcap");
        Cli imp = Cli.run("import", missing.toString(), tmp.toString(), "-o", out.toString());
        assertThat(imp.code()).isEqualTo(2);
        assertThat(imp.err()).contains(missing + ": no such file", tmp + ": is a directory");
        assertThat(out).doesNotExist();

        Cli open = Cli.run("open", missing.toString());
        assertThat(open.code()).isEqualTo(2);
        assertThat(open.err()).contains(missing + ": no such file");
    }

    @Test
    void aBundleIsReplacedOnlyWithForce() throws Exception {
        Path log = tmp.resolve("journal.txt");
        Files.writeString(log, "Oct 05 15:00:25 web1 sshd[811]: Failed password for root from 192.0.2.7 port 50022 ssh2\n");
        Path out = tmp.resolve("kept.flcap");
        assertThat(Cli.run("import", log.toString(), "-o", out.toString()).code()).isZero();
        byte[] before = Files.readAllBytes(out);

        Cli again = Cli.run("import", log.toString(), "-o", out.toString());
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains(out + " exists (it may hold notes)", "--force");
        assertThat(Files.readAllBytes(out)).isEqualTo(before);

        assertThat(Cli.run("import", log.toString(), "-o", out.toString(), "--force").code()).isZero();
        Cli capture = Cli.run("capture", "--host", "u@127.0.0.1:1", "--identity", log.toString(), "--known-hosts", log.toString(),
                "--since", "-5m", "-o", out.toString());
        assertThat(capture.code()).isEqualTo(2);
        assertThat(capture.err()).contains(out + " exists");
    }

    @Test
    void aStrayNulByteCostsNoLines() throws Exception {
        String text = """
                Oct 05 15:00:25 web1 sshd[811]: Failed password for root from 192.0.2.7 port 50022 ssh2
                Oct 05 15:00:26 web1 sshd[812]: Failed password for root from 192.0.2.8 port 50023 ssh2
                Oct 05 15:00:27 web1 kernel: EXT4-fs error (device sda1): torn write here
                Oct 05 15:00:28 web1 sshd[813]: error: no more sessions
                Oct 05 15:00:29 web1 sshd[814]: error: no more sessions
                """;
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int nulAt = text.indexOf("torn");
        bytes[nulAt] = 0;
        Path log = tmp.resolve("torn.txt");
        Files.write(log, bytes);
        Path bundle = tmp.resolve("torn.flcap");
        assertThat(Cli.run("import", log.toString(), "--zone", "UTC", "-o", bundle.toString()).code()).isZero();
        JsonNode summary = Cli.run("summary", bundle.toString(), "--json").json();
        assertThat(summary.path("events").asInt()).isEqualTo(5);
        List<String> messages = new ArrayList<>();
        summary.path("diagnosticMessages").forEach(d -> messages.add(d.asText()));
        assertThat(messages).contains("WARNING raw/imported/01-torn.txt line 3 byte " + nulAt
                + ": 1 NUL byte at byte " + nulAt + " (a torn or zero-filled write?): left out, the text around it is read");
    }

    @Test
    void aFileNamedTwiceIsImportedOnce() throws Exception {
        Path log = tmp.resolve("a.txt");
        Files.writeString(log, """
                Oct 05 15:00:25 web1 sshd[811]: Failed password for root from 192.0.2.7 port 50022 ssh2
                Oct 05 15:00:26 web1 sshd[812]: Failed password for root from 192.0.2.8 port 50023 ssh2
                Oct 05 15:00:27 web1 sshd[813]: error: no more sessions
                """);
        Path link = Files.createSymbolicLink(tmp.resolve("link.txt"), log);
        Path other = tmp.resolve("b.txt");
        Files.writeString(other, "Oct 05 15:00:28 web1 sshd[814]: error: no more sessions\n");
        Path bundle = tmp.resolve("twice.flcap");
        Cli imp = Cli.run("import", log.toString(), other.toString(), log.toString(), link.toString(), "--zone", "UTC",
                "-o", bundle.toString());
        assertThat(imp.code()).isZero();
        assertThat(imp.err()).contains(
                "faultline import: " + log + ": the same file as " + log + " (named twice): imported once",
                "faultline import: " + link + ": the same file as " + log + " (named twice): imported once");
        assertThat(imp.out()).contains("(2 of 2 files; 2 named twice, imported once)");
        JsonNode summary = Cli.run("summary", bundle.toString(), "--json").json();
        assertThat(summary.path("events").asInt()).isEqualTo(4);
    }

    @Test
    void aBundleIsOpenedNotImported() throws Exception {
        Path log = tmp.resolve("journal.txt");
        Files.writeString(log, "Oct 05 15:00:25 web1 sshd[811]: Failed password for root from 192.0.2.7 port 50022 ssh2\n");
        Path bundle = tmp.resolve("first.flcap");
        assertThat(Cli.run("import", log.toString(), "-o", bundle.toString()).code()).isZero();
        Path zip = tmp.resolve("logs.zip");
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new java.util.zip.ZipEntry("syslog"));
            z.write("Oct 05 15:00:25 web1 sshd[811]: hello\n".getBytes(StandardCharsets.UTF_8));
        }
        Path out = tmp.resolve("second.flcap");
        Cli imp = Cli.run("import", log.toString(), bundle.toString(), zip.toString(), "-o", out.toString());
        assertThat(imp.code()).isEqualTo(2);
        assertThat(imp.err()).contains(bundle + " is a Faultline bundle: open it (faultline open " + bundle + ") instead of importing it",
                zip + " is a zip archive, not a log: unpack it and import the files inside");
        assertThat(out).doesNotExist();
    }
}
