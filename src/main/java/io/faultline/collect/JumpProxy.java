package io.faultline.collect;

import com.jcraft.jsch.Channel;
import com.jcraft.jsch.Proxy;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SocketFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;
import java.io.InterruptedIOException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Reaches the next host through an SSH session to a jump host, as {@code ssh -J} does: a {@code direct-tcpip}
 * channel on the jump host's connection carries the next hop's SSH stream, so nothing listens on a local port.
 * Reads time out like a socket's (after the connect timeout while logging in, after the keepalive interval once
 * connected), which is what makes JSch send keepalives and notice a silent server on a proxied hop too.
 */
final class JumpProxy implements Proxy {
    private static final int BUFFER_BYTES = 256 * 1024;

    private final Session through;
    private final WatchedSockets watch;
    private volatile int readTimeoutMs;
    private Channel channel;
    private InputStream in;
    private TimedPipe pipe;
    private OutputStream out;

    JumpProxy(Session through, WatchedSockets watch, int connectTimeoutMs) {
        this.through = through;
        this.watch = watch;
        this.readTimeoutMs = connectTimeoutMs;
    }

    /** From now on a read waits at most this long for data before it times out (0: forever). */
    void readTimeout(int ms) {
        readTimeoutMs = ms;
    }

    @Override
    public void connect(SocketFactory ignored, String host, int port, int timeout) throws Exception {
        channel = through.getStreamForwarder(host, port);
        pipe = new TimedPipe();
        channel.setOutputStream(pipe.sink);
        out = channel.getOutputStream();
        channel.connect(timeout);
        in = watch.watch(pipe);
    }

    @Override
    public InputStream getInputStream() {
        return in;
    }

    @Override
    public OutputStream getOutputStream() {
        return out;
    }

    @Override
    public Socket getSocket() {
        return null;
    }

    @Override
    public void close() {
        if (pipe != null) {
            pipe.close();
        }
        if (channel != null) {
            channel.disconnect();
        }
    }

    /**
     * The channel's bytes: JSch's session thread writes them in as they arrive (blocking while the buffer is full, as
     * its own pipe does), and a read waits for them at most the read timeout, as a socket's does.
     */
    private final class TimedPipe extends InputStream {
        private final byte[] buf = new byte[BUFFER_BYTES];
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition readable = lock.newCondition();
        private final Condition writable = lock.newCondition();
        private int head;
        private int count;
        private boolean ended;
        private boolean readerGone;

        /** Where the channel writes what the next hop sends. */
        final OutputStream sink = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                lock.lock();
                try {
                    while (len > 0) {
                        while (count == buf.length && !readerGone) {
                            writable.awaitUninterruptibly();
                        }
                        if (readerGone) {
                            throw new IOException("the connection through the jump host was closed");
                        }
                        int tail = (head + count) % buf.length;
                        int n = Math.min(len, Math.min(buf.length - count, buf.length - tail));
                        System.arraycopy(b, off, buf, tail, n);
                        count += n;
                        off += n;
                        len -= n;
                        readable.signalAll();
                    }
                } finally {
                    lock.unlock();
                }
            }

            @Override
            public void close() {
                lock.lock();
                try {
                    ended = true;
                    readable.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        };

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            int timeout = readTimeoutMs;
            long left = TimeUnit.MILLISECONDS.toNanos(timeout);
            lock.lock();
            try {
                while (count == 0 && !ended && !readerGone) {
                    if (timeout > 0 && left <= 0) {
                        throw new SocketTimeoutException("no data through the jump host for " + timeout + " ms");
                    }
                    try {
                        if (timeout > 0) {
                            left = readable.awaitNanos(left);
                        } else {
                            readable.await();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("interrupted while waiting for data through the jump host");
                    }
                }
                if (count == 0) {
                    return -1;
                }
                int n = Math.min(len, Math.min(count, buf.length - head));
                System.arraycopy(buf, head, b, off, n);
                head = (head + n) % buf.length;
                count -= n;
                writable.signalAll();
                return n;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public int available() {
            lock.lock();
            try {
                return count;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() {
            lock.lock();
            try {
                readerGone = true;
                writable.signalAll();
                readable.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
