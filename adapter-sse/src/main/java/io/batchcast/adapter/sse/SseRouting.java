package io.batchcast.adapter.sse;

import io.batchcast.application.port.in.OpenEventStreamUseCase;
import io.helidon.webserver.http.HttpRouting;
import java.time.Clock;

/**
 * The web adapter's entry for bootstrap (and for tests, which build their server the same way): registers the event
 * streams, the session cookie endpoint and the dashboard on a routing, and hands back the counters to export. The
 * streams themselves (limits, buffers, timing, shutdown) belong to the delivery core that bootstrap passes in.
 *
 * <pre>{@code
 * SseRouting sse = SseRouting.routing(routing, delivery, SseSettings.from(config.get("sse"), secret), Clock.systemUTC());
 * // and on the WebServer builder: .directHandlers(ResponseHeaders.directHandlers())
 * }</pre>
 */
public final class SseRouting {

    private static final int FRAME_CACHE_CAPACITY = 4096;

    private final StreamCounters counters;

    private SseRouting(StreamCounters counters) {
        this.counters = counters;
    }

    /**
     * Adds {@code GET /api/v1/strategies/{strategyId}/events}, {@code GET /api/v1/events},
     * {@code POST|DELETE /api/v1/session} and the dashboard at {@code /} to {@code routing}. Routes registered before
     * or after keep working: the dashboard serves only its own files and passes every other path on (GETs outside
     * {@code /api/} get its security headers on the way). Every response of the routing gets
     * {@code X-Content-Type-Options: nosniff}; give the server {@link ResponseHeaders#directHandlers()} too, for the
     * answers Helidon sends before routing.
     */
    public static SseRouting routing(HttpRouting.Builder routing, OpenEventStreamUseCase delivery,
            SseSettings settings, Clock clock) {
        var counters = new StreamCounters();
        var frames = new FrameCache(FRAME_CACHE_CAPACITY, counters);
        ResponseHeaders.register(routing);
        routing.register(new OrderBatchEventStream(delivery, settings, frames, counters, clock));
        routing.register(new SessionCookie(settings, clock));
        Dashboard.register(routing);
        return new SseRouting(counters);
    }

    public StreamCounters counters() {
        return counters;
    }
}
