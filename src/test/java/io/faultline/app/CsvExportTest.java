package io.faultline.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code export --format csv}: RFC 4180 rows of the events in range, hostile strings made safe; expected files. */
class CsvExportTest {
    private static final Path EXPECTED = Path.of("src/test/resources/export");

    @TempDir
    Path dir;

    @Test
    void hostileStringsAreQuotedAndFormulasDefused() throws Exception {
        Path bundle = dir.resolve("hostile.flcap");
        Cli imported = Cli.run("import", EXPECTED.resolve("hostile-journal.json").toString(), "-o", bundle.toString(), "--zone", "Europe/Berlin");
        assertThat(imported.code()).as(imported.err()).isZero();
        Path out = dir.resolve("events.csv");
        Cli run = Cli.run("export", bundle.toString(), "--format", "csv", "-o", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        byte[] csv = Files.readAllBytes(out);
        assertThat(csv).isEqualTo(Files.readAllBytes(EXPECTED.resolve("hostile-events.csv")));

        List<List<String>> rows = parse(new String(csv, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(rows).hasSize(11).allSatisfy(r -> assertThat(r).hasSize(8));
        assertThat(rows.get(0)).containsExactly("time", "host", "source", "unit", "identifier", "container", "severity", "message");
        assertThat(rows.get(3).get(7)).isEqualTo("first line\nsecond line\r\nthird");
        assertThat(rows.get(4).get(7)).isEqualTo("'=HYPERLINK(\"http://evil.example\",\"click\")");
        assertThat(rows.get(9)).containsExactly("2025-12-03T19:00:12.000000000Z", "web1", "journal-json", "odd,unit.service",
                "'=cmd|\" /C calc\"!A0", "", "CRIT", "unit and identifier are hostile too");
        assertThat(rows.stream().flatMap(List::stream)).noneMatch(f -> !f.isEmpty() && "=+-@\t\r".indexOf(f.charAt(0)) >= 0);
    }

    @Test
    void aRangeOfTheSampleNamesTheContainers() throws Exception {
        Path out = dir.resolve("range.csv");
        Cli run = Cli.run("export", "assets/sample.flcap", "--format", "csv", "--from", "2026-12-03T19:03:50Z", "--to", "2026-12-03T19:04:00Z",
                "-o", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(EXPECTED.resolve("sample-events-190350.csv")));
    }

    /** An RFC 4180 reader, strict: a quote inside an unquoted field or text after a closing quote fails the test. */
    private static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) == '"') {
                i++;
                while (true) {
                    char c = text.charAt(i++);
                    if (c == '"') {
                        if (i < text.length() && text.charAt(i) == '"') {
                            f.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        f.append(c);
                    }
                }
            } else {
                while (i < text.length() && text.charAt(i) != ',' && text.charAt(i) != '\r') {
                    assertThat(text.charAt(i)).as("unquoted field character at " + i).isNotIn('"', '\n');
                    f.append(text.charAt(i++));
                }
            }
            row.add(f.toString());
            f.setLength(0);
            if (text.startsWith("\r\n", i)) {
                rows.add(row);
                row = new ArrayList<>();
                i += 2;
            } else {
                assertThat(text.charAt(i)).as("separator at " + i).isEqualTo(',');
                i++;
            }
        }
        return rows;
    }
}
