package io.batchcast.adapter.sse;

import io.batchcast.application.port.in.FrameSink;
import io.helidon.common.GenericType;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.spi.Sink;
import io.helidon.webserver.http.spi.SinkProviderContext;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * A text/event-stream response that writes ready-made frames byte for byte, the frames queued together in one write
 * and one flush (one chunk, one system call). Helidon's own {@code SseSink} cannot write a {@code retry:} field and
 * serializes each event per subscriber; ours writes pre-encoded bytes shared by all subscribers, and it can
 * {@link #abort()}: closing the socket is the only way to free a writer blocked on a reader that stopped reading.
 * When the handler set {@code Content-Encoding: gzip}, the bytes go through a {@link GZIPOutputStream} with sync
 * flush, so every write reaches the client as a complete deflate block at once. Created through
 * {@link EventStreamSinkProvider}, so Helidon commits the status line and headers exactly as for its own sinks.
 */
final class EventStreamSink implements Sink<byte[]>, FrameSink<byte[]> {

    /** The type to ask {@code ServerResponse.sink(...)} for. */
    static final GenericType<EventStreamSink> TYPE = GenericType.create(EventStreamSink.class);

    private final CountingStream wire;
    private final OutputStream out;
    private final Runnable closeResponse;
    private final HelidonSocket socket;
    private final Thread writer = Thread.currentThread();
    private StreamCounters counters;

    EventStreamSink(SinkProviderContext context) {
        var response = context.serverResponse();
        response.headers().set(HeaderValues.CONTENT_TYPE_EVENT_STREAM);
        boolean gzip = response.headers().first(HeaderNames.CONTENT_ENCODING).filter("gzip"::equals).isPresent();
        this.wire = new CountingStream(response.outputStream());
        this.closeResponse = context.closeRunnable();
        this.socket = socketOf(context);
        context.flushHeaders();
        this.out = gzip ? gzip(wire) : wire;
    }

    /** Where to count the bytes and writes that reach the socket. */
    EventStreamSink countingInto(StreamCounters streamCounters) {
        this.counters = streamCounters;
        return this;
    }

    /** Writes one frame and pushes it to the client now (a frame is never left in a buffer). */
    @Override
    public EventStreamSink emit(byte[] frame) {
        write(List.of(frame));
        return this;
    }

    /**
     * The frames as one write to the response stream: without a response buffer ({@code server.write-buffer-size:
     * 0}) every write is a chunk and a system call of its own, so frames written one by one would undo the joining.
     * Through gzip they go one by one: the deflater buffers them until the flush.
     */
    @Override
    public void write(List<byte[]> frames) {
        try {
            long before = wire.count;
            if (out != wire || frames.size() == 1) {
                for (byte[] frame : frames) {
                    out.write(frame);
                }
            } else {
                out.write(joined(frames));
            }
            out.flush();
            if (counters != null) {
                counters.written(wire.count - before);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends the response cleanly: the terminating chunk tells the client the stream is over, so it reconnects. */
    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        closeResponse.run();
    }

    /** Cuts the connection from any thread; a write blocked on this socket fails at once. */
    @Override
    public void abort() {
        if (socket != null) {
            try {
                socket.close();
            } catch (RuntimeException e) {
                // already closed by the peer or by an earlier abort: the connection is gone either way
            }
        } else {
            // a virtual thread blocked in socket I/O is released by an interrupt, which closes the socket (JEP 444)
            writer.interrupt();
        }
    }

    private static byte[] joined(List<byte[]> frames) {
        int length = 0;
        for (byte[] frame : frames) {
            length += frame.length;
        }
        byte[] joined = new byte[length];
        int at = 0;
        for (byte[] frame : frames) {
            System.arraycopy(frame, 0, joined, at, frame.length);
            at += frame.length;
        }
        return joined;
    }

    private static OutputStream gzip(OutputStream wire) {
        try {
            return new GZIPOutputStream(wire, 8192, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HelidonSocket socketOf(SinkProviderContext context) {
        try {
            return context.connectionContext().serverSocket();
        } catch (UnsupportedOperationException e) {
            return null;
        }
    }

    /** The bytes that reach the response stream (after compression, before chunk framing). */
    private static final class CountingStream extends FilterOutputStream {
        private long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
