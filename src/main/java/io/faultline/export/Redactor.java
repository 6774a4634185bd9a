package io.faultline.export;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.capture.Bundle;
import io.faultline.capture.Json;
import io.faultline.capture.Manifest;
import io.faultline.capture.SourceKind;
import io.faultline.ingest.FileImporter;
import io.faultline.model.Annotation;
import io.faultline.model.AnnotationLayer;
import io.faultline.model.AnnotationTarget;
import io.faultline.model.CausalLink;
import io.faultline.model.Container;
import io.faultline.model.Diagnostic;
import io.faultline.model.Event;
import io.faultline.model.EventTable;
import io.faultline.model.Evidence;
import io.faultline.model.HostInfo;
import io.faultline.model.Series;
import io.faultline.model.Span;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds what an export must not carry and proposes a {@link Redaction}: IP addresses (v4 and v6, also as
 * {@code ip:port}, {@code [v6]:port}), user names (sshd and PAM lines, {@code USER=}/{@code user=}, URL user info,
 * the capture's SSH users and docker's {@code Config.User}), host names (the capture's hosts, {@code _HOSTNAME}, the
 * host column, a container's chosen {@code Config.Hostname}, every FQDN in the domain of a host), e-mail addresses and
 * secrets ({@code name=value} where the name looks secret, {@code Authorization:}/{@code Bearer} tokens,
 * {@code --password}, {@code -p} in healthcheck commands, URL passwords, the values of secret-looking
 * {@code Config.Env} names). docs/export-redaction.md lists the rules and what is kept.
 *
 * <p>Three passes over the texts: find the terms, count each term's whole-word occurrences, and (by the
 * exporter) replace them. Terms are numbered per kind in the order they first appear, so {@code ip-1} is the first
 * address of the timeline.
 */
public final class Redactor {
    /** System accounts: they name no one, and "root" replaced everywhere would garble "root cause". Not proposed. */
    public static final Set<String> SYSTEM_ACCOUNTS = Set.of("root", "nobody", "daemon", "bin", "sys", "sync", "games",
            "man", "lp", "mail", "news", "uucp", "proxy", "www-data", "backup", "list", "irc", "gnats", "sshd",
            "messagebus", "syslog", "_apt", "polkitd", "unknown", "invalid", "UNKNOWN");
    /** Terms shorter than this are not proposed: replacing every "ab" would shred the text. */
    static final int MIN_LENGTH = 2;
    /** Secrets shorter than this are not proposed (a 3-character value replaced everywhere hits numbers and words). */
    static final int MIN_SECRET_LENGTH = 4;
    /** Texts up to this long are remembered once scanned or counted, at most {@link #MEMO_TEXTS} of them. */
    static final int MEMO_TEXT_LENGTH = 256;
    static final int MEMO_TEXTS = 200_000;
    /** Domains whose "addresses" are protocol names ({@code ecdsa-sha2-nistp256-cert-v01@openssh.com}). */
    private static final Set<String> PROTOCOL_DOMAINS = Set.of("openssh.com", "libssh.org");
    /** Names of no machine: loopback names, and the host Faultline gives imported files. */
    private static final Set<String> LOCAL_NAMES = Set.of("localhost", "localhost.localdomain", "localdomain",
            FileImporter.DEFAULT_HOST);
    /** Event fields whose value is a host name or a user name. */
    private static final Set<String> HOST_FIELDS = Set.of("_HOSTNAME", "HOSTNAME", "hostname");
    private static final Set<String> USER_FIELDS = Set.of("USER", "USERNAME", "LOGNAME", "user", "username", "_SSH_USER");

