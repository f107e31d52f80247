package io.batchcast.adapter.sse;

import io.helidon.common.GenericType;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.spi.Sink;
import io.helidon.webserver.http.spi.SinkProviderContext;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * A text/event-stream response that writes ready-made frames byte for byte. Helidon's own {@code SseSink} cannot
 * write a {@code retry:} field and serializes each event per subscriber; ours writes pre-encoded bytes shared by all
 * subscribers, and it can {@link #abort()}: closing the socket is the only way to free a writer blocked on a reader
 * that stopped reading, which Helidon's sink cannot do. Created through {@link EventStreamSinkProvider}, so Helidon
 * commits the status line and headers exactly as for its own sinks.
 */
final class EventStreamSink implements Sink<byte[]>, FrameOutput {

    /** The type to ask {@code ServerResponse.sink(...)} for. */
    static final GenericType<EventStreamSink> TYPE = GenericType.create(EventStreamSink.class);

    private final OutputStream out;
    private final Runnable closeResponse;
    private final HelidonSocket socket;
    private final Thread writer = Thread.currentThread();

    EventStreamSink(SinkProviderContext context) {
        var response = context.serverResponse();
        response.headers().set(HeaderValues.CONTENT_TYPE_EVENT_STREAM);
        this.out = response.outputStream();
        this.closeResponse = context.closeRunnable();
        this.socket = socketOf(context);
        context.flushHeaders();
    }

    /** Writes one frame and pushes it to the client now (a frame is never left in a buffer). */
    @Override
    public EventStreamSink emit(byte[] frame) {
        try {
            out.write(frame);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void write(byte[] bytes) {
        emit(bytes);
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

    private static HelidonSocket socketOf(SinkProviderContext context) {
        try {
            return context.connectionContext().serverSocket();
        } catch (UnsupportedOperationException e) {
            return null;
        }
    }
}
