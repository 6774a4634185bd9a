package io.faultline.app;

import io.faultline.capture.Bundle;
import io.faultline.capture.Manifest;
import io.faultline.collect.ClockProbe;
import io.faultline.collect.TestSshServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code faultline capture} when the connection drops: exit 3, a partial bundle, and messages that say so. */
class CaptureConnectionLostTest {
    @TempDir
    Path dir;

    @Test
    void aConnectionDroppedDuringTheClockProbeExitsPartialNamingTheProbe() throws Exception {
        byte[] cut = "epoch=1796366676.123456789\noffset=+0000\netc_timezone=Etc/UTC\n".getBytes(StandardCharsets.UTF_8);
        try (TestSshServer server = TestSshServer.start(dir, List.of("/bin/sh", "-c"),
                command -> command.equals(ClockProbe.COMMAND) ? TestSshServer.dropConnectionAfter(cut) : null)) {
            TestSshServer.Host host = server.host();
            Path out = dir.resolve("cut.flcap");

            Cli r = Cli.run("capture", "--host", "ops@127.0.0.1:" + host.target().port(), "--identity", host.identity().toString(),
                    "--known-hosts", host.knownHosts().toString(), "--since", "-10m", "--silence-timeout", "5", "-o", out.toString());

            assertThat(r.code()).as(r.err()).isEqualTo(CaptureCommand.PARTIAL);
            assertThat(r.err())
                    .containsPattern("127\\.0\\.0\\.1 clock +" + cut.length + " bytes +3 lines  cut: connection lost")
                    .contains("error: capture cut short: connection to ops@127.0.0.1:" + host.target().port()
                            + " lost while running " + ClockProbe.LABEL + "\n")
                    .contains("PARTIAL bundle (cancelled or cut short) written: " + out + " (1 entries, 1 diagnostics)")
                    .doesNotContain("done").doesNotContain("boot time").doesNotContain("time zone");
            try (Bundle b = Bundle.open(out)) {
                Manifest m = b.manifest();
                assertThat(b.verify()).isEmpty();
                assertThat(m.partial()).isTrue();
                assertThat(m.entries()).singleElement().satisfies(e -> {
                    assertThat(e.complete()).isFalse();
                    assertThat(e.exitCode()).isNull();
                    assertThat(e.bytes()).isEqualTo(cut.length);
                });
            }
        }
    }

    @Test
    void aSilenceTimeoutOutOfRangeIsRefused() {
        Path out = dir.resolve("never.flcap");
        Cli r = Cli.run("capture", "--host", "ops@127.0.0.1:1", "--identity", "/nonexistent/key", "--known-hosts", "/nonexistent/kh",
                "--since", "-1h", "--silence-timeout", "1", "-o", out.toString());

        assertThat(r.code()).isEqualTo(CaptureCommand.FAILED);
        assertThat(r.err()).isEqualTo("faultline capture: --silence-timeout 1 is out of range: give 3 to 3600 seconds\n");
        assertThat(out).doesNotExist();
    }
}