    private static final Pattern IPV4 = Pattern.compile("(?<![\\d.])(?:\\d{1,3}\\.){3}\\d{1,3}(?!\\d|\\.\\d)");
    private static final Pattern EMAIL = Pattern.compile(
            "(?<![\\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\\.[A-Za-z]{2,24}(?![\\w-])");
    private static final Pattern URL_USERINFO = Pattern.compile("\\b[A-Za-z][A-Za-z0-9+.-]*://([^\\s/?#@:\\[\\]]+)(?::([^\\s/?#@]*))?@");
    /** The user name patterns, each run only on a text holding its literal (a regex alternation of them is slow). */
    private record UserPattern(String literal, Pattern pattern) {
        UserPattern(String literal, String regex) {
            this(literal, Pattern.compile(regex));
        }
    }

    private static final List<UserPattern> USER = List.of(
            new UserPattern("nvalid user ", "(?:Invalid|invalid) user (\\S+) from"),
            new UserPattern("llegal user ", "(?:Illegal|illegal) user (\\S+) from"),
            new UserPattern("for ", "for (?:invalid |illegal )?user ([^\\s(]+)"),
            new UserPattern(" for ", "(?:Failed|Accepted|Postponed) [\\w/-]+ for (?!invalid user |illegal user )(\\S+) from"),
            new UserPattern("user ", "(?:by|from) (?:invalid |authenticating |illegal )?user (\\S+) (?=\\S+ port|\\[)"),
            new UserPattern("User ", "User (\\S+) from \\S+ not allowed"),
            new UserPattern("Close session: ", "Close session: user (\\S+) from"),
            new UserPattern("Starting session: ", "Starting session: .{0,80}? for (\\S+) from"),
            new UserPattern("=", "(?<![\\w-])(?:USER|user|ruser|logname|LOGNAME|USERNAME|username)=([^\\s;,()'\"]+)"),
            new UserPattern("(uid=", " by ([^\\s(]+)\\(uid=\\d+\\)"),
            new UserPattern(" : ", "(?:^|:\\s+)([\\w.-]+) : (?:TTY|PWD|USER)="));
    /** The name before a {@code =} that makes its value a secret (the name ends in one of these words). */
    private static final Pattern SECRET_ASSIGNMENT_NAME = Pattern.compile(
            "(?i).*(?:password|passwd|passphrase|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|key|credentials?"
                    + "|signature|sig|auth)");
    private static final Pattern ASSIGNED_VALUE = Pattern.compile("\\s*(\"[^\"]*\"|'[^']*'|[^\\s&;,'\"#]+)");
    private static final Pattern SECRET_OPTION = Pattern.compile(
            "(?i)(?<![\\w-])--[\\w-]*(?:password|passwd|pass|secret|token|key|credentials?)[ =]+(\"[^\"]*\"|'[^']*'|[^\\s'\"]+)");
    private static final Pattern BEARER = Pattern.compile(
            "(?i)(?:\\bbearer\\s+|authorization:\\s*(?:(?:basic|bearer|token|digest)\\s+)?)([A-Za-z0-9._~+/=-]{4,})");
    /** In healthcheck commands only: {@code -p pass}, {@code -ppass} (mysql), {@code -a pass} (redis-cli), {@code -u user:pass}. */
    private static final Pattern COMMAND_SECRET = Pattern.compile(
            "(?<!\\S)(?:-p\\s*|-a\\s+|-u\\s*[^\\s:]+:)(\"[^\"]*\"|'[^']*'|[^\\s'\"-][^\\s'\"]*)");
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(password|passwd|passphrase|secret|token|api_?key|access_?key|private_?key|_key$|^key$|credentials?|auth).*");

    private final Map<String, Redaction.Kind> found = new LinkedHashMap<>();
    private final Set<String> taken = new HashSet<>();
    private final Set<String> hostsSeen = new HashSet<>();
    private final Set<String> scanned = new HashSet<>();
    private final List<Pattern> domainPatterns = new ArrayList<>();

    private Redactor() {
    }

