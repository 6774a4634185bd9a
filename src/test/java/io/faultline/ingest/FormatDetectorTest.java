package io.faultline.ingest;

import io.faultline.capture.SourceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class FormatDetectorTest {
    @ParameterizedTest
    @CsvSource({
            "journal-short-small.txt, JOURNAL_SHORT",
            "journal-short-rollover.txt, JOURNAL_SHORT",
            "journal.jsonl, JOURNAL_JSON",
            "journal-pretty.json, JOURNAL_JSON",
            "inspect.json, DOCKER_INSPECT",
            "inspect-health-only.json, DOCKER_INSPECT",
            "events.jsonl, DOCKER_EVENTS",
            "ps.jsonl, DOCKER_PS",
            "ps-table.txt, DOCKER_PS",
            "sadf-d-real.json, SADF_JSON",
            "sadf-dp-real.json, SADF_JSON",
            "sadf-comma.json, SADF_JSON",
            "sar-d-real.txt, SAR_TEXT",
            "sar-dp-real.txt, SAR_TEXT",
            "sar-bqur-real.txt, SAR_TEXT",
            "sar-d-v10-12h.txt, SAR_TEXT",
            "sar-d-de.txt, SAR_TEXT",
            "iostat-x-t-real.txt, IOSTAT_TEXT",
            "iostat-x-iso-real.txt, IOSTAT_TEXT",
            "iostat-x-v10.txt, IOSTAT_TEXT",
            "iostat-x-t-real.json, IOSTAT_JSON",
            "iostat-cut-stray.json, IOSTAT_JSON",
            "diskstats-real.txt, DISKSTATS",
            "diskstats-old.txt, DISKSTATS",
            "diskstats-18.txt, DISKSTATS",
            "pressure-io-real.txt, PRESSURE_IO",
            "pressure-io-reboot.txt, PRESSURE_IO",
            "dmesg-raw-btime-real.txt, DMESG",
            "dmesg-T-real.txt, DMESG",
            "dmesg-iso-real.txt, DMESG",
            "dmesg-x-real.txt, DMESG",
            "dmesg-traces.txt, DMESG",
    })
    void detectsByContentWhateverTheName(String fixture, SourceKind kind) throws Exception {
        byte[] bytes = TestBundles.fixture(fixture);
        assertThat(FormatDetector.detect(fixture, bytes)).isEqualTo(kind);
        assertThat(FormatDetector.detect("upload.bin", bytes)).as("name is only a hint").isEqualTo(kind);
        // A head cut anywhere (here after 300 bytes) still tells the format.
        assertThat(FormatDetector.detect("x", Arrays.copyOf(bytes, Math.min(bytes.length, 300)))).isEqualTo(kind);
    }

    @Test
    void aMisleadingNameDoesNotMakeAFormat() throws Exception {
        assertThat(FormatDetector.detect("docker-inspect.json", TestBundles.fixture("journal-short-small.txt")))
                .isEqualTo(SourceKind.JOURNAL_SHORT);
        assertThat(FormatDetector.detect("journal.json", "hello world\n".getBytes(StandardCharsets.UTF_8))).isEqualTo(SourceKind.UNKNOWN);
        assertThat(FormatDetector.detect("inspect.json", "{\"a\": 1}".getBytes(StandardCharsets.UTF_8))).isEqualTo(SourceKind.UNKNOWN);
    }

    @Test
    void emptyBlankAndBinaryAreUnknown() {
        assertThat(FormatDetector.detect("journal.txt", new byte[0])).isEqualTo(SourceKind.UNKNOWN);
        assertThat(FormatDetector.detect("journal.txt", " \n\t\n".getBytes(StandardCharsets.UTF_8))).isEqualTo(SourceKind.UNKNOWN);
        byte[] binary = "Oct 05 15:00:25 host app[1]: x\n".getBytes(StandardCharsets.UTF_8);
        binary[3] = 0;
        assertThat(FormatDetector.detect("journal.txt", binary)).isEqualTo(SourceKind.UNKNOWN);
        assertThat(FormatDetector.detect(null, null)).isEqualTo(SourceKind.UNKNOWN);
    }

    @Test
    void journalJsonOfOneObjectALineIsNotDockerEvents() {
        byte[] line = "{\"__REALTIME_TIMESTAMP\":\"1759676425123456\",\"MESSAGE\":\"Action Actor time\",\"_BOOT_ID\":\"x\"}\n"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(FormatDetector.detect("x", line)).isEqualTo(SourceKind.JOURNAL_JSON);
    }
}
