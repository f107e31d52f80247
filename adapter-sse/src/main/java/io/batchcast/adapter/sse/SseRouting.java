package io.batchcast.adapter.sse;

import io.batchcast.application.port.in.GetHourlyStatisticsUseCase;
import io.batchcast.application.port.in.ListStrategiesUseCase;
import io.batchcast.application.port.in.OpenEventStreamUseCase;
import io.batchcast.application.port.out.AccessTokenVerification;
import io.helidon.webserver.http.HttpRouting;
import java.time.Clock;
import java.util.Optional;

/**
 * The web adapter's entry for bootstrap (and for tests, which build their server the same way): registers the event
 * streams, the session cookie endpoint and the dashboard on a routing, and hands back the counters to export. The
 * streams themselves (limits, buffers, timing, shutdown) belong to the delivery core that bootstrap passes in.
 *
 * <pre>{@code
 * SseRouting sse = SseRouting.routing(routing, delivery, strategies, statistics, SseSettings.from(config.get("sse")),
 *         accessTokens, Clock.systemUTC());
 * // and on the WebServer builder: .directHandlers(ResponseHeaders.directHandlers())
 * }</pre>
 */
public final class SseRouting {

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
     * answers Helidon sends before routing. Access tokens (header, cookie or query parameter) are checked by
     * {@code tokens}.
     */
    public static SseRouting routing(HttpRouting.Builder routing, OpenEventStreamUseCase delivery,
            SseSettings settings, AccessTokenVerification tokens, Clock clock) {
        return routing(routing, delivery, Optional.empty(), Optional.empty(), settings, tokens, clock);
    }

    /**
     * Everything the web adapter serves (bootstrap's call): as above, plus {@code GET /api/v1/strategies}, the
     * caller's strategies as JSON for the dashboard's strategy picker, answered by {@code strategies}, and
     * {@code GET /api/v1/strategies/{strategyId}/statistics/hourly} (same credentials and CORS as the stream),
     * answered by {@code statistics}.
     */
    public static SseRouting routing(HttpRouting.Builder routing, OpenEventStreamUseCase delivery,
            ListStrategiesUseCase strategies, GetHourlyStatisticsUseCase statistics, SseSettings settings,
            AccessTokenVerification tokens, Clock clock) {
        return routing(routing, delivery, Optional.of(strategies), Optional.of(statistics), settings, tokens, clock);
    }

    private static SseRouting routing(HttpRouting.Builder routing, OpenEventStreamUseCase delivery,
            Optional<ListStrategiesUseCase> strategies, Optional<GetHourlyStatisticsUseCase> statistics,
            SseSettings settings, AccessTokenVerification tokens, Clock clock) {
        var counters = new StreamCounters();
        var cors = new CorsPolicy(settings.allowedOrigins());
        ResponseHeaders.register(routing);
        routing.register(new OrderBatchEventStream(delivery, settings, cors, tokens, counters));
        statistics.ifPresent(s -> routing.register(new HourlyStatisticsEndpoint(s, cors, tokens)));
        routing.register(new SessionCookie(cors, tokens, clock));
        strategies.ifPresent(list -> routing.register(new StrategyList(list, cors, tokens)));
        Dashboard.register(routing);
        return new SseRouting(counters);
    }

    public StreamCounters counters() {
        return counters;
    }
}
