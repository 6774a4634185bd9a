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
import java.net.SocketException;
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
    /** How long the server may stay silent (no data, no answer to keepalives) before the connection counts as dead. */
    public static final Duration DEFAULT_SILENCE_TIMEOUT = Duration.ofSeconds(30);
    /** Keepalives unanswered before JSch drops the session: silence timeout = interval × (this + 1). */
    private static final int SERVER_ALIVE_COUNT_MAX = 2;
    /** After a channel closed without an exit status: how long JSch may take to notice that the session is down. */
    private static final Duration SESSION_VERDICT_WAIT = Duration.ofSeconds(1);

    private final SshTarget target;
    private final Session session;
    private final WatchedSockets sockets;
    private final Duration silenceTimeout;
    private final String hostKeySha256;

    private SshSession(SshTarget target, Session session, WatchedSockets sockets, Duration silenceTimeout, String hostKeySha256) {
        this.target = target;
        this.session = session;
        this.sockets = sockets;
        this.silenceTimeout = silenceTimeout;
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
        return connect(target, identity, knownHosts, connectTimeout, DEFAULT_SILENCE_TIMEOUT, new CancelToken());
    }

    /**
     * As {@link #connect(SshTarget, Path, Path, Duration)}; cancelling drops the connection attempt. Once connected,
     * a server silent for {@code silenceTimeout} (no data and no answer to keepalives, or no answer to a channel
     * request) counts as gone: the session is dropped and the command running then fails with a message saying so.
     */
    public static SshSession connect(SshTarget target, Path identity, Path knownHosts, Duration connectTimeout,
                                     Duration silenceTimeout, CancelToken cancel) throws CollectException {
        if (silenceTimeout.toMillis() < (SERVER_ALIVE_COUNT_MAX + 1)) {
            throw new IllegalArgumentException("silence timeout " + silenceTimeout + " is too short");
        }
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
        WatchedSockets sockets = new WatchedSockets((int) connectTimeout.toMillis());
        session.setSocketFactory(sockets);
        CancelToken.Registration onCancel = cancel.onCancel(session::disconnect);
        try {
            session.setServerAliveInterval((int) (silenceTimeout.toMillis() / (SERVER_ALIVE_COUNT_MAX + 1)));
            session.setServerAliveCountMax(SERVER_ALIVE_COUNT_MAX);
            session.connect((int) connectTimeout.toMillis());
        } catch (JSchException e) {
            session.disconnect();
            if (cancel.isCancelled()) {
                throw new CollectException("cancelled while connecting to " + target + "; nothing was captured", e);
            }
            throw translate(e, target, identity, knownHosts, hostKeys, sockets, connectTimeout);
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
        return new SshSession(target, session, sockets, silenceTimeout, fp);
    }

    private static CollectException translate(JSchException e, SshTarget target, Path identity, Path knownHosts,
                                              CheckingHostKeys hostKeys, WatchedSockets sockets, Duration connectTimeout) {
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
        Throwable cause = e.getCause();
        boolean dropped = sockets.last() == WatchedSockets.Last.ENDED || (cause instanceof SocketException
                && !(cause instanceof ConnectException) && !(cause instanceof NoRouteToHostException));
        if (dropped) {
            // JSch reports a connection closed during login as a failed authentication or a bare socket error
            return new CollectException("the connection to " + target + " was closed by the other side while logging in ("
                    + msg + "); nothing was captured. Was sshd restarted or killed, or is it refusing new connections "
                    + "(MaxStartups)?", e);
        }
        if (lower.startsWith("auth fail") || lower.startsWith("auth cancel") || lower.contains("userauth fail")) {
            return new CollectException("authentication failed for " + target + " with identity " + identity
                    + ": the server did not accept this key. Check that its public key is in ~" + target.user()
                    + "/.ssh/authorized_keys on " + target.host() + " and that the user name is right", e);
        }
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

    /** How long the server may stay silent before the connection counts as dead. */
    public Duration silenceTimeout() {
        return silenceTimeout;
    }

    /**
     * Runs one command, copying its stdout into {@code out} as it arrives. It succeeds only when the command ends
     * with an exit status. Cancelling closes the channel; the method then returns with {@code cancelled=true} and no
     * exit code.
     *
     * @param label what to call the command in messages, e.g. {@code 'journalctl' '-o' 'json' …}
     * @throws ConnectionLostException when the command did not end with an exit status (other than by cancelling):
     *                                 the connection dropped, the server went silent for the silence timeout, or
     *                                 it closed the channel without one; the message names the command and which
     * @throws IOException             when {@code out} fails
     */
    public ExecResult exec(String command, String label, OutputStream out, CancelToken cancel) throws IOException {
        ChannelExec channel;
        try {
            channel = (ChannelExec) session.openChannel("exec");
        } catch (JSchException e) {
            throw failure(Phase.OPENING, label, 0, e);
        }
        BoundedBuffer stderr = new BoundedBuffer(STDERR_LIMIT);
        long bytes = 0;
        CancelToken.Registration onCancel = cancel.onCancel(() -> stop(channel));
        try {
            channel.setCommand(command);
            channel.setInputStream(null);
            channel.setErrStream(stderr, true);
            InputStream in = channel.getInputStream();
            long opening = System.nanoTime();
            try {
                channel.connect((int) silenceTimeout.toMillis());
            } catch (JSchException e) {
                if (cancel.isCancelled()) {
                    return new ExecResult(null, stderr.text(), 0, true);
                }
                throw failure(Phase.OPENING, label, System.nanoTime() - opening, e);
            }
            byte[] buf = new byte[1 << 16];
            while (!cancel.isCancelled()) {
                int n;
                try {
                    n = in.read(buf);
                } catch (IOException e) {
                    if (cancel.isCancelled()) {
                        break;
                    }
                    throw failure(Phase.RUNNING, label, 0, e);
                }
                if (n < 0) {
                    break;
                }
                out.write(buf, 0, n);
                bytes += n;
            }
            long deadline = System.nanoTime() + silenceTimeout.toNanos();
            while (!channel.isClosed() && session.isConnected() && System.nanoTime() < deadline && !cancel.isCancelled()) {
                sleepBriefly();
            }
            if (cancel.isCancelled()) {
                return new ExecResult(null, stderr.text(), bytes, true);
            }
            int status = channel.getExitStatus();
            if (!channel.isClosed() || status < 0) {
                throw failure(Phase.RUNNING, label, 0, null);
            }
            return new ExecResult(status, stderr.text(), bytes, false);
        } finally {
            onCancel.close();
            channel.disconnect();
        }
    }

    /**
     * Closes a channel on cancel. While it is being opened, JSch's disconnect does nothing and the opening thread
     * waits on the channel for the server's confirmation up to the silence timeout; waking it (as a spurious wakeup
     * would) makes it give up at once.
     */
    private static void stop(ChannelExec channel) {
        channel.disconnect();
        synchronized (channel) {
            channel.notifyAll();
        }
    }

    private enum Phase { OPENING, RUNNING }

    /**
     * Names why a command did not end with an exit status. JSch closes the channels of a dropped session before it
     * marks the session down, so a channel found closed waits up to {@link #SESSION_VERDICT_WAIT} for that verdict.
     */
    private ConnectionLostException failure(Phase phase, String label, long waitedNanos, Exception cause) throws IOException {
        long deadline = System.nanoTime() + SESSION_VERDICT_WAIT.toNanos();
        while (session.isConnected() && sockets.last() != WatchedSockets.Last.ENDED && System.nanoTime() < deadline) {
            sleepBriefly();
        }
        String what = (phase == Phase.OPENING ? "opening a channel for " : "running ") + label;
        String silent = "no answer from " + target + " for " + silenceTimeout.toSeconds() + " s while " + what
                + " (server frozen or overloaded?)";
        boolean down = !session.isConnected() || sockets.last() == WatchedSockets.Last.ENDED;
        String message;
        if (down && sockets.last() == WatchedSockets.Last.SILENT) {
            message = silent + "; the connection was dropped";
        } else if (down) {
            message = "connection to " + target + " lost while " + what;
        } else if (phase == Phase.OPENING && waitedNanos >= silenceTimeout.toNanos()) {
            message = silent;
        } else if (phase == Phase.OPENING) {
            message = "the server " + target + " refused a channel for " + label + ": " + cause.getMessage();
        } else {
            message = label + " on " + target + " ended without an exit status: the server closed its channel "
                    + "(the command killed by a signal, or the server going down)";
        }
        LOG.debug("{}", message, cause);
        return new ConnectionLostException(message, cause);
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
