package io.faultline.app;

import io.faultline.capture.Bundle;
import io.faultline.capture.Manifest;
import io.faultline.capture.SourceKind;
import io.faultline.testbed.Testbed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Ctrl-C (a real SIGINT to a real JVM) during a capture leaves a valid bundle marked partial. */
class CaptureInterruptTest {
    @TempDir
    Path dir;

    @Test
    void sigintLeavesAValidPartialBundle() throws Exception {
        Testbed tb = Testbed.require();
        Path out = dir.resolve("interrupted.flcap");
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CliProcessMain.class.getName(), "capture",
                "--host", tb.user() + "@" + tb.host() + ":" + tb.port(), "--identity", tb.key().toString(),
                "--known-hosts", tb.knownHosts().toString(), "--since", "-1d", "-o", out.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = err.readLine()) != null; ) {
                lines.add(line);
                if (line.matches(".* clock .* done")) {
                    Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start();
                    assertThat(kill.waitFor()).isZero();
                }
            }
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(String.join("\n", lines)).isTrue();

        assertThat(p.exitValue()).as(String.join("\n", lines)).isEqualTo(130);
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("PARTIAL bundle (cancelled or cut short) written: " + out));
        try (Bundle b = Bundle.open(out)) {
            Manifest m = b.manifest();
            assertThat(m.partial()).isTrue();
            assertThat(b.verify()).isEmpty();
            assertThat(m.hosts()).hasSize(1);
            assertThat(m.entries()).noneMatch(e -> e.sourceKind() == SourceKind.SADF_JSON);
        }
    }
}
