package io.faultline.collect;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where to connect: {@code USER@HOST[:PORT]}; an IPv6 address goes in brackets. */
public record SshTarget(String user, String host, int port) {
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,63}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})|[0-9A-Fa-f:.]{2,45}");
    private static final Pattern FORM = Pattern.compile("([^@]+)@(\\[([^\\]]+)]|[^:\\[\\]]+)(?::(\\d{1,5}))?");

    public SshTarget {
        if (user == null || !USER.matcher(user).matches()) {
            throw new IllegalArgumentException("user '" + user + "' is not a valid user name");
        }
        if (host == null || !HOST.matcher(host).matches()) {
            throw new IllegalArgumentException("host '" + host + "' is not a valid host name or address");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is out of range 1-65535");
        }
    }

    public static SshTarget parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not USER@HOST[:PORT] (e.g. ops@web-01:2222, ops@[2001:db8::1]:22)");
        }
        String host = m.group(3) != null ? m.group(3) : m.group(2);
        int port = m.group(4) == null ? 22 : Integer.parseInt(m.group(4));
        return new SshTarget(m.group(1), host, port);
    }

    /** The host as known_hosts and ssh-keyscan name it: {@code host}, or {@code [host]:port} off port 22. */
    public String knownHostsName() {
        return port == 22 ? host : "[" + host + "]:" + port;
    }

    /** A name usable as a directory in the bundle. */
    public String entryName() {
        return host.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    @Override
    public String toString() {
        return user + "@" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
