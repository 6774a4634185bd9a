package io.faultline.ingest;

import io.faultline.capture.SourceKind;
import io.faultline.model.Event;
import io.faultline.model.Evidence;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A carriage return inside a message (progress output, {@code journalctl -a}) is part of the message: it neither stops
 * detection when it sits in the first line nor costs its line. Only a line break ends a line.
 */
class LoneCarriageReturnTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Oct 05 15:00:02 web1 evil[1]: |Oct 05 15:01:%02d web1 app[2]: line %d|JOURNAL_SHORT",
        "<13>Oct  5 15:00:02 web1 evil[1]: |<13>Oct  5 15:01:%02d web1 app[2]: line %d|SYSLOG",
        "<13>1 2025-10-05T15:00:02Z web1 evil 1 - - |<13>1 2025-10-05T15:01:%02dZ web1 app 2 - - line %d|SYSLOG",
        "[   12.000001] evil: |[   %d.000002] app: line %d|DMESG"})
    void aCarriageReturnInTheFirstLineIsKeptInItsMessage(String first, String next, SourceKind kind) throws Exception {
        StringBuilder text = new StringBuilder(first).append("progress 10%\r progress 100%\n");
        for (int i = 10; i < 20; i++) {
            text.append(String.format(next, i + 10, i)).append('\n');
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(FormatDetector.detect("x", bytes)).isEqualTo(kind);
        Evidence ev = TestBundles.ingest(dir, "2025-10-05T14:55:00Z", "2025-10-05T15:10:00Z", List.of(TestBundles.host("web1", "UTC", 0)),
                List.of(new TestBundles.Entry("imported/messages", "web1", SourceKind.UNKNOWN, bytes)));
        assertThat(ev.events()).hasSize(11);
        assertThat(ev.events()).extracting(Event::message).anySatisfy(m -> assertThat(m).endsWith("progress 10%\r progress 100%"));
    }
}