    /**
     * Terms known from the bundle beside what the texts show: the capture's hosts and SSH users (manifest), and each
     * inspected container's {@code Config.User}, chosen {@code Config.Hostname}, {@code Config.Domainname} and the
     * values of its secret-looking {@code Config.Env} names.
     */
    public record Known(List<String> hosts, List<String> users, List<String> secrets) {
        public Known {
            hosts = List.copyOf(hosts);
            users = List.copyOf(users);
            secrets = List.copyOf(secrets);
        }

        public static Known none() {
            return new Known(List.of(), List.of(), List.of());
        }

        /** What the manifest and the raw docker-inspect entries of {@code b} name. An unreadable inspect adds nothing. */
        public static Known of(Bundle b) throws IOException {
            List<String> hosts = new ArrayList<>();
            List<String> users = new ArrayList<>();
            List<String> secrets = new ArrayList<>();
            for (Manifest.Host h : b.manifest().hosts()) {
                hosts.add(h.name());
                if (h.user() != null) {
                    users.add(h.user());
                }
            }
            for (Manifest.Entry e : b.manifest().entries()) {
                if (e.sourceKind() == SourceKind.DOCKER_INSPECT && e.bytes() <= Bundle.SMALL_ENTRY_LIMIT) {
                    inspect(b.readEntry(e.path()), hosts, users, secrets);
                }
            }
            return new Known(hosts, users, secrets);
        }

        private static void inspect(byte[] raw, List<String> hosts, List<String> users, List<String> secrets) {
            JsonNode root;
            try {
                root = Json.mapper().readTree(raw);
            } catch (IOException e) {
                return;
            }
            for (JsonNode c : root.isArray() ? root : List.of(root)) {
                JsonNode config = c.path("Config");
                String id = c.path("Id").asText("");
                String user = config.path("User").asText("");
                int colon = user.indexOf(':');
                users.add(colon >= 0 ? user.substring(0, colon) : user);
                String hostname = config.path("Hostname").asText("");
                if (!(hostname.length() >= 12 && id.startsWith(hostname))) {
                    hosts.add(hostname);
                }
                String domain = config.path("Domainname").asText("");
                if (!domain.isEmpty()) {
                    hosts.add(hostname.isEmpty() ? domain : hostname + "." + domain);
                }
                for (JsonNode env : config.path("Env")) {
                    String s = env.asText("");
                    int eq = s.indexOf('=');
                    if (eq > 0 && SECRET_NAME.matcher(s.substring(0, eq)).matches()) {
                        secrets.add(s.substring(eq + 1));
                    }
                }
            }
        }
    }

