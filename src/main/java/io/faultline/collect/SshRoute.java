package io.faultline.collect;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How to reach a host: the jump hosts to pass through ({@code ProxyJump}, first one dialled directly), the
 * destination, the known_hosts files every hop's key is checked against, the ssh-agent to ask for keys, and who to
 * ask for what a login needs. Built from an OpenSSH config by {@link #resolve}, or directly for one key and one file.
 */
public record SshRoute(List<Hop> jumps, Hop destination, List<Path> knownHosts, Path agentSocket, boolean askUnknownHostKeys,
                       Duration connectTimeout, Duration serverAliveInterval, Prompter prompter) {
    /** Longest ProxyJump chain followed (a longer one is most likely a loop in the config). */
    static final int MAX_JUMPS = 10;
    private static final List<String> DEFAULT_KEYS = List.of("id_rsa", "id_ecdsa", "id_ed25519");
    private static final Pattern SPEC = Pattern.compile("(?:ssh://)?(?:([^@\\s]+)@)?(\\[[^\\]]+]|[^:@\\s\\[\\]]+)(?::(\\d{1,5}))?");

    /**
     * One SSH server on the way. {@code identities} are tried in order after the agent's keys; {@code explicit} ones
     * were named by the user, so a missing one is an error rather than skipped.
     */
    public record Hop(String alias, SshTarget target, List<Path> identities, List<Path> explicitIdentities) {
        public Hop {
            Objects.requireNonNull(target, "target");
            identities = List.copyOf(identities);
            explicitIdentities = List.copyOf(explicitIdentities);
        }

        /** A hop with one key the user named. */
        public static Hop of(SshTarget target, Path identity) {
            return new Hop(target.host(), target, List.of(identity), List.of(identity));
        }
    }

    public SshRoute {
        jumps = List.copyOf(jumps);
        Objects.requireNonNull(destination, "destination");
        knownHosts = List.copyOf(knownHosts);
        if (knownHosts.isEmpty()) {
            throw new IllegalArgumentException("at least one known_hosts file is needed");
        }
        Objects.requireNonNull(prompter, "prompter");
    }

    /** One host, one key, one known_hosts file; no agent, nobody to ask. */
    public static SshRoute direct(SshTarget target, Path identity, Path knownHosts) {
        return new SshRoute(List.of(), Hop.of(target, identity), List.of(knownHosts), null, false, null, null, Prompter.NONE);
    }

    /** The file an accepted host key is added to: the first known_hosts file. */
    public Path knownHostsToWrite() {
        return knownHosts.getFirst();
    }

    /** Every hop in dialling order, the destination last. */
    public List<Hop> hops() {
        List<Hop> all = new ArrayList<>(jumps);
        all.add(destination);
        return all;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (Hop h : jumps) {
            b.append(h.target()).append(" → ");
        }
        return b.append(destination.target()).toString();
    }

    /** What the command line says, over the config: each null means "not given". */
    public record Overrides(Path identity, Path knownHosts) {
    }

    /** Where the user's files are and who the user is. */
    public record Local(Path home, String user, String agentSocketEnv, Path globalKnownHosts) {
        /** This process's user, home and {@code SSH_AUTH_SOCK}; the system's {@code /etc/ssh/ssh_known_hosts}. */
        public static Local current() {
            return new Local(Path.of(System.getProperty("user.home")), System.getProperty("user.name"),
                    System.getenv("SSH_AUTH_SOCK"), Path.of("/etc/ssh/ssh_known_hosts"));
        }

        Path sshDir() {
            return home.resolve(".ssh");
        }
    }

    /**
     * Resolves {@code [user@]host[:port]} through {@code config} as {@code ssh} does: {@code host} is matched against
     * the Host patterns, HostName/Port/User/IdentityFile/ProxyJump/ConnectTimeout/ServerAliveInterval/
     * UserKnownHostsFile/IdentityAgent/StrictHostKeyChecking/BatchMode are taken from it, a user or port typed on the command
     * line wins, and each jump host is resolved through the config in turn.
     *
     * @throws CollectException naming the config file and line of a value that cannot be used
     */
    public static SshRoute resolve(String hostArg, SshConfig config, Overrides overrides, Local local, Prompter prompter)
            throws CollectException {
        Spec spec = Spec.parse(hostArg, "--host");
        Map<String, List<String>> s = config.settings(spec.host());
        if ("yes".equalsIgnoreCase(first(s, "batchmode"))) {
            prompter = Prompter.NONE;
        }
        Hop destination = hop(spec, config, local, overrides.identity());
        List<Hop> jumps = jumps(spec.host(), config, local, 0);
        List<Path> knownHosts = new ArrayList<>();
        if (overrides.knownHosts() != null) {
            knownHosts.add(overrides.knownHosts());
        } else if (s.containsKey("userknownhostsfile")) {
            for (String f : s.get("userknownhostsfile")) {
                knownHosts.add(Path.of(expand(f, tokens(local, destination), config.where(spec.host(), "userknownhostsfile"))));
            }
        } else {
            knownHosts.add(local.sshDir().resolve("known_hosts"));
        }
        if (overrides.knownHosts() == null && Files.isRegularFile(local.globalKnownHosts())) {
            knownHosts.add(local.globalKnownHosts());
        }
        Path agent = agent(s, local, config, spec.host(), destination);
        String strict = first(s, "stricthostkeychecking");
        boolean ask = !"yes".equalsIgnoreCase(strict);
        Duration connect = seconds(s, "connecttimeout", config, spec.host());
        Duration alive = seconds(s, "serveraliveinterval", config, spec.host());
        return new SshRoute(jumps, destination, knownHosts, agent, ask && prompter.canAsk(), connect, alive, prompter);
    }

    private static Path agent(Map<String, List<String>> s, Local local, SshConfig config, String alias, Hop destination)
            throws CollectException {
        String identityAgent = first(s, "identityagent");
        String socket;
        if (identityAgent == null || identityAgent.equals("SSH_AUTH_SOCK") || identityAgent.equals("$SSH_AUTH_SOCK")) {
            socket = local.agentSocketEnv();
        } else if (identityAgent.equalsIgnoreCase("none")) {
            socket = null;
        } else {
            socket = expand(identityAgent, tokens(local, destination), config.where(alias, "identityagent"));
        }
        if ("yes".equalsIgnoreCase(first(s, "identitiesonly")) || socket == null || socket.isBlank()) {
            return null;
        }
        return Path.of(socket);
    }

    /** The jump hosts before {@code alias}: its ProxyJump list, the first one's own ProxyJump chain before it. */
    private static List<Hop> jumps(String alias, SshConfig config, Local local, int depth) throws CollectException {
        String proxyJump = first(config.settings(alias), "proxyjump");
        if (config.settings(alias).containsKey("proxycommand") && proxyJump == null) {
            String pc = String.join(" ", config.settings(alias).get("proxycommand"));
            if (!pc.equalsIgnoreCase("none")) {
                throw new CollectException(config.where(alias, "proxycommand") + ": ProxyCommand '" + pc + "' is not "
                        + "supported by Faultline; reach " + alias + " with ProxyJump instead");
            }
        }
        if (proxyJump == null || proxyJump.equalsIgnoreCase("none")) {
            return List.of();
        }
        if (depth >= MAX_JUMPS) {
            throw new CollectException(config.where(alias, "proxyjump") + ": the ProxyJump chain is longer than " + MAX_JUMPS
                    + " hosts (does it loop back to " + alias + "?)");
        }
        String where = config.where(alias, "proxyjump");
        List<Hop> out = new ArrayList<>();
        String[] parts = proxyJump.split(",");
        for (int i = 0; i < parts.length; i++) {
            Spec spec = Spec.parse(parts[i].strip(), where + ": ProxyJump");
            if (i == 0) {
                out.addAll(jumps(spec.host(), config, local, depth + 1));
            }
            out.add(hop(spec, config, local, null));
            if (out.size() > MAX_JUMPS) {
                throw new CollectException(where + ": the ProxyJump chain is longer than " + MAX_JUMPS + " hosts");
            }
        }
        return out;
    }

    private static Hop hop(Spec spec, SshConfig config, Local local, Path cliIdentity) throws CollectException {
        Map<String, List<String>> s = config.settings(spec.host());
        String alias = spec.host();
        String hostName = first(s, "hostname");
        String host = hostName == null ? alias : expandHostName(hostName, alias, config.where(alias, "hostname"));
        String user = spec.user() != null ? spec.user() : first(s, "user");
        if (user == null) {
            user = local.user();
        }
        int port = spec.port() != null ? spec.port() : 22;
        if (spec.port() == null && first(s, "port") != null) {
            port = number(first(s, "port"), config.where(alias, "port") + ": Port", 1, 65_535);
        }
        SshTarget target;
        try {
            target = new SshTarget(user, host, port);
        } catch (IllegalArgumentException e) {
            throw new CollectException("cannot connect to '" + alias + "': " + e.getMessage()
                    + (hostName == null ? "" : " (HostName from " + config.where(alias, "hostname") + ")"), e);
        }
        Map<Character, String> tokens = tokens(local, new Hop(alias, target, List.of(), List.of()));
        List<Path> explicit = new ArrayList<>();
        if (cliIdentity != null) {
            explicit.add(cliIdentity);
        }
        for (String f : s.getOrDefault("identityfile", List.of())) {
            if (!f.equalsIgnoreCase("none")) {
                explicit.add(Path.of(expand(f, tokens, config.where(alias, "identityfile"))));
            }
        }
        List<Path> identities = new ArrayList<>(explicit);
        if (explicit.isEmpty()) {
            for (String name : DEFAULT_KEYS) {
                identities.add(local.sshDir().resolve(name));
            }
        }
        return new Hop(alias, target, identities, explicit);
    }

    private static Map<Character, String> tokens(Local local, Hop hop) {
        SshTarget t = hop.target();
        return Map.of('d', local.home().toString(), 'u', local.user(), 'h', t.host(), 'r', t.user(),
                'p', Integer.toString(t.port()), 'n', hop.alias() == null ? t.host() : hop.alias(), '%', "%");
    }

    /** {@code ~/} and {@code %x} tokens (%d home, %u local user, %h host, %r remote user, %p port, %n alias, %%). */
    static String expand(String value, Map<Character, String> tokens, String where) throws CollectException {
        String v = value.startsWith("~/") ? tokens.get('d') + value.substring(1) : value;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c != '%') {
                b.append(c);
                continue;
            }
            if (i + 1 >= v.length() || !tokens.containsKey(v.charAt(i + 1))) {
                throw new CollectException(where + ": '" + value + "' has the token %"
                        + (i + 1 < v.length() ? v.charAt(i + 1) : "") + ", which Faultline does not expand (it knows "
                        + "%d %u %h %r %p %n %%)");
            }
            b.append(tokens.get(v.charAt(++i)));
        }
        return b.toString();
    }

    private static String expandHostName(String hostName, String alias, String where) throws CollectException {
        return expand(hostName, Map.of('h', alias, '%', "%"), where);
    }

    private static String first(Map<String, List<String>> s, String keyword) {
        List<String> v = s.get(keyword);
        return v == null || v.isEmpty() ? null : v.getFirst();
    }

    private static Duration seconds(Map<String, List<String>> s, String keyword, SshConfig config, String alias)
            throws CollectException {
        String v = first(s, keyword);
        if (v == null) {
            return null;
        }
        int n = number(v, config.where(alias, keyword) + ": " + keyword, 0, 86_400);
        return n == 0 ? null : Duration.ofSeconds(n);
    }

    private static int number(String text, String what, int min, int max) throws CollectException {
        try {
            int n = Integer.parseInt(text);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new CollectException(what + " '" + text + "' is not a whole number from " + min + " to " + max);
    }

    /** {@code [user@]host[:port]}, {@code ssh://[user@]host[:port]}, or an IPv6 address in brackets. */
    record Spec(String user, String host, Integer port) {
        static Spec parse(String text, String what) throws CollectException {
            Matcher m = SPEC.matcher(text == null ? "" : text.strip());
            if (!m.matches()) {
                throw new CollectException(what + " '" + text + "' is not [USER@]HOST[:PORT] (a Host alias from the ssh "
                        + "config, or e.g. ops@web-01:2222, ops@[2001:db8::1]:22)");
            }
            String host = m.group(2);
            if (host.startsWith("[")) {
                host = host.substring(1, host.length() - 1);
            }
            Integer port = m.group(3) == null ? null : Integer.valueOf(m.group(3));
            return new Spec(m.group(1), host.toLowerCase(Locale.ROOT), port);
        }
    }
}
