package io.faultline.collect;

/** The server's host key is not in the known_hosts file, or differs from the one there. */
public final class HostKeyRejectedException extends CollectException {
    private final String fingerprint;
    private final boolean changed;

    public HostKeyRejectedException(String message, String fingerprint, boolean changed) {
        super(message);
        this.fingerprint = fingerprint;
        this.changed = changed;
    }

    /** The offered key's fingerprint as OpenSSH prints it: {@code SHA256:} and unpadded base64. */
    public String fingerprint() {
        return fingerprint;
    }

    /** True when known_hosts holds another key for this host; false when it holds none. */
    public boolean changed() {
        return changed;
    }
}
