package io.faultline.collect;

import com.jcraft.jsch.AgentIdentityRepository;
import com.jcraft.jsch.AgentProxyException;
import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.Identity;
import com.jcraft.jsch.IdentityRepository;
import com.jcraft.jsch.SSHAgentConnector;
import com.jcraft.jsch.UnixDomainSocketFactory;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Vector;
import java.util.zip.GZIPInputStream;

/**
 * One SSH connection, possibly through jump hosts, with every hop's host key checked against known_hosts.
 * Commands run one at a time in exec channels; their stdout streams to the caller.
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

    private final List<Session> jumps;
    /** stdout bytes of every command so far as they came over the connection, cut commands included. */
    private final java.util.concurrent.atomic.AtomicLong stdoutWire = new java.util.concurrent.atomic.AtomicLong();

    private SshSession(SshTarget target, Session session, List<Session> jumps, WatchedSockets sockets,
                       Duration silenceTimeout, String hostKeySha256) {
        this.target = target;
        this.session = session;
        this.jumps = List.copyOf(jumps);
        this.sockets = sockets;
        this.silenceTimeout = silenceTimeout;
        this.hostKeySha256 = hostKeySha256;
    }

    /**
     * Connects and authenticates with one key against one known_hosts file, asking nobody.
     *
     * @throws HostKeyRejectedException when the host key is unknown or changed (the message shows its fingerprint)
     * @throws CollectException         for an unreadable file, failed authentication or an unreachable host
     */
    public static SshSession connect(SshTarget target, Path identity, Path knownHosts, Duration connectTimeout)
            throws CollectException {
        return connect(SshRoute.direct(target, identity, knownHosts), connectTimeout, DEFAULT_SILENCE_TIMEOUT, new CancelToken());
    }

    /** As {@link #connect(SshRoute, Duration, Duration, CancelToken)} for one key and one known_hosts file. */
    public static SshSession connect(SshTarget target, Path identity, Path knownHosts, Duration connectTimeout,
                                     Duration silenceTimeout, CancelToken cancel) throws CollectException {
        return connect(SshRoute.direct(target, identity, knownHosts), connectTimeout, silenceTimeout, cancel);
    }

    /**
     * Connects through the route's jump hosts to its destination, checking every hop's host key, and logs in to each
     * with the agent's keys, then the key files, then (when the route's prompter can ask) keyboard-interactive and
     * password. Cancelling drops the connection attempt. Once connected, a server silent for {@code silenceTimeout}
     * (no data and no answer to keepalives, or no answer to a channel request) counts as gone: the session is dropped
     * and the command running then fails with a message saying so.
     *
     * @throws HostKeyRejectedException when a hop's host key is unknown (and not accepted) or changed
     * @throws CollectException         for an unreadable file, failed authentication or an unreachable host
     */
    public static SshSession connect(SshRoute route, Duration connectTimeout, Duration silenceTimeout, CancelToken cancel)
            throws CollectException {
        if (silenceTimeout.toMillis() < (SERVER_ALIVE_COUNT_MAX + 1)) {
            throw new IllegalArgumentException("silence timeout " + silenceTimeout + " is too short");
        }
        for (SshRoute.Hop hop : route.hops()) {
            for (Path identity : hop.explicitIdentities()) {
                if (!Files.isRegularFile(identity) || !Files.isReadable(identity)) {
                    throw new CollectException("identity file " + identity + " does not exist or cannot be read");
                }
            }
        }
        knownHostsText(route); // no known_hosts to read and nobody to ask: refused before any connection
        List<Session> opened = new ArrayList<>();
        CancelToken.Registration onCancel = cancel.onCancel(() -> {
            synchronized (opened) {
                opened.reversed().forEach(Session::disconnect);
            }
        });
        try {
            Session previous = null;
            Session last = null;
            WatchedSockets lastSockets = null;
            String fp = null;
            for (SshRoute.Hop hop : route.hops()) {
                JSch jsch = new JSch();
                identities(jsch, hop, route);
                // read again for each hop: a key accepted for an earlier hop is in the file now
                CheckingHostKeys hostKeys = hostKeys(jsch, route, knownHostsText(route));
                Session session;
                try {
                    session = jsch.getSession(hop.target().user(), hop.target().host(), hop.target().port());
                } catch (JSchException e) {
                    throw new CollectException("cannot set up an SSH session for " + hop.target() + ": " + e.getMessage(), e);
                }
                LoginPrompts prompts = new LoginPrompts(route.prompter(), hop.target());
                session.setUserInfo(prompts);
                session.setConfig("StrictHostKeyChecking", "yes");
                session.setConfig("PreferredAuthentications", route.prompter().canAsk()
                        ? "publickey,keyboard-interactive,password" : "publickey");
                WatchedSockets sockets = new WatchedSockets((int) connectTimeout.toMillis());
                JumpProxy proxy = null;
                if (previous == null) {
                    session.setSocketFactory(sockets);
                } else {
                    proxy = new JumpProxy(previous, sockets, (int) connectTimeout.toMillis());
                    session.setProxy(proxy);
                }
                synchronized (opened) {
                    opened.add(session);
                }
                int aliveMs = (int) (silenceTimeout.toMillis() / (SERVER_ALIVE_COUNT_MAX + 1));
                try {
                    session.setServerAliveInterval(aliveMs);
                    session.setServerAliveCountMax(SERVER_ALIVE_COUNT_MAX);
                    session.connect((int) connectTimeout.toMillis());
                } catch (JSchException e) {
                    if (cancel.isCancelled()) {
                        throw new CollectException("cancelled while connecting to " + route + "; nothing was captured", e);
                    }
                    throw translate(e, hop, route, hostKeys, sockets, connectTimeout, prompts, previous != null);
                }
                if (proxy != null) {
                    proxy.readTimeout(aliveMs);
                }
                if (cancel.isCancelled()) {
                    throw new CollectException("cancelled while connecting to " + route + "; nothing was captured");
                }
                byte[] key = hostKeys.offeredKey();
                if (key == null || hostKeys.verdict() != HostKeyRepository.OK) {
                    throw new CollectException("connected to " + hop.target() + " without a verified host key; refusing to go on");
                }
                fp = CheckingHostKeys.fingerprint(key);
                LOG.info("connected to {} (host key {} {}{})", hop.target(), hostKeys.offeredType(), fp,
                        previous == null ? "" : ", through " + previous.getHost());
                previous = session;
                last = session;
                lastSockets = sockets;
            }
            List<Session> through = new ArrayList<>(opened.subList(0, opened.size() - 1));
            SshSession connected = new SshSession(route.destination().target(), last, through, lastSockets, silenceTimeout, fp);
            opened.clear();
            return connected;
        } finally {
            onCancel.close();
            synchronized (opened) {
                opened.reversed().forEach(Session::disconnect);
            }
        }
    }

    /** Every known_hosts file of the route, one after the other (a missing one counts as empty). */
    private static byte[] knownHostsText(SshRoute route) throws CollectException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Path f : route.knownHosts()) {
            if (!Files.exists(f)) {
                continue;
            }
            if (!Files.isRegularFile(f) || !Files.isReadable(f)) {
                throw new CollectException("known_hosts file " + f + " cannot be read");
            }
            try {
                all.write(Files.readAllBytes(f));
                all.write('\n');
            } catch (IOException e) {
                throw new CollectException("known_hosts file " + f + " cannot be read: " + e.getMessage(), e);
            }
        }
        if (all.size() == 0 && !route.askUnknownHostKeys()) {
            Path f = route.knownHostsToWrite();
            throw new CollectException("known_hosts file " + f + " does not exist or cannot be read; after checking "
                    + "the server's key fingerprint, create it with: " + keyscan(route.destination().target(), f));
        }
        return all.toByteArray();
    }

    private static CheckingHostKeys hostKeys(JSch jsch, SshRoute route, byte[] text) throws CollectException {
        try {
            jsch.setKnownHosts(new java.io.ByteArrayInputStream(text));
        } catch (JSchException e) {
            throw new CollectException("known_hosts files " + route.knownHosts() + " cannot be read: " + e.getMessage(), e);
        }
        CheckingHostKeys hostKeys = new CheckingHostKeys(jsch.getHostKeyRepository(),
                route.askUnknownHostKeys() ? route.prompter() : null, route.knownHostsToWrite());
        jsch.setHostKeyRepository(hostKeys);
        return hostKeys;
    }

    /**
     * The keys a hop logs in with: the agent's first (when there is one), then the key files. A key file the user
     * named must exist and be a private key; a default one ({@code ~/.ssh/id_*}) that is missing or unusable is
     * skipped. An encrypted key is asked for its passphrase only once the server accepts it, and only when a person
     * can be asked; a named one that cannot be unlocked so is an error.
     */
    private static void identities(JSch jsch, SshRoute.Hop hop, SshRoute route) throws CollectException {
        int usable = 0;
        for (Path identity : hop.identities()) {
            boolean explicit = hop.explicitIdentities().contains(identity);
            if (!Files.isRegularFile(identity) || !Files.isReadable(identity)) {
                if (explicit) {
                    throw new CollectException("identity file " + identity + " does not exist or cannot be read");
                }
                continue;
            }
            try {
                boolean encrypted = com.jcraft.jsch.KeyPair.load(jsch, identity.toString()).isEncrypted();
                if (encrypted && !route.prompter().canAsk()) {
                    if (explicit) {
                        throw new CollectException("identity file " + identity + " is protected by a passphrase, and there is"
                                + " no terminal to ask for it: run faultline capture in a terminal, or add the key to"
                                + " ssh-agent (ssh-add " + identity + ")");
                    }
                    LOG.info("skipping {}: it has a passphrase and there is no terminal to ask for it", identity);
                    continue;
                }
                jsch.addIdentity(identity.toString());
                usable++;
            } catch (JSchException e) {
                if (explicit) {
                    throw new CollectException("identity file " + identity + " is not a usable private key: " + e.getMessage()
                            + " (an OpenSSH, PEM or PuTTY private key is needed)", e);
                }
                LOG.info("skipping {}: not a usable private key ({})", identity, e.getMessage());
            }
        }
        IdentityRepository agent = agent(route.agentSocket());
        if (agent != null) {
            jsch.setIdentityRepository(new AgentThenFiles(agent, jsch.getIdentityRepository()));
        } else if (usable == 0 && !route.prompter().canAsk()) {
            throw new CollectException("no key to log in to " + hop.target() + " with: "
                    + (hop.identities().isEmpty() ? "no IdentityFile" : "none of " + hop.identities() + " exists and is usable")
                    + ", no ssh-agent (SSH_AUTH_SOCK), and no terminal to ask for a password");
        }
    }

    /** The agent behind {@code socket}, or null when there is none to reach. */
    private static IdentityRepository agent(Path socket) {
        if (socket == null || !Files.exists(socket)) {
            return null;
        }
        try {
            AgentIdentityRepository repo = new AgentIdentityRepository(new SSHAgentConnector(new UnixDomainSocketFactory(), socket));
            if (repo.getStatus() != IdentityRepository.RUNNING) {
                LOG.info("ssh-agent at {} is not running", socket);
                return null;
            }
            return repo;
        } catch (AgentProxyException e) {
            LOG.info("ssh-agent at {} cannot be used: {}", socket, e.getMessage());
            return null;
        }
    }

    /** The agent's keys first, then the key files, as OpenSSH offers them. */
    private record AgentThenFiles(IdentityRepository agent, IdentityRepository files) implements IdentityRepository {
        @Override
        public String getName() {
            return "ssh-agent, then key files";
        }

        @Override
        public int getStatus() {
            return RUNNING;
        }

        @Override
        public Vector<Identity> getIdentities() {
            Vector<Identity> all = new Vector<>();
            try {
                all.addAll(agent.getIdentities());
            } catch (RuntimeException e) {
                LOG.info("ssh-agent did not list its keys: {}", e.getMessage());
            }
            all.addAll(files.getIdentities());
            return all;
        }

        @Override
        public boolean add(byte[] identity) {
            return false;
        }

        @Override
        public boolean remove(byte[] blob) {
            return false;
        }

        @Override
        public void removeAll() {
            // neither the agent nor the files are ours to empty
        }
    }

    private static CollectException translate(JSchException e, SshRoute.Hop hop, SshRoute route, CheckingHostKeys hostKeys,
                                              WatchedSockets sockets, Duration connectTimeout, LoginPrompts prompts,
                                              boolean proxied) {
        SshTarget target = hop.target();
        Path knownHosts = route.knownHostsToWrite();
        String via = route.jumps().isEmpty() ? "" : " (hop " + (route.hops().indexOf(hop) + 1) + " of " + route.hops().size()
                + " on the way to " + route.destination().target() + ")";
        byte[] key = hostKeys.offeredKey();
        if (key != null && hostKeys.verdict() == HostKeyRepository.NOT_INCLUDED) {
            String fp = CheckingHostKeys.fingerprint(key);
            return new HostKeyRejectedException("refused: the host key of " + target.knownHostsName() + via + " is not in "
                    + String.join(", ", route.knownHosts().stream().map(Path::toString).toList())
                    + (route.askUnknownHostKeys() ? " and was not accepted" : "") + ". The server offered "
                    + hostKeys.offeredType() + " key " + fp + ". Check this "
                    + "fingerprint with the server's administrator (on the server: ssh-keygen -lf /etc/ssh/ssh_host_"
                    + shortType(hostKeys.offeredType()) + "_key.pub); if it matches, add the key with: "
                    + keyscan(target, knownHosts), fp, false);
        }
        if (key != null && hostKeys.verdict() == HostKeyRepository.CHANGED) {
            String fp = CheckingHostKeys.fingerprint(key);
            return new HostKeyRejectedException("refused: the host key of " + target.knownHostsName() + via + " has CHANGED. "
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
        if (proxied && (lower.contains("channel") || lower.contains("proxy") || lower.contains("forward"))) {
            return new CollectException("the jump host could not open a connection to " + target + via + ": " + msg
                    + " (is the host name right as the jump host sees it, and does its sshd allow TCP forwarding?)", e);
        }
        if (dropped) {
            // JSch reports a connection closed during login as a failed authentication or a bare socket error
            return new CollectException("the connection to " + target + via + " was closed by the other side while logging in ("
                    + msg + "); nothing was captured. Was sshd restarted or killed, or is it refusing new connections "
                    + "(MaxStartups)?", e);
        }
        if (lower.startsWith("auth fail") || lower.startsWith("auth cancel") || lower.contains("userauth fail")) {
            List<String> tried = new ArrayList<>();
            if (route.agentSocket() != null) {
                tried.add("the keys of ssh-agent " + route.agentSocket());
            }
            List<Path> files = hop.identities().stream().filter(Files::isRegularFile).toList();
            tried.add(files.isEmpty() ? "no key file" : "the key file(s) " + files);
            if (prompts.passphrasesAsked() > 0) {
                tried.add(prompts.passphrasesAsked() + " passphrase(s) typed");
            }
            if (prompts.passwordsAsked() + prompts.questionsAsked() > 0) {
                tried.add("a password typed");
            }
            return new CollectException("authentication failed for " + target + via + ": the server accepted none of "
                    + String.join(", ", tried) + ". Check that the public key is in ~" + target.user()
                    + "/.ssh/authorized_keys on " + target.host() + " and that the user name is right", e);
        }
        if (cause instanceof UnknownHostException) {
            return new CollectException("cannot connect to " + target + via + ": unknown host " + target.host(), e);
        }
        if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
            return new CollectException("cannot connect to " + target + via + ": " + cause.getMessage()
                    + " (is sshd running and the port right?)", e);
        }
        if (cause instanceof SocketTimeoutException || lower.contains("timeout")) {
            return new CollectException("cannot connect to " + target + via + ": no answer within " + connectTimeout.toSeconds()
                    + " s", e);
        }
        return new CollectException("SSH connection to " + target + via + " failed: " + msg, e);
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
        return exec(command, label, out, cancel, false);
    }

    /**
     * As {@link #exec(String, String, OutputStream, CancelToken)}; with {@code gunzip} the command's stdout is gzip
     * (see {@link RemoteCommand#toShellGzipped()}) and is decompressed as it streams into {@code out}. Output cut off
     * mid-stream is delivered up to what could be decompressed, then the connection loss is reported as without it.
     */
    public ExecResult exec(String command, String label, OutputStream out, CancelToken cancel, boolean gunzip)
            throws IOException {
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
            CountingInput wire = new CountingInput(channel.getInputStream());
            InputStream in = wire;
            long opening = System.nanoTime();
            try {
                channel.connect((int) silenceTimeout.toMillis());
            } catch (JSchException e) {
                if (cancel.isCancelled()) {
                    return new ExecResult(null, stderr.text(), 0, 0, true);
                }
                throw failure(Phase.OPENING, label, System.nanoTime() - opening, e);
            }
            byte[] buf = new byte[1 << 16];
            if (gunzip) {
                try {
                    in = new GZIPInputStream(wire, 1 << 16);
                } catch (IOException e) {
                    if (cancel.isCancelled()) {
                        return new ExecResult(null, stderr.text(), 0, wire.count, true);
                    }
                    throw failure(Phase.RUNNING, label, 0, e);
                }
            }
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
                return new ExecResult(null, stderr.text(), bytes, wire.count, true);
            }
            int status = channel.getExitStatus();
            if (!channel.isClosed() || status < 0) {
                throw failure(Phase.RUNNING, label, 0, null);
            }
            return new ExecResult(status, stderr.text(), bytes, wire.count, false);
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
        jumps.reversed().forEach(Session::disconnect);
    }

    /** stdout bytes of every command run so far, as they came over the connection (compressed or not; cut ones too). */
    public long stdoutWireBytes() {
        return stdoutWire.get();
    }

    /** Counts the bytes read through it: what came over the connection. */
    private final class CountingInput extends FilterInputStream {
        private long count;

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
                stdoutWire.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
                stdoutWire.addAndGet(n);
            }
            return n;
        }
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
