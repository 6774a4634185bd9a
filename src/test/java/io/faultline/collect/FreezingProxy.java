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
 * client: nothing arrives, nothing is refused. {@link #cutAfter(long)} instead closes the first connection once a given
 * number of bytes came from the server (a link or an sshd that dies mid-stream), and {@link #refuseAfterCut()} keeps
 * the server away after that.
 */
public final class FreezingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int upstreamPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean frozen;
    private volatile long cutAfter = -1;
    private volatile long stallAfter = -1;
    private volatile boolean refusing;
    private final CountDownLatch cut = new CountDownLatch(1);
    private final java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();

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

    /**
     * The first connection is closed (both ways, as a dropped link or a killed sshd looks) once this many bytes went
     * from the server to the client; later connections are relayed whole.
     */
    public void cutAfter(long bytes) {
        cutAfter = bytes;
    }

    /**
     * The first connection stops passing bytes from the server once this many went through, and stays open (a server
     * that hangs mid-stream); later connections are relayed whole.
     */
    public void stallAfter(long bytes) {
        stallAfter = bytes;
    }

    /** Once the first connection is cut, later ones are closed as soon as they are accepted (a server gone away). */
    public void refuseAfterCut() {
        refusing = true;
    }

    /** Waits until the first connection has been cut or has stalled. */
    public boolean awaitCut(java.time.Duration wait) throws InterruptedException {
        return cut.await(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Connections accepted so far. */
    public int accepted() {
        return accepted.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                int n = accepted.incrementAndGet();
                if (refusing && n > 1) {
                    client.close();
                    continue;
                }
                Socket server = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                sockets.add(client);
                sockets.add(server);
                long limit = n == 1 ? cutAfter : -1;
                long stall = n == 1 ? stallAfter : -1;
                Thread.ofPlatform().daemon().name("proxy-up").start(() -> pump(client, server, -1, -1));
                Thread.ofPlatform().daemon().name("proxy-down").start(() -> pump(server, client, limit, stall));
            } catch (IOException e) {
                return;
            }
        }
    }

    /**
     * Relays {@code from} to {@code to}; with {@code limit} ≥ 0, closes both once that many bytes went through; with
     * {@code stall} ≥ 0, stops relaying (until {@link #close()}) once that many went through.
     */
    private void pump(Socket from, Socket to, long limit, long stall) {
        byte[] buf = new byte[1 << 14];
        long relayed = 0;
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            while (relaying()) {
                int n = in.read(buf);
                if (n < 0 || !relaying()) {
                    return;
                }
                out.write(buf, 0, n);
                out.flush();
                relayed += n;
                if (limit >= 0 && relayed >= limit) {
                    from.close();
                    to.close();
                    cut.countDown();
                    return;
                }
                if (stall >= 0 && relayed >= stall) {
                    cut.countDown();
                    closed.await();
                    return;
                }
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
