package io.faultline.collect;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.capture.Json;
import io.faultline.testbed.Testbed;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The entries of a journal as their {@code __CURSOR}s: what a capture stored, and what the testbed holds. */
public final class JournalCursors {
    private static final Pattern WINDOW = Pattern.compile("'--since' '@(\\d+)' '--until' '@(\\d+)'");

    private JournalCursors() {
    }

    /** The cursors of a direct {@code journalctl -o json} of the entry's window, through the OpenSSH client. */
    public static List<String> direct(Testbed tb, String entryCommand) throws Exception {
        Matcher w = WINDOW.matcher(entryCommand);
        assertThat(w.find()).as(entryCommand).isTrue();
        Process p = new ProcessBuilder("ssh", "-i", tb.key().toString(), "-o", "UserKnownHostsFile=" + tb.knownHosts(),
                "-o", "BatchMode=yes", "-p", Integer.toString(tb.port()), tb.user() + "@" + tb.host(),
                "journalctl -o json --since @" + w.group(1) + " --until @" + w.group(2) + " --no-pager")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] all = p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isZero();
        return of(all);
    }

    public static List<String> of(byte[] journal) throws Exception {
        List<String> out = new ArrayList<>();
        for (String line : new String(journal, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                JsonNode n = Json.mapper().readTree(line);
                out.add(n.path("__CURSOR").asText());
            }
        }
        return out;
    }
}
