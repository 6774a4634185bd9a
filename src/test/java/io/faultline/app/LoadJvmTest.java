package io.faultline.app;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The load JVM of {@code faultline bench} runs in the benchmark's folder, so its class path must not be relative. */
class LoadJvmTest {
    @Test
    void aRelativeClassPathIsMadeAbsolute() {
        String here = Path.of("").toAbsolutePath().toString();
        assertThat(LoadJvm.absolute("target/faultline.jar" + File.pathSeparator + "/opt/lib/a.jar"))
                .isEqualTo(Path.of(here, "target", "faultline.jar") + File.pathSeparator + "/opt/lib/a.jar");
    }

    @Test
    void theChildGetsTheLauncherOptionsAndAnAbsoluteClassPath() {
        List<String> cmd = LoadJvm.command(List.of("-XX:+UseSerialGC"), "bench-load", "f");
        assertThat(cmd.subList(1, 3)).containsExactly("-Xmx3g", "-XX:+UseSerialGC");
        String cp = cmd.get(cmd.indexOf("-cp") + 1);
        for (String entry : cp.split(File.pathSeparator)) {
            assertThat(Path.of(entry).isAbsolute()).as(entry).isTrue();
        }
        assertThat(cmd.subList(cmd.size() - 3, cmd.size())).containsExactly(Main.class.getName(), "bench-load", "f");
    }
}
