package io.faultline.collect;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.UserInfo;

import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The known_hosts file, read-only, remembering the key the server offered and the verdict, so that a
 * refusal can show the key's fingerprint. Adding keys is refused: known_hosts is the user's to edit.
 */
final class CheckingHostKeys implements HostKeyRepository {
    private final HostKeyRepository knownHosts;
    private byte[] offered;
    private String offeredType;
    private int verdict = -1;

    CheckingHostKeys(HostKeyRepository knownHosts) {
        this.knownHosts = knownHosts;
    }

    @Override
    public synchronized int check(String host, byte[] key) {
        offered = key.clone();
        offeredType = keyType(key);
        int v = knownHosts.check(host, key);
        if (v != NOT_INCLUDED && host.startsWith("[") && !hasEntryWithPort(host)) {
            // JSch falls back from [host]:port to the port-22 entry of host; OpenSSH does not, nor do we
            v = NOT_INCLUDED;
        }
        verdict = v;
        return verdict;
    }

    /** Whether some entry names {@code [host]:port} itself (plainly, in a pattern with a port, or hashed). */
    private boolean hasEntryWithPort(String bracketed) {
        HostKey[] all = knownHosts.getHostKey();
        if (all == null) {
            return false;
        }
        for (HostKey k : all) {
            String names = k.getHost();
            if (names == null) {
                continue;
            }
            if (names.startsWith("|1|")) {
                if (hashedMatches(names, bracketed)) {
                    return true;
                }
                continue;
            }
            for (String name : names.split(",")) {
                if (name.equals(bracketed) || name.startsWith("[") && (name.contains("*") || name.contains("?"))
                        && bracketed.endsWith(name.substring(name.lastIndexOf(']')))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** OpenSSH's hashed form: {@code |1|base64(salt)|base64(HMAC-SHA1(salt, name))}. */
    static boolean hashedMatches(String hashed, String name) {
        String[] parts = hashed.split("\\|");
        if (parts.length != 4) {
            return false;
        }
        try {
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(salt, "HmacSHA1"));
            return MessageDigest.isEqual(expected, mac.doFinal(name.getBytes(StandardCharsets.US_ASCII)));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    synchronized byte[] offeredKey() {
        return offered == null ? null : offered.clone();
    }

    synchronized String offeredType() {
        return offeredType;
    }

    /** {@link #OK}, {@link #NOT_INCLUDED}, {@link #CHANGED}, or -1 when no key was checked yet. */
    synchronized int verdict() {
        return verdict;
    }

    @Override
    public void add(HostKey hostkey, UserInfo ui) {
        throw new UnsupportedOperationException("host keys are never added automatically; use ssh-keyscan after checking the fingerprint");
    }

    @Override
    public void remove(String host, String type) {
        throw new UnsupportedOperationException("known_hosts is read-only here");
    }

    @Override
    public void remove(String host, String type, byte[] key) {
        throw new UnsupportedOperationException("known_hosts is read-only here");
    }

    @Override
    public String getKnownHostsRepositoryID() {
        return knownHosts.getKnownHostsRepositoryID();
    }

    @Override
    public HostKey[] getHostKey() {
        return knownHosts.getHostKey();
    }

    @Override
    public HostKey[] getHostKey(String host, String type) {
        return knownHosts.getHostKey(host, type);
    }

    /** {@code SHA256:} and the unpadded base64 of the key blob's SHA-256, as {@code ssh-keygen -l} prints it. */
    static String fingerprint(byte[] keyBlob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyBlob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this JDK", e);
        }
    }

    /** The algorithm name at the start of an SSH public key blob, e.g. {@code ssh-ed25519}. */
    static String keyType(byte[] blob) {
        if (blob.length >= 4) {
            int n = ((blob[0] & 0xff) << 24) | ((blob[1] & 0xff) << 16) | ((blob[2] & 0xff) << 8) | (blob[3] & 0xff);
            if (n > 0 && n < 64 && n <= blob.length - 4) {
                return new String(blob, 4, n, StandardCharsets.US_ASCII);
            }
        }
        return "key of unknown type";
    }
}
