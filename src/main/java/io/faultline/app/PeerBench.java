package io.faultline.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * lnav and grep on the same file in the same run, headless, each started fresh. lnav runs with {@code HOME} set to an
 * empty folder, so formats or settings of the user's own {@code ~/.config/lnav} play no part.
 *
 * <p>What each counts: lnav's events are the rows of its {@code all_logs} table, the log messages it recognised (journal
 * JSON is format {@code journald_json_log}, one message a line); its hits are the rows left after {@code :filter-in},
 * whose regex (PCRE2) is matched against the line lnav displays (time, unit, identifier[pid], level, MESSAGE), not the
 * fields it hides. grep counts lines ({@code grep -c ''}) and lines whose raw JSON text, every field, matches
 * ({@code grep -c -E}, POSIX extended).
 */
final class PeerBench {
    static final String LNAV = "lnav";
    private static final String COUNT_BY_FORMAT = ";SELECT log_format, count(*) FROM all_logs GROUP BY log_format";
    private static final String COUNT = ";SELECT count(*) FROM all_logs";
    private static final String LNAV_HINT = "install the Debian package lnav, or leave out --compare-lnav";

    /**
     * @param formats       lnav's log formats and how many messages of each it found
     * @param searchSeconds the search run's time less the load run's: lnav's time to filter, as near as two runs tell
     */
    record Lnav(String version, String loadCommand, Map<String, Long> formats, long events, double loadSeconds, long peakRssBytes,
                String searchCommand, long hits, double searchRunSeconds, double searchSeconds, long searchPeakRssBytes) {
    }

    record Grep(String linesCommand, long lines, double linesSeconds, String regexCommand, long hits, double regexSeconds,
                long peakRssBytes) {
    }

    private PeerBench() {
    }

    static Lnav lnav(Path dir, Path file, String regex) throws IOException, InterruptedException {
        Path home = Files.createDirectories(dir.resolve("lnav-home"));
        Map<String, String> env = Map.of("HOME", home.toString(), "XDG_CONFIG_HOME", home.resolve(".config").toString());
        PeerRun version = PeerRun.run(dir, env, true, LNAV_HINT, List.of(LNAV, "-V")).exitedWith(dir, 0);
        PeerRun load = PeerRun.run(dir, env, true, LNAV_HINT, List.of(LNAV, "-n", "-c", COUNT_BY_FORMAT, file.toString()))
                .exitedWith(dir, 0);
        Map<String, Long> formats = new LinkedHashMap<>();
        List<String> rows = load.out().lines().filter(l -> !l.isBlank()).toList();
        for (String row : rows.subList(Math.min(1, rows.size()), rows.size())) {
            String[] cells = row.strip().split("\\s+");
            formats.put(cells[0], number(load, cells[cells.length - 1]));
        }
        long events = formats.values().stream().mapToLong(Long::longValue).sum();
        PeerRun search = PeerRun.run(dir, env, true, LNAV_HINT, List.of(LNAV, "-n", "-c", ":filter-in " + regex, "-c", COUNT,
                file.toString())).exitedWith(dir, 0);
        List<String> lines = search.out().lines().filter(l -> !l.isBlank()).toList();
        if (lines.size() != 2) {
            throw new CliException(search.commandLine() + " printed no count: '" + search.out().strip() + "'", 1);
        }
        return new Lnav(version.out().strip(), load.commandLine(), formats, events, load.seconds(), load.peakRssBytes(),
                search.commandLine(), number(search, lines.get(1)), search.seconds(), search.seconds() - load.seconds(),
                search.peakRssBytes());
    }

    static Grep grep(Path dir, Path file, String regex) throws IOException, InterruptedException {
        String hint = "grep is in every Linux";
        PeerRun lines = PeerRun.run(dir, Map.of(), true, hint, List.of("grep", "-c", "", file.toString())).exitedWith(dir, 0, 1);
        PeerRun hits = PeerRun.run(dir, Map.of(), true, hint, List.of("grep", "-c", "-E", regex, file.toString())).exitedWith(dir, 0, 1);
        return new Grep(lines.commandLine(), number(lines, lines.out()), lines.seconds(), hits.commandLine(), number(hits, hits.out()),
                hits.seconds(), hits.peakRssBytes());
    }

    private static long number(PeerRun run, String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new CliException(run.commandLine() + " printed '" + text.strip() + "' where a count was expected", 1);
        }
    }
}
