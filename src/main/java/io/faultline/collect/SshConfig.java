package io.faultline.collect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An OpenSSH client configuration file ({@code ~/.ssh/config} or {@code ssh -F FILE}), read the way {@code ssh} reads
 * it: {@code Host} sections whose patterns ({@code *}, {@code ?}, {@code !negation}) are matched against the name
 * given on the command line, the first value obtained for a keyword wins (except {@code IdentityFile} and
 * {@code UserKnownHostsFile} lists, which add up), and {@code Include} is read where it stands. {@code Match}
 * sections are not evaluated: their lines are skipped, and {@link #notes()} says so.
 */
public final class SshConfig {
    /** Keywords whose every occurrence adds values instead of the first one winning. */
    private static final Set<String> CUMULATIVE = Set.of("identityfile", "certificatefile");
    private static final int MAX_INCLUDE_DEPTH = 16;

    /** One {@code keyword value...} line with the Host patterns it is under ({@code null}: before any Host line). */
    private record Entry(List<String> patterns, boolean inMatch, String keyword, List<String> args, Path file, int line) {
    }

    private final List<Entry> entries;
    private final List<String> notes;

    private SshConfig(List<Entry> entries, List<String> notes) {
        this.entries = List.copyOf(entries);
        this.notes = List.copyOf(notes);
    }

    /** No file: every keyword takes OpenSSH's default. */
    public static SshConfig empty() {
        return new SshConfig(List.of(), List.of());
    }

    /**
     * Reads a config file. {@code sshDir} is where a relative {@code Include} is looked up ({@code ~/.ssh} for the
     * user's file, as OpenSSH does).
     *
     * @throws CollectException naming the file and line of a line that cannot be read
     */
    public static SshConfig read(Path file, Path sshDir) throws CollectException {
        List<Entry> entries = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        new Reader(sshDir, entries, notes).file(file, null, false, 0);
        return new SshConfig(entries, notes);
    }

    /** What was read but is not used (Match sections), one sentence each naming the file and line. */
    public List<String> notes() {
        return notes;
    }

    /**
     * The settings that apply to {@code alias}: for each keyword (lower case) its values, first occurrence first.
     * A single-valued keyword has the first matching line's arguments; a cumulative one every matching line's.
     */
    public Map<String, List<String>> settings(String alias) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Entry e : entries) {
            if (e.inMatch() || !applies(e.patterns(), alias)) {
                continue;
            }
            if (CUMULATIVE.contains(e.keyword())) {
                out.computeIfAbsent(e.keyword(), k -> new ArrayList<>()).addAll(e.args());
            } else {
                out.putIfAbsent(e.keyword(), e.args());
            }
        }
        return out;
    }

    /** Where the first line setting {@code keyword} for {@code alias} is, e.g. {@code /home/x/.ssh/config line 12}. */
    public String where(String alias, String keyword) {
        for (Entry e : entries) {
            if (!e.inMatch() && e.keyword().equals(keyword) && applies(e.patterns(), alias)) {
                return e.file() + " line " + e.line();
            }
        }
        return "the defaults";
    }

    /** OpenSSH's rule: some pattern matches and no negated pattern does; no patterns (before any Host) match all. */
    static boolean applies(List<String> patterns, String alias) {
        if (patterns == null) {
            return true;
        }
        boolean matched = false;
        for (String p : patterns) {
            if (p.startsWith("!")) {
                if (glob(p.substring(1), alias)) {
                    return false;
                }
            } else if (glob(p, alias)) {
                matched = true;
            }
        }
        return matched;
    }

    /** {@code *} any run of characters, {@code ?} one character; case-insensitive, as OpenSSH matches host names. */
    static boolean glob(String pattern, String text) {
        return glob(pattern.toLowerCase(Locale.ROOT), 0, text.toLowerCase(Locale.ROOT), 0);
    }

    private static boolean glob(String p, int pi, String t, int ti) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '*') {
                for (int k = ti; k <= t.length(); k++) {
                    if (glob(p, pi + 1, t, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (ti >= t.length() || (c != '?' && c != t.charAt(ti))) {
                return false;
            }
            pi++;
            ti++;
        }
        return ti == t.length();
    }

    /** Splits a line into words as OpenSSH does: blanks separate, double quotes group, {@code =} may follow the keyword. */
    static List<String> words(String line, Path file, int lineNo) throws CollectException {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = line.length();
        boolean first = true;
        while (i < n) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c) || (c == '=' && out.size() == 1 && !first)) {
                i++;
                continue;
            }
            if (c == '#') {
                break;
            }
            StringBuilder w = new StringBuilder();
            if (c == '"') {
                int end = line.indexOf('"', i + 1);
                if (end < 0) {
                    throw new CollectException(file + " line " + lineNo + ": a double quote is not closed");
                }
                w.append(line, i + 1, end);
                i = end + 1;
            } else {
                while (i < n && !Character.isWhitespace(line.charAt(i)) && !(first && line.charAt(i) == '=')) {
                    w.append(line.charAt(i));
                    i++;
                }
            }
            out.add(w.toString());
            first = false;
        }
        return out;
    }

    /** Reads files into entries, following Include. */
    private record Reader(Path sshDir, List<Entry> entries, List<String> notes) {
        void file(Path path, List<String> outerPatterns, boolean outerMatch, int depth) throws CollectException {
            if (depth > MAX_INCLUDE_DEPTH) {
                throw new CollectException(path + ": Include nested more than " + MAX_INCLUDE_DEPTH + " deep (a loop?)");
            }
            List<String> lines;
            try {
                lines = Files.readAllLines(path, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CollectException("ssh config file " + path + " cannot be read: " + e.getMessage(), e);
            }
            List<String> patterns = outerPatterns;
            boolean inMatch = outerMatch;
            for (int i = 0; i < lines.size(); i++) {
                int lineNo = i + 1;
                List<String> w = words(lines.get(i), path, lineNo);
                if (w.isEmpty()) {
                    continue;
                }
                String keyword = w.getFirst().toLowerCase(Locale.ROOT);
                List<String> args = w.subList(1, w.size());
                switch (keyword) {
                    case "host" -> {
                        if (args.isEmpty()) {
                            throw new CollectException(path + " line " + lineNo + ": Host needs at least one pattern");
                        }
                        patterns = List.copyOf(args);
                        inMatch = false;
                    }
                    case "match" -> {
                        inMatch = true;
                        notes.add(path + " line " + lineNo + ": Match sections are not evaluated by Faultline; the lines "
                                + "under '" + String.join(" ", w) + "' are skipped");
                    }
                    case "include" -> {
                        for (String arg : args) {
                            for (Path inc : expandInclude(arg, path, lineNo)) {
                                file(inc, patterns, inMatch, depth + 1);
                            }
                        }
                    }
                    default -> {
                        if (args.isEmpty()) {
                            throw new CollectException(path + " line " + lineNo + ": " + w.getFirst() + " has no value");
                        }
                        entries.add(new Entry(patterns, inMatch, keyword, List.copyOf(args), path, lineNo));
                    }
                }
            }
        }

        /** An Include argument: {@code ~} expanded, relative to {@code ~/.ssh}, a glob in the last path step. */
        private List<Path> expandInclude(String arg, Path from, int lineNo) throws CollectException {
            String home = System.getProperty("user.home");
            String a = arg.startsWith("~/") ? home + arg.substring(1) : arg;
            Path p = Path.of(a);
            if (!p.isAbsolute()) {
                p = sshDir.resolve(p);
            }
            Path dir = p.getParent();
            String name = p.getFileName().toString();
            if (dir != null && dir.toString().matches(".*[*?].*")) {
                throw new CollectException(from + " line " + lineNo + ": Include '" + arg + "' has a wildcard in a "
                        + "directory; only the last step of the path may have one here");
            }
            if (!name.contains("*") && !name.contains("?")) {
                return Files.isRegularFile(p) ? List.of(p) : List.of();
            }
            List<Path> out = new ArrayList<>();
            if (dir == null || !Files.isDirectory(dir)) {
                return out;
            }
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path f : ds) {
                    if (Files.isRegularFile(f) && glob(name, 0, f.getFileName().toString(), 0)) {
                        out.add(f);
                    }
                }
            } catch (IOException e) {
                throw new CollectException(from + " line " + lineNo + ": Include '" + arg + "' cannot list " + dir + ": "
                        + e.getMessage(), e);
            }
            out.sort(null);
            return out;
        }
    }
}
