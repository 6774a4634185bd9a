package io.faultline.collect;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * One SSH connection with public-key authentication and a strict host key check against a
 * known_hosts file. Commands run one at a time in exec channels; their stdout streams to the caller.
 */
public final class SshSession implements AutoCloseable {
    /** stderr beyond this many bytes is cut off (a note says so). */
    public static final int STDERR_LIMIT = 1 << 20;
    private static final Logger LOG = LoggerFactory.getLogger(SshSession.class);
    private static final Duration SERVER_ALIVE_INTERVAL = Duration.ofSeconds(15);
    private static final int SERVER_ALIVE_COUNT_MAX = 4;
    private static final Duration EXIT_STATUS_WAIT = Duration.ofSeconds(30);

    private final SshTarget target;
    private final Session session;
    private final String hostKeySha256;

    private SshSession(SshTarget target, Session session, String hostKeySha256) {
        this.target = target;
        this.session = session;
        this.hostKeySha256 = hostKeySha256;
    }

    /**
     * Connects and authenticates.
     *
     * @throws HostKeyRejectedException when the host key is unknown or changed (the message shows its fingerprint)
     * @throws CollectException         for an unreadable file, failed authentication or an unreachable host
     */
    public static SshSession connect(SshTarget target, Path identity, Path knownHosts, Duration connectTimeout)
            throws CollectException {
        return connect(target, identity, knownHosts, connectTimeout, new CancelToken());
    }

    /** As {@link #connect(SshTarget, Path, Path, Duration)}; cancelling drops the connection attempt. */
    public static SshSession connect(SshTarget target, Path identity, Path knownHosts, Duration connectTimeout,
                                     CancelToken cancel) throws CollectException {
        if (!Files.isRegularFile(identity) || !Files.isReadable(identity)) {
            throw new CollectException("identity file " + identity + " does not exist or cannot be read");
        }
        if (!Files.isRegularFile(knownHosts) || !Files.isReadable(knownHosts)) {
            throw new CollectException("known_hosts file " + knownHosts + " does not exist or cannot be read; after checking "
                    + "the server's key fingerprint, create it with: " + keyscan(target, knownHosts));
        }
        JSch jsch = new JSch();
        try {
            if (com.jcraft.jsch.KeyPair.load(jsch, identity.toString()).isEncrypted()) {
                throw new CollectException("identity file " + identity + " is protected by a passphrase, and this version of"
                        + " Faultline cannot ask for one yet: use a copy without one"
                        + " (ssh-keygen -p -f COPY)");
            }
            jsch.addIdentity(identity.toString());
        } catch (JSchException e) {
            throw new CollectException("identity file " + identity + " is not a usable private key: " + e.getMessage()
                    + " (an unencrypted OpenSSH, PEM or PuTTY private key is needed)", e);
        }
        CheckingHostKeys hostKeys;
        try {
            jsch.setKnownHosts(knownHosts.toString());
            hostKeys = new CheckingHostKeys(jsch.getHostKeyRepository());
        } catch (JSchException e) {
            throw new CollectException("known_hosts file " + knownHosts + " cannot be read: " + e.getMessage(), e);
        }
        jsch.setHostKeyRepository(hostKeys);
        Session session;
        try {
            session = jsch.getSession(target.user(), target.host(), target.port());
        } catch (JSchException e) {
            throw new CollectException("cannot set up an SSH session for " + target + ": " + e.getMessage(), e);
        }
        session.setConfig("StrictHostKeyChecking", "yes");
        session.setConfig("PreferredAuthentications", "publickey");
        CancelToken.Registration onCancel = cancel.onCancel(session::disconnect);
        try {
            session.setServerAliveInterval((int) SERVER_ALIVE_INTERVAL.toMillis());
            session.setServerAliveCountMax(SERVER_ALIVE_COUNT_MAX);
            session.connect((int) connectTimeout.toMillis());
        } catch (JSchException e) {
            session.disconnect();
            if (cancel.isCancelled()) {
                throw new CollectException("cancelled while connecting to " + target + "; nothing was captured", e);
            }
            throw translate(e, target, identity, knownHosts, hostKeys, connectTimeout);
        } finally {
            onCancel.close();
        }
        if (cancel.isCancelled()) {
            session.disconnect();
            throw new CollectException("cancelled while connecting to " + target + "; nothing was captured");
        }
        byte[] key = hostKeys.offeredKey();
        if (key == null || hostKeys.verdict() != HostKeyRepository.OK) {
            session.disconnect();
            throw new CollectException("connected to " + target + " without a verified host key; refusing to go on");
        }
        String fp = CheckingHostKeys.fingerprint(key);
        LOG.info("connected to {} (host key {} {})", target, hostKeys.offeredType(), fp);
        return new SshSession(target, session, fp);
    }

