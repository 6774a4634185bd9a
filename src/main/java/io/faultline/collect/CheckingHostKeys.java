package io.faultline.collect;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.UserInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;

/**
 * The known_hosts files, remembering the key the server offered and the verdict, so that a refusal can show the
 * key's fingerprint. A changed key is always refused. An unknown key is refused too, unless a person can be asked:
 * then the question shows its SHA256 fingerprint as OpenSSH does, and only a typed {@code yes} (or the fingerprint
 * itself) accepts it, adding a hashed line to the first known_hosts file.
 */
final class CheckingHostKeys implements HostKeyRepository {
    private static final Logger LOG = LoggerFactory.getLogger(CheckingHostKeys.class);
    private static final int SALT_BYTES = 20;

    private final HostKeyRepository knownHosts;
    private final Prompter prompter;
    private final Path writeTo;
    private byte[] offered;
    private String offeredType;
    private byte[] accepted;
    private int verdict = -1;

    /** Read-only: unknown keys are refused. */
    CheckingHostKeys(HostKeyRepository knownHosts) {
        this(knownHosts, null, null);
    }

    /**
     * @param prompter asked about an unknown key, or null to refuse it
     * @param writeTo  the known_hosts file an accepted key is added to
     */
    CheckingHostKeys(HostKeyRepository knownHosts, Prompter prompter, Path writeTo) {
        this.knownHosts = knownHosts;
        this.prompter = prompter;
        this.writeTo = writeTo;
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
        if (v == NOT_INCLUDED && accepted != null && MessageDigest.isEqual(accepted, key)) {
            v = OK;
        } else if (v == NOT_INCLUDED && prompter != null && prompter.canAsk() && ask(host, key)) {
            accepted = key.clone();
            v = OK;
        }
        verdict = v;
        return verdict;
    }

    /** Asks once, as OpenSSH words it; adds the key to {@link #writeTo} only on {@code yes} or the fingerprint. */
    private boolean ask(String host, byte[] key) {
        String fp = fingerprint(key);
        String answer = prompter.ask("The authenticity of host '" + host + "' can't be established.\n"
                + displayType(offeredType) + " key fingerprint is " + fp + ".\n"
                + "Are you sure you want to continue connecting (yes/no/[fingerprint])? ");
        String a = answer == null ? "" : answer.strip();
        if (!a.equalsIgnoreCase("yes") && !a.equals(fp)) {
            return false;
        }
        try {
            append(writeTo, host, offeredType, key);
            prompter.tell("Warning: Permanently added '" + host + "' (" + displayType(offeredType) + ") to the list of known"
                    + " hosts in " + writeTo + ".");
        } catch (IOException e) {
            LOG.warn("could not add the host key of {} to {}: {}", host, writeTo, e.getMessage());
            prompter.tell("Failed to add the host key of '" + host + "' to " + writeTo + " (" + e.getMessage()
                    + "); it is accepted for this connection only.");
        }
        return true;
    }

    /** Appends {@code |1|salt|hash type key} as {@code ssh-keygen -H} writes it, creating the file (and ~/.ssh) if needed. */
    static void append(Path file, String host, String type, byte[] key) throws IOException {
        byte[] salt = new byte[SALT_BYTES];
        new SecureRandom().nextBytes(salt);
        String line = "|1|" + Base64.getEncoder().encodeToString(salt) + "|"
                + Base64.getEncoder().encodeToString(hmac(salt, host)) + " " + type + " "
                + Base64.getEncoder().encodeToString(key) + "\n";
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        byte[] existing = Files.isRegularFile(file) ? Files.readAllBytes(file) : new byte[0];
        String prefix = existing.length > 0 && existing[existing.length - 1] != '\n' ? "\n" : "";
        Files.writeString(file, prefix + line, StandardCharsets.US_ASCII, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** {@code ED25519}, {@code ECDSA}, {@code RSA}: how OpenSSH names a key type in its question. */
    static String displayType(String type) {
        if (type.contains("ed25519")) {
            return "ED25519";
        }
        if (type.contains("ecdsa")) {
            return "ECDSA";
        }
        if (type.contains("rsa")) {
            return "RSA";
        }
        return type.toUpperCase(Locale.ROOT);
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
            return MessageDigest.isEqual(expected, hmac(salt, name));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] hmac(byte[] salt, String name) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(salt, "HmacSHA1"));
            return mac.doFinal(name.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 missing from this JDK", e);
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
