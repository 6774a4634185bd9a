package io.faultline.collect;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A command line for the remote POSIX shell, built only from validated pieces. Every word is
 * single-quoted, so no value can start a second command, expand a variable or redirect output.
 */
public final class RemoteCommand {
    private static final Pattern PROGRAM = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._+-]{0,63}");
    private static final Pattern OPTION = Pattern.compile("[A-Za-z0-9._=:/@%+,-]{1,64}");
    private static final Pattern CONTAINER_ID = Pattern.compile("[0-9a-f]{12,64}");
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._/-]{1,255}");
    /** A journal cursor as journalctl prints it in {@code __CURSOR}: {@code s=…;i=…;b=…;m=…;t=…;x=…}. */
    private static final Pattern CURSOR = Pattern.compile("[a-z]=[0-9a-f]{1,64}(;[a-z]=[0-9a-f]{1,64}){0,15}");
    /** What a compressed command writes to stderr after the command ends, followed by its exit status. */
    public static final String EXIT_STATUS_MARK = "faultline-exit-status ";

    private static final int BRIEF_LENGTH = 60;

    private final List<String> words;

    private RemoteCommand(List<String> words) {
        this.words = List.copyOf(words);
    }

    public static Builder program(String name) {
        return new Builder().word(checked(name, PROGRAM, "program name"));
    }

    /** Quotes one word for a POSIX shell: {@code '...'} with each {@code '} written as {@code '\''}. */
    public static String quote(String word) {
        if (word.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a shell word cannot contain a NUL byte");
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** The words, unquoted. */
    public List<String> words() {
        return words;
    }

    /** The same command run after {@code prefix} (e.g. {@code nice -n 19 ionice -c3}). */
    public RemoteCommand after(List<String> prefix) {
        List<String> all = new ArrayList<>();
        for (String p : prefix) {
            all.add(checked(p, OPTION, "prefix word"));
        }
        all.addAll(words);
        return new RemoteCommand(all);
    }

    /** The line to send: every word single-quoted, separated by spaces. */
    public String toShell() {
        StringBuilder b = new StringBuilder();
        for (String w : words) {
            if (!b.isEmpty()) {
                b.append(' ');
            }
            b.append(quote(w));
        }
        return b.toString();
    }

    /**
     * The line to send with the output compressed on the server:
     * {@code { CMD; echo "faultline-exit-status $?" >&2; } | PREFIX gzip -1} ({@code gzipPrefix} such as
     * {@code nice -n 19}). A pipeline's status is gzip's, so the command's own is written to stderr after it ends
     * (read back by {@link #exitStatus}); only fixed text is added around the quoted words.
     */
    public String toShellGzipped(List<String> gzipPrefix) {
        List<String> gzip = new ArrayList<>();
        for (String p : gzipPrefix) {
            gzip.add(quote(checked(p, OPTION, "prefix word")));
        }
        gzip.add("gzip");
        gzip.add("-1");
        return "{ " + toShell() + "; echo \"" + EXIT_STATUS_MARK + "$?\" >&2; } | " + String.join(" ", gzip);
    }

    /**
     * Splits the stderr of a {@link #toShellGzipped} command into the command's exit status (its last line, when there)
     * and the rest; {@code channelStatus} when the line is missing (the command was cut off).
     */
    public static Status exitStatus(String stderr, Integer channelStatus) {
        String s = stderr.endsWith("\n") ? stderr.substring(0, stderr.length() - 1) : stderr;
        int start = s.lastIndexOf('\n') + 1;
        if (s.startsWith(EXIT_STATUS_MARK, start)) {
            try {
                int code = Integer.parseInt(s.substring(start + EXIT_STATUS_MARK.length()).strip());
                return new Status(code, s.substring(0, start));
            } catch (NumberFormatException e) {
                return new Status(channelStatus, stderr);
            }
        }
        return new Status(channelStatus, stderr);
    }

    /** A command's exit status and its stderr without the status line. */
    public record Status(Integer exitCode, String stderr) {
    }

    /** For messages: the first words single-quoted, as many as fit in about 60 characters, then {@code …}. */
    public String brief() {
        StringBuilder b = new StringBuilder();
        for (String w : words) {
            String q = quote(w);
            if (!b.isEmpty() && b.length() + 1 + q.length() > BRIEF_LENGTH) {
                return b.append(" …").toString();
            }
            if (!b.isEmpty()) {
                b.append(' ');
            }
            b.append(q);
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return toShell();
    }

    private static String checked(String value, Pattern p, String what) {
        if (value == null || !p.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " '" + value + "' is not allowed in a remote command");
        }
        return value;
    }

    /** Adds validated words one by one. */
    public static final class Builder {
        private final List<String> words = new ArrayList<>();

        private Builder() {
        }

        private Builder word(String w) {
            words.add(w);
            return this;
        }

        /** A fixed option or option value written in our code, such as {@code -o} or {@code json}. */
        public Builder option(String option) {
            return word(checked(option, OPTION, "option"));
        }

        /** A Go template or similar fixed text written in our code; quoted, never validated away. */
        public Builder literal(String text) {
            return word(text);
        }

        /** An integer, e.g. epoch seconds. */
        public Builder integer(long value) {
            return word(Long.toString(value));
        }

        /** An epoch in journalctl's {@code @SECONDS} form. */
        public Builder atEpoch(long epochSeconds) {
            return word("@" + epochSeconds);
        }

        /** A journal cursor as journalctl printed it in {@code __CURSOR}. */
        public Builder journalCursor(String cursor) {
            return word(checked(cursor, CURSOR, "journal cursor"));
        }

        /** A docker container id: 12 to 64 lowercase hex digits. */
        public Builder containerId(String id) {
            return word(checked(id, CONTAINER_ID, "container id"));
        }

        /** An absolute path of plain characters (letters, digits, {@code . _ - /}) with no {@code ..} step. */
        public Builder path(String path) {
            checked(path, PATH, "path");
            if (path.contains("/../") || path.endsWith("/..")) {
                throw new IllegalArgumentException("path '" + path + "' is not allowed in a remote command");
            }
            return word(path);
        }

        public RemoteCommand build() {
            return new RemoteCommand(words);
        }
    }
}
