package io.faultline.app;

import io.faultline.capture.Bundle;
import io.faultline.testbed.Testbed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the bundle-making and exporting verbs refuse before any work: outputs that exist, bundles as export targets,
 * missing or file-shaped parent directories, unreadable, inverted, empty, pre-1970 and month-long windows; and how a
 * write that fails anyway is worded.
 */
class OutputAndTimeChecksTest {
    private static final String JOURNAL = """
            Oct 05 15:00:25 web1 sshd[811]: Failed password for root from 192.0.2.7 port 50022 ssh2
            Oct 05 15:00:55 web1 sshd[812]: Failed password for root from 192.0.2.8 port 50023 ssh2
            """;

    @TempDir
    Path tmp;

    private Path bundle() throws Exception {
        Path log = tmp.resolve("journal.txt");
        Files.writeString(log, JOURNAL, StandardCharsets.UTF_8);
        Path out = tmp.resolve("b.flcap");
        Cli imp = Cli.run("import", log.toString(), "--zone", "UTC", "--since", "2026-10-05T14:00:00Z", "--until", "2026-10-05T16:00:00Z",
                "-o", out.toString());
        assertThat(imp.code()).as(imp.err()).isZero();
        return out;
    }

    @Test
    void exportRefusesAnExistingFileWithoutForceAndABundleEvenWithIt() throws Exception {
        Path b = bundle();
        Path existing = tmp.resolve("report.json");
        Files.writeString(existing, "mine");
        Cli refused = Cli.run("export", b.toString(), "--format", "json", "-o", existing.toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains(existing + " exists; choose another name or add --force to replace it");
        assertThat(Files.readString(existing)).isEqualTo("mine");

        Cli forced = Cli.run("export", b.toString(), "--format", "json", "-o", existing.toString(), "--force");
        assertThat(forced.code()).as(forced.err()).isZero();
        assertThat(Files.readString(existing)).contains("\"events\"");

        Path copy = Files.copy(b, tmp.resolve("notes.flcap"));
        Path disguised = Files.copy(b, tmp.resolve("notes.txt"));
        byte[] before = Files.readAllBytes(copy);
        for (Path target : new Path[] {copy, disguised, b}) {
            Cli overBundle = Cli.run("export", b.toString(), "--format", "json", "-o", target.toString(), "--force");
            assertThat(overBundle.code()).isEqualTo(2);
            assertThat(overBundle.err()).contains(target + " is a Faultline bundle (raw outputs and notes); an export never replaces one,"
                    + " even with --force: pick another name for the export");
        }
        assertThat(Files.readAllBytes(copy)).isEqualTo(before);
        try (Bundle reopened = Bundle.open(disguised)) {
            assertThat(reopened.verify()).isEmpty();
        }
    }

    @Test
    void exportChecksItsRangeBeforeReadingTheBundle() throws Exception {
        Path missing = tmp.resolve("not-read.flcap");
        Path out = tmp.resolve("out.html");
        Cli inverted = Cli.run("export", missing.toString(), "--format", "html", "-o", out.toString(),
                "--from", "2026-10-05T15:00:00Z", "--to", "2026-10-05T14:00:00Z");
        assertThat(inverted.code()).isEqualTo(2);
        assertThat(inverted.err()).contains("--to must lie after --from: the range 2026-10-05T15:00:00.000000000Z .."
                + " 2026-10-05T14:00:00.000000000Z is inverted");
        Cli empty = Cli.run("export", missing.toString(), "--format", "html", "-o", out.toString(), "--from", "-1h", "--to", "-60m");
        assertThat(empty.code()).isEqualTo(2);
        assertThat(empty.err()).contains("is empty");
        Cli bad = Cli.run("export", missing.toString(), "--format", "html", "-o", out.toString(), "--from", "yesterday");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--from: 'yesterday' is not a time");
        assertThat(out).doesNotExist();

        Path b = bundle();
        Cli pastTheEnd = Cli.run("export", b.toString(), "--format", "json", "-o", out.toString(), "--from", "2026-10-05T16:00:00Z");
        assertThat(pastTheEnd.code()).isEqualTo(2);
        assertThat(pastTheEnd.err()).contains("--to must lie after --from: the range 2026-10-05T16:00:00.000000000Z .."
                + " 2026-10-05T16:00:00.000000000Z is empty (the open end is the bundle's window)");
    }

    @Test
    void importChecksEachTimeThenThePairThenTheOrder() throws Exception {
        Path log = tmp.resolve("journal.txt");
        Files.writeString(log, JOURNAL);
        Path out = tmp.resolve("i.flcap");
        Cli inverted = Cli.run("import", log.toString(), "--since", "2026-10-05T15:00:00Z", "--until", "2026-10-05T14:00:00Z", "-o", out.toString());
        assertThat(inverted.code()).isEqualTo(2);
        assertThat(inverted.err()).contains("--until must lie after --since: --since 2026-10-05T15:00:00Z is 2026-10-05T15:00:00Z,"
                + " --until 2026-10-05T14:00:00Z is 2026-10-05T14:00:00Z (the window is inverted)");
        Cli word = Cli.run("import", log.toString(), "--since", "yesterday", "-o", out.toString());
        assertThat(word.code()).isEqualTo(2);
        assertThat(word.err()).contains("--since: 'yesterday' is not a time").doesNotContain("go together");
        Cli alone = Cli.run("import", log.toString(), "--since", "-1h", "-o", out.toString());
        assertThat(alone.err()).contains("--since and --until go together");
        Cli ancient = Cli.run("import", log.toString(), "--since", "-99999d", "--until", "now", "-o", out.toString());
        assertThat(ancient.code()).isEqualTo(2);
        assertThat(ancient.err()).containsPattern("--since -99999d is 17\\d\\d-\\d\\d-\\d\\dT[^ ]+Z, before 1970-01-01");
        assertThat(out).doesNotExist();
    }

    @Test
    void importNeverWritesOverOneOfItsInputs() throws Exception {
        Path log = tmp.resolve("self.txt");
        Files.writeString(log, JOURNAL);
        Path link = tmp.resolve("link.flcap");
        Files.createSymbolicLink(link, log);
        for (String out : List.of(log.toString(), link.toString())) {
            Cli run = Cli.run("import", log.toString(), "-o", out, "--force");
            assertThat(run.code()).isEqualTo(2);
            assertThat(run.err()).contains(out + " is one of the input files");
        }
        assertThat(Files.readString(log)).isEqualTo(JOURNAL);
    }

    @Test
    void captureRefusesPre1970AndMonthLongWindowsBeforeConnecting() {
        Path out = tmp.resolve("c.flcap");
        String[] common = {"capture", "--host", "nobody@192.0.2.1:22", "--identity", "/nonexistent/key", "--known-hosts", "/nonexistent/kh",
                "-o", out.toString()};
        Cli ancient = Cli.run(concat(common, "--since", "-99999d"));
        assertThat(ancient.code()).isEqualTo(CaptureCommand.FAILED);
        assertThat(ancient.err()).contains("--since -99999d is ", "before 1970-01-01");
        Cli tooLong = Cli.run(concat(common, "--since", "2026-01-01T00:00:00Z", "--until", "2026-02-10T12:00:00Z"));
        assertThat(tooLong.code()).isEqualTo(CaptureCommand.FAILED);
        assertThat(tooLong.err()).contains("the window --since 2026-01-01T00:00:00Z --until 2026-02-10T12:00:00Z is 40.5 days long;"
                + " capture at most 31 days at a time");
        Cli inverted = Cli.run(concat(common, "--since", "-1h", "--until", "-2h"));
        assertThat(inverted.code()).isEqualTo(CaptureCommand.FAILED);
        assertThat(inverted.err()).contains("--until must lie after --since", "(the window is inverted)");
        assertThat(out).doesNotExist();
    }

    @Test
    void captureWarnsWhenTheWindowEndsInTheFuture() throws Exception {
        Testbed tb = Testbed.require();
        Path out = tmp.resolve("future.flcap");
        Cli r = Cli.run("capture", "--host", tb.user() + "@" + tb.host() + ":" + tb.port(), "--identity", tb.key().toString(),
                "--known-hosts", tb.knownHosts().toString(), "--since", "-2m", "--until",
                String.valueOf(java.time.Instant.now().getEpochSecond() + 3600), "-o", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).containsPattern("warning: --until \\d+ is [^ ]+Z, 3[56]\\d\\d s in the future; the capture takes what the host"
                + " holds up to its now and does not wait for the rest");
        try (Bundle b = Bundle.open(out)) {
            assertThat(b.verify()).isEmpty();
        }
    }

    @Test
    void missingOrFileShapedParentDirectoriesAreRefusedAndNothingIsCreated() throws Exception {
        Path b = bundle();
        Path log = tmp.resolve("journal.txt");
        Path typo = tmp.resolve("nodir").resolve("sub");
        Cli imp = Cli.run("import", log.toString(), "-o", typo.resolve("x.flcap").toString());
        assertThat(imp.code()).isEqualTo(2);
        assertThat(imp.err()).contains("cannot write " + typo.resolve("x.flcap") + ": directory " + typo
                + " does not exist (Faultline creates no directories; check the path, or create it first)");
        Cli exp = Cli.run("export", b.toString(), "--format", "json", "-o", typo.resolve("x.json").toString());
        assertThat(exp.code()).isEqualTo(2);
        assertThat(exp.err()).contains("cannot write " + typo.resolve("x.json") + ": directory " + typo + " does not exist");
        Cli cap = Cli.run("capture", "--host", "nobody@192.0.2.1", "--identity", "/nonexistent", "--known-hosts", "/nonexistent",
                "--since", "-5m", "-o", typo.resolve("c.flcap").toString());
        assertThat(cap.code()).isEqualTo(2);
        assertThat(cap.err()).contains("cannot write " + typo.resolve("c.flcap") + ": directory " + typo + " does not exist");
        assertThat(tmp.resolve("nodir")).doesNotExist();

        Cli underFile = Cli.run("import", log.toString(), "-o", b.resolve("sub.flcap").toString());
        assertThat(underFile.code()).isEqualTo(2);
        assertThat(underFile.err()).contains("cannot write " + b.resolve("sub.flcap") + ": " + b + " is a file, not a directory");
    }

    @Test
    void aWriteThatFailsSaysWhatAndWhyNotTheTemporaryName() throws Exception {
        Path log = tmp.resolve("journal.txt");
        Files.writeString(log, JOURNAL);
        Cli proc = Cli.run("import", log.toString(), "-o", "/proc/faultline-test.flcap");
        assertThat(proc.code()).isEqualTo(1);
        assertThat(proc.err().strip()).isEqualTo("faultline import: cannot write /proc/faultline-test.flcap: no such file or directory");
    }

    @Test
    void summaryOfADirectorySaysItIsOne() {
        Cli r = Cli.run("summary", tmp.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("faultline summary: " + tmp + ": is a directory, not a bundle; name the .flcap file inside it");
    }

    @Test
    void openRefusesTwoBundlesBeforeAnyWindow() throws Exception {
        Path a = bundle();
        Path b = Files.copy(a, tmp.resolve("other.flcap"));
        Cli r = Cli.run("open", a.toString(), b.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("faultline open: " + a + ", " + b + ": a bundle is opened alone, not together with other files"
                + " or bundles; open one at a time (faultline open " + a + ")");
        Path cut = tmp.resolve("cut.flcap");
        byte[] all = Files.readAllBytes(a);
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
        Cli damaged = Cli.run("open", cut.toString());
        assertThat(damaged.code()).isEqualTo(1);
        assertThat(damaged.err()).contains(cut + ": a Faultline bundle that is cut short or damaged").doesNotContain("\tat ");
        Cli zone = Cli.run("open", tmp.resolve("journal.txt").toString(), "--zone", "Mars/Olympus");
        assertThat(zone.code()).isEqualTo(2);
        assertThat(zone.err()).contains("--zone 'Mars/Olympus' is not a zone id");
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
