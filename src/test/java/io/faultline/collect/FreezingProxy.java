package io.faultline.collect;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A TCP relay on 127.0.0.1 in front of an SSH server. {@link #freeze()} stops relaying in both directions while
 * keeping both connections open, as a server stopped with SIGSTOP (or a network that swallows packets) looks to a
 * client: nothing arrives, nothing is refused.
 */
public final class FreezingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int upstreamPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean frozen;

    public FreezingProxy(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("proxy-accept").start(this::accept);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** From now on nothing more is relayed, either way. */
    public void freeze() {
        frozen = true;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                sockets.add(client);
                sockets.add(server);
                Thread.ofPlatform().daemon().name("proxy-up").start(() -> pump(client, server));
                Thread.ofPlatform().daemon().name("proxy-down").start(() -> pump(server, client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buf = new byte[1 << 14];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            while (relaying()) {
                int n = in.read(buf);
                if (n < 0 || !relaying()) {
                    return;
                }
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // the other side or close() ended the connection
        }
    }

    /** Once frozen, holds the pump until {@link #close()} and then ends it. */
    private boolean relaying() throws InterruptedException {
        if (frozen) {
            closed.await();
            return false;
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        closed.countDown();
        listener.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
