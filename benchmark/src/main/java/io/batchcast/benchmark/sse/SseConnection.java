package io.batchcast.benchmark.sse;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.locks.LockSupport;

/**
 * One SSE reader on a plain blocking socket, meant to run on a virtual thread: a virtual thread parked in a socket
 * read costs a few hundred bytes, so 10,000+ readers fit in one harness process, and each frame is timed when its
 * bytes leave the kernel rather than after a shared event loop gets to it.
 */
public final class SseConnection implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 15_000;
    /** A pausable reader's receive buffer: small, so once paused the server's send path backs up after a few frames. */
    private static final int PAUSABLE_RECEIVE_BUFFER = 4096;

    private final int reader;
    private final Socket socket;
    private final ResponseHead head;
    private final SseListener listener;
    private volatile long wireBytes;
    private volatile boolean closedByPeer;
    private volatile boolean paused;
    private volatile Thread readingThread;
    /** Written and read only by the reading thread. */
    private long lastReadNanos;

    private SseConnection(int reader, Socket socket, ResponseHead head, SseListener listener) {
        this.reader = reader;
        this.socket = socket;
        this.head = head;
        this.listener = listener;
        this.wireBytes = head.headBytes() + head.leftover().length;
    }

    /**
     * Connects from {@code source} (null: the kernel's choice) and reads the response head. A pausable reader gets a
     * small receive buffer, so that pausing it soon stops the server's writes to it, as a stuck browser tab would.
     */
    public static SseConnection open(int reader, SseEndpoint endpoint, InetAddress source, boolean pausable,
                                     SseListener listener) throws IOException {
        Socket socket = new Socket();
        try {
            if (pausable) {
                socket.setReceiveBufferSize(PAUSABLE_RECEIVE_BUFFER);
            }
            if (source != null) {
                socket.bind(new InetSocketAddress(source, 0));
            }
            socket.connect(endpoint.server(), CONNECT_TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
            // a server out of file descriptors completes the TCP handshake in the kernel but never answers
            socket.setSoTimeout(CONNECT_TIMEOUT_MILLIS);
            socket.getOutputStream().write(endpoint.request());
            ResponseHead head = ResponseHead.read(socket.getInputStream());
            socket.setSoTimeout(0);
            return new SseConnection(reader, socket, head, listener);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    public int reader() {
        return reader;
    }

    public int status() {
        return head.status();
    }

    /** Bytes received on this connection so far: response head, chunk framing and frames. */
    public long wireBytes() {
        return wireBytes;
    }

    /** True once the server ended the stream or reset the connection. */
    public boolean closedByPeer() {
        return closedByPeer;
    }

    /** Reads and dispatches frames until the stream ends or the socket is closed. */
    public void readFrames() {
        SseFrameParser parser = new SseFrameParser(new Dispatch());
        ChunkedDecoder chunks = head.chunked() ? new ChunkedDecoder(parser::feed) : null;
        byte[] buffer = new byte[4096];
        readingThread = Thread.currentThread();
        try {
            InputStream in = socket.getInputStream();
            feed(parser, chunks, head.leftover(), head.leftover().length);
            for (int n = read(in, buffer); n >= 0; n = read(in, buffer)) {
                wireBytes += n;
                feed(parser, chunks, buffer, n);
            }
            closedByPeer = true;
        } catch (IOException e) {
            closedByPeer = !socket.isClosed();
        }
    }

    private int read(InputStream in, byte[] buffer) throws IOException {
        while (paused && !socket.isClosed()) {
            LockSupport.park(this);
        }
        return in.read(buffer);
    }

    /** Stops reading: the kernel buffers fill and the server sees a reader that has stopped consuming. */
    public void pause() {
        paused = true;
    }

    /** Reads again (and so learns whether the server closed the stream meanwhile). */
    public void resume() {
        paused = false;
        Thread reading = readingThread;
        if (reading != null) {
            LockSupport.unpark(reading);
        }
    }

    private void feed(SseFrameParser parser, ChunkedDecoder chunks, byte[] bytes, int length) {
        lastReadNanos = System.nanoTime();
        if (chunks != null) {
            chunks.feed(bytes, 0, length);
        } else {
            parser.feed(bytes, 0, length);
        }
    }

    private final class Dispatch implements java.util.function.Consumer<SseFrame> {
        @Override
        public void accept(SseFrame frame) {
            listener.onFrame(reader, frame, lastReadNanos);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        resume();
    }
}
