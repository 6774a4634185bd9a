package io.faultline.app;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code faultline search} through the real command tree, on the bundle of {@link EventsCommandTest}. */
class SearchCommandTest {
    @TempDir
    Path dir;
    Path bundle;

    @BeforeEach
    void writeBundle() throws Exception {
        bundle = EventsCommandTest.journalBundle(dir.resolve("journal.flcap"));
    }

    @Test
    void printsTheHitsAsEventsPrintsThem() {
        Cli run = Cli.run("search", bundle.toString(), "--text", "Failed password");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out().lines().toList()).containsExactly(
                "2025-10-05T15:00:41.500000000Z web1 ssh.service NOTICE Failed password for invalid user admin from 192.0.2.17 port 51122 ssh2",
                "2025-10-05T15:00:41.500000000Z web1 sshd UNKNOWN Failed password for invalid user admin from 192.0.2.17 port 51122 ssh2");
        Cli events = Cli.run("events", bundle.toString());
        assertThat(events.out().lines().filter(l -> l.contains("Failed password")).toList())
                .containsExactlyElementsOf(run.out().lines().toList());
    }

    @Test
    void regexCaseAndCount() {
        assertThat(Cli.run("search", bundle.toString(), "--regex", "^(Traceback|Linux version) ", "--count").out()).isEqualTo("4\n");
        assertThat(Cli.run("search", bundle.toString(), "--text", "failed PASSWORD", "--count").out()).isEqualTo("0\n");
        assertThat(Cli.run("search", bundle.toString(), "--text", "failed PASSWORD", "--ignore-case", "--count").out()).isEqualTo("2\n");
        assertThat(Cli.run("search", bundle.toString(), "--regex", "DIVISION BY \\w+$", "-i", "--count").out()).isEqualTo("2\n");
        assertThat(Cli.run("search", bundle.toString(), "--text", "python3", "--count").out()).isEqualTo("0\n");
    }

    @Test
    void fromAndToLimitTheHits() {
        Cli run = Cli.run("search", bundle.toString(), "--regex", ".", "--from", "2025-10-05T17:00:41+02:00", "--to", "1759676443");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out().lines().toList()).hasSize(4);
    }

    @Test
    void aBadRegexIsAUsageErrorNamingItAndThePosition() {
        Cli run = Cli.run("search", bundle.toString(), "--regex", "port (\\d+", "--count");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("faultline search: --regex: regex 'port (\\d+' at position 9: Unclosed group")
                .doesNotContain("\tat ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void textAndRegexExcludeEachOtherAndOneIsNeeded() {
        Cli both = Cli.run("search", bundle.toString(), "--text", "a", "--regex", "b");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
        Cli none = Cli.run("search", bundle.toString(), "--count");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("Missing required argument");
    }

    @Test
    void anUnreadableTimeNamesTheOption() {
        Cli run = Cli.run("search", bundle.toString(), "--text", "x", "--to", "tomorrow");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--to: 'tomorrow' is not a time");
    }
}
