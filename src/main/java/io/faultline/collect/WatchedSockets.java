package io.faultline.collect;

import com.jcraft.jsch.SocketFactory;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * Opens the TCP connection of one SSH session (as JSch would) and watches what its reads from the server last
 * gave: data, a read timeout (the server silent for a keepalive interval), or the end of the stream. That tells a
 * dropped connection from a silent server once JSch has closed the session, whatever order it closes things in.
 */
final class WatchedSockets implements SocketFactory {
    /** What the last read of the server's bytes gave. */
    enum Last { DATA, SILENT, ENDED }

    private final int connectTimeoutMs;
    private volatile Last last = Last.DATA;

    WatchedSockets(int connectTimeoutMs) {
        this.connectTimeoutMs = connectTimeoutMs;
    }

    Last last() {
        return last;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), connectTimeoutMs);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return socket;
    }

    @Override
    public InputStream getInputStream(Socket socket) throws IOException {
        return watch(socket.getInputStream());
    }

    /** Watches the server's bytes arriving through another stream (a jump host's forwarded channel). */
    InputStream watch(InputStream in) {
        return new Watched(in);
    }

    @Override
    public OutputStream getOutputStream(Socket socket) throws IOException {
        return socket.getOutputStream();
    }

    /** Records the outcome of every read. */
    private final class Watched extends FilterInputStream {
        Watched(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return seen(in.read());
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return seen(in.read(b, off, len));
            } catch (IOException e) {
                throw failed(e);
            }
        }

        private int seen(int n) {
            last = n < 0 ? Last.ENDED : Last.DATA;
            return n;
        }

        private IOException failed(IOException e) {
            last = e instanceof SocketTimeoutException ? Last.SILENT : Last.ENDED;
            return e;
        }
    }
}
