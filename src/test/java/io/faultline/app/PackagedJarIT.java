package io.faultline.app;

import io.faultline.testbed.Testbed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The fat jar as a user runs it: no display, only `java -jar target/faultline.jar`. */
class PackagedJarIT {
    private static final Path JAR = Path.of("target", "faultline.jar");

    @TempDir
    Path tmp;

    @Test
    void versionAndSummaryRunFromTheJar() throws Exception {
        Result v = run("--version");
        assertThat(v.code).isZero();
        assertThat(v.out).startsWith("faultline ");

        Result s = run("summary", "assets/sample.flcap", "--json");
        assertThat(s.code).as(s.err).isZero();
        assertThat(s.out).contains("\"containers\"", "\"series\"");
    }

    @Test
    void pngExportWorksWithNoDisplay() throws Exception {
        Path png = tmp.resolve("sample.png");
        Result r = run("export", "assets/sample.flcap", "--format", "png", "-o", png.toString(), "--width", "1200", "--height", "800");
        assertThat(r.code).as(r.err).isZero();
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(1200);
        assertThat(img.getHeight()).isEqualTo(800);
    }

    @Test
    void captureFromTheJarTalksToTheTestbed() throws Exception {
        Testbed tb = Testbed.require();
        Path bundle = tmp.resolve("jar.flcap");
        Result r = run("capture", "--host", tb.user() + "@" + tb.host() + ":" + tb.port(), "--identity", tb.key().toString(),
                "--known-hosts", tb.knownHosts().toString(), "--since", "-2m", "-o", bundle.toString());
        assertThat(r.code).as(r.err).isZero();
        assertThat(r.err).contains("bundle written: " + bundle);
        Result s = run("summary", bundle.toString(), "--json");
        assertThat(s.code).as(s.err).isZero();
        assertThat(s.out).contains("\"kind\" : \"journal-json\"");
    }

    @Test
    void aMissingBundleIsOneClearLine() throws Exception {
        Result r = run("summary", tmp.resolve("nope.flcap").toString());
        assertThat(r.code).isNotZero();
        assertThat(r.err).contains("nope.flcap: no such file").doesNotContain("Exception", "\tat ");
    }

    private record Result(int code, String out, String err) {
    }

    private Result run(String... args) throws IOException, InterruptedException {
        assertThat(JAR).as("run `./mvnw package` first").exists();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JAR.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        pb.environment().put("XDG_DATA_HOME", tmp.resolve("data").toString());
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("faultline " + String.join(" ", args) + " did not finish in 120 s");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
