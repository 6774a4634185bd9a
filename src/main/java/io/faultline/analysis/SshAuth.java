package io.faultline.analysis;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one sshd log line says about logins: a failure from an address (wrong password, unknown user, a client that
 * gave up while authenticating, too many attempts), a session opened, or a session refused. Lines that say nothing
 * about either (key exchange, disconnects after a session, PAM's duplicates of a failure) are not classified.
 *
 * @param kind    what happened
 * @param address the client's address; null when the line names none ({@code error: no more sessions},
 *                {@code session opened} from PAM)
 * @param user    the user the client tried or got; null when the line names none
 */
public record SshAuth(Kind kind, String address, String user) {

    /** The kinds of line, failures first. */
    public enum Kind {
        FAILED_PASSWORD(true, "failed password"),
        FAILED_PUBLICKEY(true, "failed publickey"),
        INVALID_USER(true, "invalid user"),
        NOT_ALLOWED(true, "user not allowed"),
        CLOSED_AUTHENTICATING(true, "closed while authenticating"),
        MAX_AUTH_ATTEMPTS(true, "too many authentication attempts"),
        SESSION_OPENED(false, "session opened"),
        SESSION_REFUSED(false, "session refused");

        private final boolean failure;
        private final String label;

        Kind(boolean failure, String label) {
            this.failure = failure;
            this.label = label;
        }

        /** True for a failed or abandoned login attempt from an address. */
        public boolean failure() {
            return failure;
        }

        public String label() {
            return label;
        }
    }

    private static final String ADDR = "([0-9A-Fa-f:.]+|\\S+)";
    private static final List<Rule> RULES = List.of(
            new Rule(Kind.FAILED_PASSWORD, "^Failed (?:password|keyboard-interactive/pam|none) for (?:invalid user )?(\\S*) from " + ADDR + " port \\d+"),
            new Rule(Kind.FAILED_PUBLICKEY, "^Failed (?:publickey|hostbased) for (?:invalid user )?(\\S*) from " + ADDR + " port \\d+"),
            new Rule(Kind.MAX_AUTH_ATTEMPTS, "^(?:error: )?maximum authentication attempts exceeded for (?:invalid user )?(\\S*) from " + ADDR + " port \\d+"),
            new Rule(Kind.MAX_AUTH_ATTEMPTS, "^Disconnecting (?:authenticating|invalid) user (\\S*) " + ADDR + " port \\d+: Too many authentication failures"),
            new Rule(Kind.INVALID_USER, "^Invalid user (\\S*) from " + ADDR + "(?: port \\d+)?"),
            new Rule(Kind.NOT_ALLOWED, "^User (\\S*) from " + ADDR + " not allowed because"),
            new Rule(Kind.CLOSED_AUTHENTICATING, "^(?:Connection closed by|Disconnected from) (?:authenticating|invalid) user (\\S*) " + ADDR + " port \\d+"),
            new Rule(Kind.SESSION_OPENED, "^Accepted \\S+ for (\\S+) from " + ADDR + " port \\d+"),
            new Rule(Kind.SESSION_OPENED, "^pam_unix\\(sshd:session\\): session opened for user (\\S+?)(?:\\(uid=\\d+\\))?(?: by .*)?$"),
            new Rule(Kind.SESSION_REFUSED, "^error: no more sessions$"),
            new Rule(Kind.SESSION_REFUSED, "^refused connect from (?:\\S+ \\()?" + ADDR + "\\)?"),
            new Rule(Kind.SESSION_REFUSED, "^(?:error: )?connect_to .*: Connection refused"),
            new Rule(Kind.SESSION_REFUSED, "^(?:error: )?Connection refused"));

    private record Rule(Kind kind, Pattern pattern) {
        Rule(Kind kind, String regex) {
            this(kind, Pattern.compile(regex));
        }
    }

    /** The login meaning of an sshd message, or null when it has none. */
    public static SshAuth classify(String message) {
        if (message == null || message.isEmpty()) {
            return null;
        }
        String m = message.strip();
        for (Rule r : RULES) {
            Matcher matcher = r.pattern.matcher(m);
            if (matcher.find()) {
                String user = matcher.groupCount() >= 1 ? emptyToNull(matcher.group(1)) : null;
                String address = matcher.groupCount() >= 2 ? matcher.group(2) : null;
                if (r.kind == Kind.SESSION_REFUSED && matcher.groupCount() == 1) {
                    address = matcher.group(1);
                    user = null;
                }
                return new SshAuth(r.kind, address, user);
            }
        }
        return null;
    }

    /** True for the programs that write sshd's lines: sshd, and OpenSSH 9.8's sshd-session and sshd-auth; or the ssh unit. */
    public static boolean isSshd(String identifier, String unit) {
        if (identifier != null && (identifier.equals("sshd") || identifier.startsWith("sshd-"))) {
            return true;
        }
        return unit != null && (unit.equals("ssh.service") || unit.equals("sshd.service") || unit.startsWith("sshd@"));
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
