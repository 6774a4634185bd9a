package io.faultline.collect;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator;
import org.apache.sshd.server.shell.ProcessShellFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * An SSH server on 127.0.0.1 (Apache MINA SSHD) that runs each command as {@code prefix + command} on this machine,
 * unless an {@link Answer} answers it itself, e.g. by breaking the connection on purpose.
 */
public final class TestSshServer implements AutoCloseable {
    private static final Duration WRITE_WAIT = Duration.ofSeconds(30);

    /** Where to connect and with what. */
    public record Host(SshTarget target, Path identity, Path knownHosts) {
    }

    /** Answers a command itself; null runs it for real. */
    @FunctionalInterface
    public interface Answer {
        Command answer(String command);
    }

    private final SshServer server;
    private final Host host;

    private TestSshServer(SshServer server, Host host) {
        this.server = server;
        this.host = host;
    }

    /** Starts a server with a fresh host key and a fresh client key written to {@code dir}. */
    public static TestSshServer start(Path dir, List<String> prefix, Answer answer) throws Exception {
        return start(dir, prefix, answer, false);
    }

    /** A server that drops the connection when the client offers its key, as an sshd killed during login does. */
    public static TestSshServer droppingAtLogin(Path dir) throws Exception {
        return start(dir, List.of("/bin/sh", "-c"), command -> null, true);
    }

    private static TestSshServer start(Path dir, List<String> prefix, Answer answer, boolean dropAtLogin) throws Exception {
        KeyPair hostKey = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        Path identity = dir.resolve("id_ecdsa");
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ecdsa", "-b", "256", "-N", "", "-f", identity.toString())
                .redirectErrorStream(true).start();
        if (keygen.waitFor() != 0) {
            throw new IllegalStateException("ssh-keygen failed: " + new String(keygen.getInputStream().readAllBytes()));
        }
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPublickeyAuthenticator(dropAtLogin ? (user, key, session) -> {
            session.close(true);
            return false;
        } : new AuthorizedKeysAuthenticator(dir.resolve("id_ecdsa.pub")));
        server.setCommandFactory((channel, command) -> {
            Command own = answer.answer(command);
            return own != null ? own : new ProcessShellFactory(command, Stream.concat(prefix.stream(), Stream.of(command)).toList()) {
                @Override
                protected List<String> resolveEffectiveCommand(ChannelSession c, String cmd, List<String> elements) {
                    return elements;
                }
            }.createShell(channel);
        });
        server.start();
        Path kh = dir.resolve("known_hosts");
        Files.writeString(kh, "[127.0.0.1]:" + server.getPort() + " " + PublicKeyEntry.toString(hostKey.getPublic()) + "\n");
        return new TestSshServer(server, new Host(new SshTarget("ops", "127.0.0.1", server.getPort()), identity, kh));
    }

    public Host host() {
        return host;
    }

    public boolean isOpen() {
        return server.isOpen();
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    /**
     * Writes {@code output}, waits until it is on the wire, then drops the TCP connection without closing the
     * channel or sending an exit status: what a client sees when the server's sshd is killed.
     */
    public static Command dropConnectionAfter(byte[] output) {
        return new Misbehaving("drop", (channel, out) -> {
            out.write(output);
            out.flush();
            // packets leave in order: once this one is written, the output before it is too
            channel.getSession().sendIgnoreMessage(new byte[] {0}).verify(WRITE_WAIT);
            channel.getSession().close(true);
        });
    }

    /** Writes {@code output}, then closes the channel without an exit status; the connection stays up. */
    public static Command closeChannelAfter(byte[] output) {
        return new Misbehaving("close", (channel, out) -> {
            out.write(output);
            out.flush();
            channel.close(false);
        });
    }

    /** Writes lines until the channel is closed, and never exits. */
    public static Command endlessOutput() {
        return new Misbehaving("endless", (channel, out) -> {
            byte[] line = "{\"MESSAGE\":\"endless output of a test server\",\"__REALTIME_TIMESTAMP\":\"1\"}\n".getBytes();
            while (channel.isOpen()) {
                out.write(line);
            }
        });
    }

    @FunctionalInterface
    private interface Behaviour {
        void run(ChannelSession channel, OutputStream out) throws Exception;
    }

    /** A command that runs its behaviour on its own thread and never reports an exit status. */
    private static final class Misbehaving implements Command {
        private final String name;
        private final Behaviour behaviour;
        private OutputStream out;

        Misbehaving(String name, Behaviour behaviour) {
            this.name = name;
            this.behaviour = behaviour;
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
            // never called: this command ends without an exit status on purpose
        }

        @Override
        public void setInputStream(InputStream in) {
            // the command reads nothing
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            // the command writes no stderr
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
            Thread.ofPlatform().daemon().name("test-sshd-" + name).start(() -> {
                try {
                    behaviour.run(channel, out);
                } catch (Exception e) {
                    org.slf4j.LoggerFactory.getLogger(TestSshServer.class).debug("{} command ended: {}", name, e.toString());
                }
            });
        }

        @Override
        public void destroy(ChannelSession channel) {
            // its thread ends when the channel closes
        }
    }
}
