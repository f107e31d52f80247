package io.batchcast.adapter.sse;

import io.helidon.common.GenericType;
import io.helidon.common.media.type.MediaType;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.http.spi.Sink;
import io.helidon.webserver.http.spi.SinkProvider;
import io.helidon.webserver.http.spi.SinkProviderContext;
import java.util.function.BiConsumer;

/**
 * Registers {@link EventStreamSink} with Helidon (META-INF/services). Public only because the service loader needs
 * it; nothing else should use it.
 */
public final class EventStreamSinkProvider implements SinkProvider<byte[]> {

    @Override
    public boolean supports(GenericType<? extends Sink<?>> type, ServerRequest request) {
        // not tied to the Accept header: the route itself is the event stream, whatever the client claims to accept
        return EventStreamSink.TYPE.equals(type);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <X extends Sink<byte[]>> X create(SinkProviderContext context) {
        return (X) new EventStreamSink(context);
    }

    /** Helidon before 4.1.2 only; the context-based {@link #create(SinkProviderContext)} is always used. */
    @Override
    @Deprecated(forRemoval = false)
    public <X extends Sink<byte[]>> X create(ServerResponse response, BiConsumer<Object, MediaType> eventConsumer,
            Runnable closeRunnable) {
        throw new UnsupportedOperationException("EventStreamSink needs the sink provider context");
    }
}
