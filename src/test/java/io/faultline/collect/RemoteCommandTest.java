package io.faultline.collect;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RemoteCommandTest {
    @TempDir
    Path dir;

    @Test
    void buildsTheJournalCommandAsQuotedWords() {
        RemoteCommand cmd = RemoteCommand.program("journalctl").option("-o").option("json").option("--since")
                .atEpoch(1_796_317_200L).option("--until").atEpoch(1_796_317_800L).option("--no-pager").build();

        assertThat(cmd.after(List.of("nice", "-n", "19", "ionice", "-c3")).toShell()).isEqualTo(
                "'nice' '-n' '19' 'ionice' '-c3' 'journalctl' '-o' 'json' '--since' '@1796317200' '--until' '@1796317800' '--no-pager'");
    }

    @Test
    void aGzippedCommandRunsInAPosixShellAndItsOwnExitStatusIsReadBack() throws Exception {
        RemoteCommand failing = RemoteCommand.program("ls").option("-1d").path("/nonexistent/faultline-missing").build();
        String line = failing.toShellGzipped(List.of("nice", "-n", "19"));
        assertThat(line).isEqualTo("{ 'ls' '-1d' '/nonexistent/faultline-missing'; echo \"faultline-exit-status $?\" >&2; } "
                + "| 'nice' '-n' '19' gzip -1");

        Process p = new ProcessBuilder("/bin/sh", "-c", line).start();
        byte[] out = new java.util.zip.GZIPInputStream(p.getInputStream()).readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("the pipeline's status is gzip's").isZero();

        RemoteCommand.Status st = RemoteCommand.exitStatus(err, 0);
        assertThat(out).isEmpty();
        assertThat(st.exitCode()).isEqualTo(2);
        assertThat(st.stderr()).startsWith("ls: cannot access '/nonexistent/faultline-missing'").doesNotContain("faultline-exit-status");

        Process ok = new ProcessBuilder("/bin/sh", "-c", RemoteCommand.program("printf").literal("a\nb\n").build()
                .toShellGzipped(List.of())).start();
        assertThat(new String(new java.util.zip.GZIPInputStream(ok.getInputStream()).readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("a\nb\n");
        String okErr = new String(ok.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ok.waitFor()).isZero();
        assertThat(RemoteCommand.exitStatus(okErr, 0)).isEqualTo(new RemoteCommand.Status(0, ""));
    }

    @Test
    void withoutTheStatusLineTheChannelsStatusAndTheWholeStderrAreKept() {
        assertThat(RemoteCommand.exitStatus("killed\n", null)).isEqualTo(new RemoteCommand.Status(null, "killed\n"));
        assertThat(RemoteCommand.exitStatus("warn\nfaultline-exit-status 1\n", 0))
                .isEqualTo(new RemoteCommand.Status(1, "warn\n"));
    }

    @Test
    void onlyAJournalCursorGoesInAsACursor() {
        String real = "s=e1dc13ffc32a453a98c9c7b4bb9a7806;i=316d;b=45b83ae62383406684d2a41423124250;m=10e9c7ea7;"
                + "t=661d314c832ca;x=684480216e68ccec";
        assertThat(RemoteCommand.program("journalctl").option("--after-cursor").journalCursor(real).build().toShell())
                .isEqualTo("'journalctl' '--after-cursor' '" + real + "'");
        for (String hostile : List.of("s=1;$(touch x)", "s=1'; touch x; '", "s=1;i=2 --file=/etc/shadow", "", "s=1;;i=2",
                "s=" + "a".repeat(65))) {
            assertThatThrownBy(() -> RemoteCommand.program("journalctl").journalCursor(hostile))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("journal cursor '" + hostile + "' is not allowed in a remote command");
        }
    }

    @Test
    void hostileValuesReachTheCommandAsOneUnchangedWord() throws Exception {
        Path canary = dir.resolve("pwned");
        List<String> hostile = List.of(
                "'; touch " + canary + "; '",
                "$(touch " + canary + ")",
                "`touch " + canary + "`",
                "\"; touch " + canary + "; \"",
                "a\nb; touch " + canary,
                "it's", "''", "'", "\\", "\\'", "$HOME", "${IFS}", "*", "~", "!!", "a b\tc", "-n", "{{json .}}",
                "x' '$(touch " + canary + ")' 'y");
        for (String value : hostile) {
            String line = "printf '%s' " + RemoteCommand.quote(value);
            Process p = new ProcessBuilder("/bin/sh", "-c", line).directory(dir.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(line).isZero();
            assertThat(out).as(line).isEqualTo(value);
        }
        String literalCmd = RemoteCommand.program("printf").literal("%s|").literal(hostile.get(0)).literal(hostile.get(1)).build().toShell();
        Process p = new ProcessBuilder("/bin/sh", "-c", literalCmd).start();
        assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo(hostile.get(0) + "|" + hostile.get(1) + "|");
        assertThat(p.waitFor()).isZero();
        assertThat(canary).doesNotExist();
        assertThat(Files.list(dir)).isEmpty();
    }

    @Test
    void refusesValuesThatAreNotWhatTheyClaimToBe() {
        RemoteCommand.Builder b = RemoteCommand.program("docker");
        assertThatThrownBy(() -> b.containerId("8a607552ff7f; rm -rf /")).hasMessageContaining("container id");
        assertThatThrownBy(() -> b.containerId("8A607552FF7F")).hasMessageContaining("container id");
        assertThatThrownBy(() -> b.containerId("abc")).hasMessageContaining("container id");
        assertThatThrownBy(() -> b.containerId(null)).hasMessageContaining("container id");
        assertThatThrownBy(() -> b.path("/var/log/sysstat/sa03; id")).hasMessageContaining("path");
        assertThatThrownBy(() -> b.path("/var/log/../../etc/shadow")).hasMessageContaining("path");
        assertThatThrownBy(() -> b.path("var/log/sysstat/sa03")).hasMessageContaining("path");
        assertThatThrownBy(() -> b.option("$(id)")).hasMessageContaining("option");
        assertThatThrownBy(() -> b.option("-o json")).hasMessageContaining("option");
        assertThatThrownBy(() -> RemoteCommand.program("sh -c")).hasMessageContaining("program name");
        assertThatThrownBy(() -> RemoteCommand.program("/bin/sh")).hasMessageContaining("program name");
        assertThatThrownBy(() -> b.build().after(List.of("nice;"))).hasMessageContaining("prefix word");
        assertThatThrownBy(() -> RemoteCommand.quote("a\0b")).hasMessageContaining("NUL");
        assertThat(b.containerId("8a607552ff7f").path("/var/log/sysstat/sa03").build().words())
                .containsExactly("docker", "8a607552ff7f", "/var/log/sysstat/sa03");
    }

    @Test
    void briefShowsTheFirstWordsThatFitThenAnEllipsis() {
        assertThat(RemoteCommand.program("docker").option("inspect").containerId("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")
                .build().brief()).isEqualTo("'docker' 'inspect' …");
        assertThat(RemoteCommand.program("journalctl").option("-o").option("json").option("--since").atEpoch(1796366676)
                .option("--until").atEpoch(1796367276).option("--no-pager").build().brief())
                .isEqualTo("'journalctl' '-o' 'json' '--since' '@1796366676' '--until' …");
        assertThat(RemoteCommand.program("docker").option("ps").build().brief()).isEqualTo("'docker' 'ps'");
    }
}
