package io.faultline.app;

import io.faultline.testbed.Testbed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tries to inject a shell command through every field a user gives {@code faultline capture} (the host, user and port
 * typed or set in the ssh config, HostName, ProxyJump, the window) against the real testbed. Each try must be refused
 * with a message, and the marker file the injected command would create must never appear.
 */
class CaptureInjectionCliTest {
    @TempDir
    Path dir;

    @Test
    void nothingTypedOrConfiguredReachesTheRemoteShell() throws Exception {
        Testbed tb = Testbed.require();
        Path marker = Path.of("/tmp", "faultline-injected-" + UUID.randomUUID());
        String touch = "touch " + marker;
        String ok = tb.user() + "@" + tb.host() + ":" + tb.port();
        String common = "    Port " + tb.port() + "\n    IdentityFile " + tb.key() + "\n    UserKnownHostsFile " + tb.knownHosts() + "\n";
        List<List<String>> tries = new ArrayList<>();
        for (String host : List.of(ok + ";" + touch, tb.user() + "$(" + touch + ")@" + tb.host() + ":" + tb.port(),
                tb.user() + "@" + tb.host() + "`" + touch + "`:" + tb.port(), "'; " + touch + "; '@" + tb.host(),
                tb.user() + "@" + tb.host() + ":" + tb.port() + "|" + touch)) {
            tries.add(List.of("--host", host, "--since", "-5m"));
        }
        for (String since : List.of("$(" + touch + ")", "-5m;" + touch, "@1700000000'; " + touch + "; '")) {
            tries.add(List.of("--host", ok, "--identity", tb.key().toString(), "--known-hosts", tb.knownHosts().toString(),
                    "--since", since));
            tries.add(List.of("--host", ok, "--identity", tb.key().toString(), "--known-hosts", tb.knownHosts().toString(),
                    "--since", "-5m", "--until", since));
        }
        int n = 0;
        for (String section : List.of(
                "Host box\n    HostName " + tb.host() + ";" + touch.replace(' ', ';') + "\n    User " + tb.user() + "\n",
                "Host box\n    HostName \"" + tb.host() + " $(" + touch + ")\"\n    User " + tb.user() + "\n",
                "Host box\n    HostName " + tb.host() + "\n    User \"" + tb.user() + "; " + touch + "\"\n",
                "Host box\n    HostName " + tb.host() + "\n    User " + tb.user() + "$(" + touch.replace(' ', '$') + ")\n",
                "Host box\n    HostName " + tb.host() + "\n    User " + tb.user() + "\n    ProxyJump \"" + ok + ";" + touch + "\"\n",
                "Host box\n    HostName %h`" + touch.replace(' ', '`') + "`\n    User " + tb.user() + "\n")) {
            Path config = Files.writeString(dir.resolve("config" + n++), section + common);
            tries.add(List.of("--host", "box", "-F", config.toString(), "--since", "-5m"));
        }
        tries.add(List.of("--host", "box$(" + touch + ")", "-F", Files.writeString(dir.resolve("plain"), "Host *\n" + common)
                .toString(), "--since", "-5m"));

        for (List<String> t : tries) {
            List<String> args = new ArrayList<>(List.of("capture", "--batch", "-o", dir.resolve("x" + n++ + ".flcap").toString()));
            args.addAll(t);
            Cli r = Cli.run(args.toArray(String[]::new));
            assertThat(r.code()).as(String.join(" ", t) + "\n" + r.err()).isEqualTo(CaptureCommand.FAILED);
            assertThat(r.err()).as(String.join(" ", t)).containsAnyOf("is not [USER@]HOST[:PORT]", "is not a valid user name",
                    "is not a valid host name", "is not a time", "ProxyJump");
            assertThat(marker).as("injected through " + t).doesNotExist();
        }
        assertThat(tries).hasSize(18);
    }
}