    /**
     * The redaction proposed for exporting {@code ev} and {@code ann} under {@code title}: every term found or known,
     * counted, with the user's own terms (also counted). Terms that occur nowhere in the texts are left out.
     */
    public static Redaction propose(Evidence ev, AnnotationLayer ann, String title, Known known, List<String> own) {
        Redactor r = new Redactor();
        for (String h : known.hosts()) {
            r.host(h);
        }
        for (HostInfo h : ev.hosts()) {
            r.host(h.name());
        }
        if (ev.events() instanceof EventTable t) {
            for (String h : t.dictionary(EventTable.Column.HOST)) {
                r.host(h);
            }
        }
        int domains = r.domainPatterns.size();
        texts(ev, ann, title, r.scanner);
        if (r.domainPatterns.size() > domains) {
            // a host seen in the events named a domain: look for its other names in every text again
            List<Pattern> late = List.copyOf(r.domainPatterns.subList(domains, r.domainPatterns.size()));
            texts(ev, ann, title, (text, command) -> r.fqdns(late, text));
        }
        for (String u : known.users()) {
            r.user(u);
        }
        for (String s : known.secrets()) {
            r.add(s, Redaction.Kind.SECRET);
        }
        List<Redaction.Term> terms = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String t : own) {
            String text = t == null ? "" : t.strip();
            if (!text.isEmpty() && seen.add(text)) {
                terms.add(new Redaction.Term(text, Redaction.Kind.TERM, "", -1));
            }
        }
        r.found.forEach((text, kind) -> {
            if (seen.add(text)) {
                terms.add(new Redaction.Term(text, kind, "", -1));
            }
        });
        Redaction counted = Redaction.of(terms, r.taken).counted(ev, ann, title);
        List<Redaction.Term> kept = counted.terms().stream()
                .filter(t -> t.count() > 0 || t.kind() == Redaction.Kind.TERM).toList();
        return Redaction.of(kept, r.taken);
    }

    /**
     * Every text an export carries, with whether it is a command (healthcheck test): the title, host names, events
     * (id, host, unit, identifier, message, field names and values, origin), spans, series hosts, containers (name, host,
     * image, healthcheck), annotations
     * (target ids, notes, tags, authors), link notes, diagnostics.
     */
    static void texts(Evidence ev, AnnotationLayer ann, String title, Sink sink) {
        sink.accept(title, false);
        for (HostInfo h : ev.hosts()) {
            sink.accept(h.name(), false);
        }
        for (Event e : ev.events()) {
            sink.event(e);
            sink.accept(e.id(), false);
            sink.accept(e.host(), false);
            sink.accept(e.unit(), false);
            sink.accept(e.identifier(), false);
            sink.accept(e.message(), false);
            for (Map.Entry<String, String> f : e.fields().entrySet()) {
                sink.accept(f.getKey(), false);
                sink.accept(f.getValue(), false);
            }
            if (e.origin() != null) {
                sink.accept(e.origin().entry(), false);
            }
        }
        for (Span s : ev.spans()) {
            sink.accept(s.id(), false);
            sink.accept(s.host(), false);
            sink.accept(s.output(), false);
        }
        for (Series s : ev.series()) {
            sink.accept(s.host(), false);
        }
        for (Container c : ev.containers()) {
            sink.accept(c.name(), false);
            sink.accept(c.host(), false);
            sink.accept(c.image(), false);
            if (c.healthcheck() != null) {
                for (String t : c.healthcheck().test()) {
                    sink.accept(t, true);
                }
            }
            if (c.origin() != null) {
                sink.accept(c.origin().entry(), false);
            }
        }
        for (Annotation a : ann.annotations()) {
            switch (a.target()) {
                case AnnotationTarget.OnEvent e -> sink.accept(e.eventId(), false);
                case AnnotationTarget.OnSpan s -> sink.accept(s.spanId(), false);
                case AnnotationTarget.OnSeriesPoint p -> sink.accept(p.host(), false);
                case AnnotationTarget.OnRange r -> { }
            }
            sink.accept(a.note(), false);
            a.tags().forEach(t -> sink.accept(t, false));
            sink.accept(a.author(), false);
        }
        for (CausalLink l : ann.links()) {
            sink.accept(l.note(), false);
        }
        for (Diagnostic d : ev.diagnostics()) {
            sink.accept(d.where().entry(), false);
            sink.accept(d.reason(), false);
        }
    }

    /** Where {@link #texts} puts each text. */
    interface Sink {
        void accept(String text, boolean command);

        /** Each event, before its texts. */
        default void event(Event e) {
        }
    }

    private final Sink scanner = new Sink() {
        @Override
        public void accept(String text, boolean command) {
            scan(text, command);
        }

        @Override
        public void event(Event e) {
            host(e.host());
            for (Map.Entry<String, String> f : e.fields().entrySet()) {
                if (HOST_FIELDS.contains(f.getKey())) {
                    host(f.getValue());
                } else if (USER_FIELDS.contains(f.getKey()) && f.getValue() != null) {
                    user(f.getValue());
                }
            }
        }
    };

    private void fqdns(List<Pattern> patterns, String text) {
        if (text == null || text.indexOf('.') < 0) {
            return;
        }
        for (Pattern p : patterns) {
            Matcher d = p.matcher(text);
            while (d.find()) {
                add(d.group(), Redaction.Kind.HOST);
            }
        }
    }

    private void scan(String text, boolean command) {
        if (text == null || text.length() < MIN_LENGTH) {
            return;
        }
        // field names and most journal field values repeat in every entry: a text once scanned holds nothing new
        if (!command && text.length() <= MEMO_TEXT_LENGTH) {
            if (scanned.contains(text)) {
                return;
            }
            if (scanned.size() < MEMO_TEXTS) {
                scanned.add(text);
            }
        }
        Redaction.placeholderLike(text, taken);
        boolean dot = text.indexOf('.') >= 0;
        boolean colon = text.indexOf(':') >= 0;
        boolean at = text.indexOf('@') >= 0;
        boolean eq = text.indexOf('=') >= 0;
        if (at) {
            Matcher m = URL_USERINFO.matcher(text);
            while (m.find()) {
                user(m.group(1));
                if (m.group(2) != null) {
                    secret(m.group(2));
                }
            }
            m = EMAIL.matcher(text);
            while (m.find()) {
                String email = m.group();
                String domain = email.substring(email.indexOf('@') + 1).toLowerCase(Locale.ROOT);
                if (!PROTOCOL_DOMAINS.contains(domain)) {
                    add(email, Redaction.Kind.EMAIL);
                }
            }
        }
        if (dot) {
            Matcher m = IPV4.matcher(text);
            while (m.find()) {
                if (validV4(m.group())) {
                    add(m.group(), Redaction.Kind.IP);
                }
            }
            fqdns(domainPatterns, text);
        }
        if (colon) {
            ipv6(text);
        }
        for (UserPattern u : USER) {
            if (text.contains(u.literal())) {
                Matcher m = u.pattern().matcher(text);
                while (m.find()) {
                    user(m.group(1));
                }
            }
        }
        if (eq) {
            assignments(text);
        }
        if (text.indexOf("--") >= 0) {
            secrets(SECRET_OPTION, text);
        }
        if (text.indexOf("earer") >= 0 || text.indexOf("EARER") >= 0 || text.indexOf("uthorization") >= 0
                || text.indexOf("UTHORIZATION") >= 0) {
            secrets(BEARER, text);
        }
        if (command) {
            secrets(COMMAND_SECRET, text);
        }
    }

    /** {@code name=value} where the name ends in a secret-looking word: the value. Linear: walks from each {@code =}. */
    private void assignments(String text) {
        Matcher value = null;
        for (int eq = text.indexOf('='); eq >= 0; eq = text.indexOf('=', eq + 1)) {
            int end = eq;
            while (end > 0 && text.charAt(end - 1) == ' ') {
                end--;
            }
            int start = end;
            while (start > 0 && end - start < 64 && (TermMatcher.wordChar(text.charAt(start - 1)) || text.charAt(start - 1) == '.')) {
                start--;
            }
            if (start == end || !SECRET_ASSIGNMENT_NAME.matcher(text.subSequence(start, end)).matches()) {
                continue;
            }
            value = value == null ? ASSIGNED_VALUE.matcher(text) : value;
            value.region(eq + 1, text.length());
            if (value.lookingAt()) {
                secret(value.group(1));
            }
        }
    }

    private void secrets(Pattern p, String text) {
        Matcher m = p.matcher(text);
        while (m.find()) {
            secret(m.group(1));
        }
    }

    private void secret(String value) {
        String v = unquote(value);
        // a reference ($TOKEN, ${PASS}, %s) names where the secret is, not the secret
        if (v.length() >= MIN_SECRET_LENGTH && v.charAt(0) != '$' && v.charAt(0) != '%' && !v.chars().allMatch(c -> c == '*')) {
            add(v, Redaction.Kind.SECRET);
        }
    }

    private void user(String name) {
        String u = trimPunctuation(unquote(name));
        if (!SYSTEM_ACCOUNTS.contains(u) && !u.chars().allMatch(Character::isDigit)) {
            add(u, Redaction.Kind.USER);
        }
    }

    private void host(String name) {
        if (name == null || !hostsSeen.add(name)) {
            return;
        }
        String h = name.strip();
        if (h.isEmpty() || LOCAL_NAMES.contains(h.toLowerCase(Locale.ROOT))) {
            return;
        }
        if (validV4(h) || validV6(h)) {
            add(h, Redaction.Kind.IP);
            return;
        }
        add(h, Redaction.Kind.HOST);
        int dot = h.indexOf('.');
        if (dot > 0 && h.indexOf('.', dot + 1) > 0) {
            // every FQDN of the host's domain, and the domain
            String domain = h.substring(dot + 1);
            add(domain, Redaction.Kind.HOST);
            domainPatterns.add(Pattern.compile("(?<![\\w.-])(?:[A-Za-z0-9-]+\\.)+" + Pattern.quote(domain) + "(?![\\w-]|\\.\\w)",
                    Pattern.CASE_INSENSITIVE));
        }
    }

    private void add(String text, Redaction.Kind kind) {
        if (text == null || text.length() < MIN_LENGTH) {
            return;
        }
        found.putIfAbsent(text, kind);
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(v.length() - 1) == v.charAt(0)) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    private static String trimPunctuation(String v) {
        int s = 0;
        int e = v.length();
        while (s < e && "'\"([<".indexOf(v.charAt(s)) >= 0) {
            s++;
        }
        while (e > s && "'\"),;:]>.".indexOf(v.charAt(e - 1)) >= 0) {
            e--;
        }
        return v.substring(s, e);
    }

    static boolean validV4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    /** Finds IPv6 addresses: runs of hex digits, colons and dots that do not continue a word and parse as one. */
    private void ipv6(String text) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (!(hex(c) || c == ':') || (i > 0 && (TermMatcher.wordChar(text.charAt(i - 1)) || text.charAt(i - 1) == '.'))) {
                i++;
                continue;
            }
            int end = i;
            int colons = 0;
            while (end < n && (hex(text.charAt(end)) || text.charAt(end) == ':' || text.charAt(end) == '.')) {
                colons += text.charAt(end) == ':' ? 1 : 0;
                end++;
            }
            if (colons >= 2 && (end == n || !TermMatcher.wordChar(text.charAt(end)))) {
                String candidate = text.substring(i, end);
                // a trailing ':' or '.' belongs to the sentence (or to a port: "[::1]:22" is cut at ']')
                while (candidate.endsWith(".") || (candidate.endsWith(":") && !candidate.endsWith("::"))) {
                    candidate = candidate.substring(0, candidate.length() - 1);
                }
                if (validV6(candidate)) {
                    add(candidate, Redaction.Kind.IP);
                }
            }
            i = Math.max(end, i + 1);
        }
    }

    private static boolean hex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** A full or compressed IPv6 address (an embedded IPv4 tail allowed) with at least two groups, or {@code ::1}. */
    static boolean validV6(String s) {
        if (s.equals("::1")) {
            return true;
        }
        int dc = s.indexOf("::");
        if (dc >= 0 && s.indexOf("::", dc + 1) >= 0) {
            return false;
        }
        String head = dc >= 0 ? s.substring(0, dc) : s;
        String tail = dc >= 0 ? s.substring(dc + 2) : "";
        List<String> groups = new ArrayList<>();
        if (!head.isEmpty()) {
            groups.addAll(List.of(head.split(":", -1)));
        }
        if (!tail.isEmpty()) {
            groups.addAll(List.of(tail.split(":", -1)));
        }
        int count = 0;
        for (int i = 0; i < groups.size(); i++) {
            String g = groups.get(i);
            if (i == groups.size() - 1 && g.indexOf('.') >= 0) {
                if (!validV4(g)) {
                    return false;
                }
                count += 2;
            } else if (g.isEmpty() || g.length() > 4 || !g.chars().allMatch(ch -> hex((char) ch))) {
                return false;
            } else {
                count++;
            }
        }
        return dc >= 0 ? count <= 7 && groups.size() >= 2 : count == 8;
    }
}
