package io.faultline.ingest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JournalGeneratorTest {
    @TempDir
    Path dir;

    @Test
    void sameSeedGivesTheSameBytesAndAnotherSeedOthers() throws Exception {
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        Path c = Files.createDirectories(dir.resolve("c"));
        JournalGenerator.Files3 fa = new JournalGenerator(7).write(a, "j", 300_000);
        JournalGenerator.Files3 fb = new JournalGenerator(7).write(b, "j", 300_000);
        JournalGenerator.Files3 fc = new JournalGenerator(8).write(c, "j", 300_000);
        assertThat(sha(fa.json())).isEqualTo(sha(fb.json())).isNotEqualTo(sha(fc.json()));
        assertThat(sha(fa.export())).isEqualTo(sha(fb.export())).isNotEqualTo(sha(fc.export()));
        assertThat(sha(fa.shortText())).isEqualTo(sha(fb.shortText())).isNotEqualTo(sha(fc.shortText()));
        assertThat(Files.size(fa.json())).isGreaterThanOrEqualTo(300_000).isLessThan(302_000);
    }

    @Test
    void aCountOfEntriesGivesExactlyThatManyJsonLinesTheSameAsBySize() throws Exception {
        JournalGenerator.Files3 bySize = new JournalGenerator(7).write(dir, "j", 300_000);
        JournalGenerator.JsonFile byCount = new JournalGenerator(7).writeJsonLines(dir.resolve("n.json"), 123);
        List<String> lines = Files.readAllLines(byCount.path());
        assertThat(lines).hasSize(123);
        assertThat(byCount.entries()).isEqualTo(123);
        assertThat(byCount.bytes()).isEqualTo(Files.size(byCount.path()));
        assertThat(lines).isEqualTo(Files.readAllLines(bySize.json()).subList(0, 123));
        assertThat(byCount.firstMicros()).isEqualTo(bySize.firstMicros());
        assertThat(byCount.lastMicros()).isGreaterThan(byCount.firstMicros());
    }

    @Test
    void theThreeFormatsHoldTheSameEntriesOfAboutOneKilobyte() throws Exception {
        JournalGenerator.Files3 f = new JournalGenerator(3).write(dir, "j", 2_000_000);
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> json = new ArrayList<>();
        for (String line : Files.readAllLines(f.json())) {
            json.add(mapper.readTree(line));
        }
        List<Map<String, String>> export = readExport(Files.readAllBytes(f.export()));
        List<String> shortLines = Files.readAllLines(f.shortText());
        assertThat(json).hasSize((int) f.entries());
        assertThat(export).hasSize((int) f.entries());
        assertThat(shortLines).hasSize((int) f.entries());
        assertThat(Files.size(f.json()) / f.entries()).isBetween(800L, 1300L);
        DateTimeFormatter shortTime = DateTimeFormatter.ofPattern("MMM dd HH:mm:ss", Locale.ENGLISH).withZone(ZoneOffset.UTC);
        int runc = 0;
        int sshd = 0;
        int containers = 0;
        for (int i = 0; i < json.size(); i++) {
            JsonNode j = json.get(i);
            Map<String, String> e = export.get(i);
            List<String> names = new ArrayList<>();
            j.fieldNames().forEachRemaining(names::add);
            assertThat(e.keySet()).containsExactlyElementsOf(names);
            for (String n : names) {
                assertThat(e.get(n)).as("entry %d field %s", i, n).isEqualTo(j.get(n).asText());
            }
            String pid = j.has("_PID") ? "[" + j.get("_PID").asText() + "]" : "";
            long micros = Long.parseLong(j.get("__REALTIME_TIMESTAMP").asText());
            assertThat(shortLines.get(i)).isEqualTo(shortTime.format(Instant.ofEpochSecond(micros / 1_000_000)) + " ubuntu "
                    + j.get("SYSLOG_IDENTIFIER").asText() + pid + ": " + j.get("MESSAGE").asText());
            for (String field : List.of("__CURSOR", "__MONOTONIC_TIMESTAMP", "_BOOT_ID", "_HOSTNAME", "_TRANSPORT", "PRIORITY",
                    "SYSLOG_IDENTIFIER", "_MACHINE_ID", "MESSAGE")) {
                assertThat(j.has(field)).as("entry %d has %s", i, field).isTrue();
            }
            String message = j.get("MESSAGE").asText();
            runc += message.startsWith("run-docker-runtime\\x2drunc-moby-") && message.endsWith(".mount: Deactivated successfully.") ? 1 : 0;
            sshd += "sshd".equals(j.get("SYSLOG_IDENTIFIER").asText()) ? 1 : 0;
            containers += j.has("CONTAINER_NAME") ? 1 : 0;
        }
        double seconds = (f.lastMicros() - f.firstMicros()) / 1e6;
        // four containers, one runc mount line each every 30 s
        assertThat(runc).isBetween((int) (seconds / 30 * 4) - 4, (int) (seconds / 30 * 4) + 4);
        assertThat(sshd).isGreaterThan(json.size() / 5);
        assertThat(containers).isGreaterThan(json.size() / 5);
    }

    /** The export format read independently of the parser under benchmark. */
    private static List<Map<String, String>> readExport(byte[] d) {
        List<Map<String, String>> entries = new ArrayList<>();
        Map<String, String> entry = new LinkedHashMap<>();
        int pos = 0;
        while (pos < d.length) {
            int eol = pos;
            while (d[eol] != '\n') {
                eol++;
            }
            if (eol == pos) {
                entries.add(entry);
                entry = new LinkedHashMap<>();
                pos++;
                continue;
            }
            String line = new String(d, pos, eol - pos, StandardCharsets.UTF_8);
            int eq = line.indexOf('=');
            if (eq >= 0) {
                entry.put(line.substring(0, eq), line.substring(eq + 1));
                pos = eol + 1;
            } else {
                int len = (int) ByteBuffer.wrap(d, eol + 1, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
                entry.put(line, new String(d, eol + 9, len, StandardCharsets.UTF_8));
                pos = eol + 9 + len + 1;
            }
        }
        return entries;
    }

    private static String sha(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }
}