    private static CollectException translate(JSchException e, SshTarget target, Path identity, Path knownHosts,
                                              CheckingHostKeys hostKeys, Duration connectTimeout) {
        byte[] key = hostKeys.offeredKey();
        if (key != null && hostKeys.verdict() == HostKeyRepository.NOT_INCLUDED) {
            String fp = CheckingHostKeys.fingerprint(key);
            return new HostKeyRejectedException("refused: the host key of " + target.knownHostsName() + " is not in "
                    + knownHosts + ". The server offered " + hostKeys.offeredType() + " key " + fp + ". Check this "
                    + "fingerprint with the server's administrator (on the server: ssh-keygen -lf /etc/ssh/ssh_host_"
                    + shortType(hostKeys.offeredType()) + "_key.pub); if it matches, add the key with: "
                    + keyscan(target, knownHosts), fp, false);
        }
        if (key != null && hostKeys.verdict() == HostKeyRepository.CHANGED) {
            String fp = CheckingHostKeys.fingerprint(key);
            return new HostKeyRejectedException("refused: the host key of " + target.knownHostsName() + " has CHANGED. "
                    + "The server offered " + hostKeys.offeredType() + " key " + fp + ", which differs from the key in "
                    + knownHosts + ". Someone may be intercepting the connection, or the server was reinstalled. Only if "
                    + "the server's administrator confirms " + fp + ": remove the old key with ssh-keygen -R '"
                    + target.knownHostsName() + "' -f " + knownHosts + " and add the new one with: "
                    + keyscan(target, knownHosts), fp, true);
        }
        String msg = String.valueOf(e.getMessage());
        String lower = msg.toLowerCase(Locale.ROOT);
        if (lower.startsWith("auth fail") || lower.startsWith("auth cancel") || lower.contains("userauth fail")) {
            return new CollectException("authentication failed for " + target + " with identity " + identity
                    + ": the server did not accept this key. Check that its public key is in ~" + target.user()
                    + "/.ssh/authorized_keys on " + target.host() + " and that the user name is right", e);
        }
        Throwable cause = e.getCause();
        if (cause instanceof UnknownHostException) {
            return new CollectException("cannot connect to " + target + ": unknown host " + target.host(), e);
        }
        if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
            return new CollectException("cannot connect to " + target + ": " + cause.getMessage()
                    + " (is sshd running and the port right?)", e);
        }
        if (cause instanceof SocketTimeoutException || lower.contains("timeout")) {
            return new CollectException("cannot connect to " + target + ": no answer within " + connectTimeout.toSeconds()
                    + " s", e);
        }
        return new CollectException("SSH connection to " + target + " failed: " + msg, e);
    }

    private static String shortType(String type) {
        if (type.contains("ed25519")) {
            return "ed25519";
        }
        if (type.contains("ecdsa")) {
            return "ecdsa";
        }
        if (type.contains("rsa")) {
            return "rsa";
        }
        return "*";
    }

    private static String keyscan(SshTarget target, Path knownHosts) {
        return "ssh-keyscan " + (target.port() == 22 ? "" : "-p " + target.port() + " ") + target.host() + " >> " + knownHosts;
    }

    public SshTarget target() {
        return target;
    }

    /** The verified host key's fingerprint, {@code SHA256:...}. */
    public String hostKeySha256() {
        return hostKeySha256;
    }

    /**
     * Runs one command, copying its stdout into {@code out} as it arrives. Cancelling closes the channel;
     * the method then returns with {@code cancelled=true} and no exit code.
     *
     * @throws ConnectionLostException when the connection fails (other than by cancelling)
     * @throws IOException             when {@code out} fails
     */
    public ExecResult exec(String command, OutputStream out, CancelToken cancel) throws IOException {
        ChannelExec channel;
        try {
            channel = (ChannelExec) session.openChannel("exec");
        } catch (JSchException e) {
            throw new ConnectionLostException("cannot open a channel to " + target + ": " + e.getMessage(), e);
        }
        BoundedBuffer stderr = new BoundedBuffer(STDERR_LIMIT);
        long bytes = 0;
        CancelToken.Registration onCancel = cancel.onCancel(channel::disconnect);
        try {
            channel.setCommand(command);
            channel.setInputStream(null);
            channel.setErrStream(stderr, true);
            InputStream in = channel.getInputStream();
            channel.connect((int) Duration.ofSeconds(30).toMillis());
            byte[] buf = new byte[1 << 16];
            while (!cancel.isCancelled()) {
                int n;
                try {
                    n = in.read(buf);
                } catch (IOException e) {
                    if (cancel.isCancelled()) {
                        break;
                    }
                    throw new ConnectionLostException("connection to " + target + " lost while running " + command + ": "
                            + e.getMessage(), e);
                }
                if (n < 0) {
                    break;
                }
                out.write(buf, 0, n);
                bytes += n;
            }
            if (cancel.isCancelled()) {
                return new ExecResult(null, stderr.text(), bytes, true);
            }
            long deadline = System.nanoTime() + EXIT_STATUS_WAIT.toNanos();
            while (!channel.isClosed() && System.nanoTime() < deadline && !cancel.isCancelled()) {
                sleepBriefly();
            }
            if (!session.isConnected() && !cancel.isCancelled()) {
                throw new ConnectionLostException("connection to " + target + " lost while running " + command, null);
            }
            Integer exit = channel.isClosed() && channel.getExitStatus() >= 0 ? channel.getExitStatus() : null;
            return new ExecResult(exit, stderr.text(), bytes, cancel.isCancelled());
        } catch (JSchException e) {
            if (cancel.isCancelled()) {
                return new ExecResult(null, stderr.text(), bytes, true);
            }
            throw new ConnectionLostException("cannot run a command on " + target + ": " + e.getMessage(), e);
        } finally {
            onCancel.close();
            channel.disconnect();
        }
    }

    private static void sleepBriefly() throws IOException {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a remote exit status", e);
        }
    }

    public boolean isConnected() {
        return session.isConnected();
    }

    @Override
    public void close() {
        session.disconnect();
    }

    /** Keeps the first {@code limit} bytes written to it; JSch writes stderr here from its own thread. */
    private static final class BoundedBuffer extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final int limit;
        private long dropped;

        BoundedBuffer(int limit) {
            this.limit = limit;
        }

        @Override
        public synchronized void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            int keep = Math.max(0, Math.min(len, limit - bytes.size()));
            bytes.write(b, off, keep);
            dropped += len - keep;
        }

        synchronized String text() {
            String s = bytes.toString(StandardCharsets.UTF_8);
            return dropped == 0 ? s : s + "\n[faultline: " + dropped + " more bytes of stderr were cut off]\n";
        }
    }
}
