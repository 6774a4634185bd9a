package io.faultline.collect;

import java.util.regex.Pattern;

/** Where one hop connects: a checked user name, host name or address, and port ({@link SshRoute} resolves them). */
public record SshTarget(String user, String host, int port) {
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,63}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})|[0-9A-Fa-f:.]{2,45}");

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
