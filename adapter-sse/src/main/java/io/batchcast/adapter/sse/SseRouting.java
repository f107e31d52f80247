package io.batchcast.adapter.sse;

import io.batchcast.application.port.in.GetHourlyStatisticsUseCase;
import io.batchcast.application.port.in.ListStrategiesUseCase;
import io.batchcast.application.port.in.SubscribeToOrderBatchEventsUseCase;
import io.batchcast.application.port.out.AccessTokenVerification;
import io.helidon.webserver.http.HttpRouting;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The web adapter's entry for bootstrap (and for tests, which build their server the same way): registers the event
 * stream, the session cookie endpoint and the dashboard on a routing, and hands back what bootstrap needs to run it:
 * the counters to export and {@link #close()} for shutdown.
 *
 * <pre>{@code
 * SseRouting sse = SseRouting.routing(routing, eventFeed, SseSettings.from(config.get("sse")), accessTokens,
 *         Clock.systemUTC());
 * // and on the WebServer builder: .directHandlers(ResponseHeaders.directHandlers())
 * ...
 * sse.close();        // before WebServer.stop(): streams end cleanly, clients reconnect elsewhere
 * }</pre>
 */
public final class SseRouting implements AutoCloseable {

    private static final int FRAME_CACHE_CAPACITY = 4096;

    private final SseSettings settings;
    private final StreamCounters counters;
    private final StreamRegistry registry;
    private final ScheduledThreadPoolExecutor timers;

    private SseRouting(SseSettings settings, StreamCounters counters, StreamRegistry registry,
            ScheduledThreadPoolExecutor timers) {
        this.settings = settings;
        this.counters = counters;
        this.registry = registry;
        this.timers = timers;
    }

    /**
     * Adds {@code GET /api/v1/strategies/{strategyId}/events}, {@code POST|DELETE /api/v1/session} and the dashboard
     * at {@code /} to {@code routing}. Routes registered before or after keep working: the dashboard serves only its
     * own files and passes every other path on (GETs outside {@code /api/} get its security headers on the way).
     * Every response of the routing gets {@code X-Content-Type-Options: nosniff}; give the server
     * {@link ResponseHeaders#directHandlers()} too, for the answers Helidon sends before routing. Access tokens
     * (header, cookie or query parameter) are checked by {@code tokens}.
     */
    public static SseRouting routing(HttpRouting.Builder routing, SubscribeToOrderBatchEventsUseCase events,
            SseSettings settings, AccessTokenVerification tokens, Clock clock) {
        return routing(routing, events, Optional.empty(), Optional.empty(), settings, tokens, clock);
    }

    /**
     * As above, plus {@code GET /api/v1/strategies/{strategyId}/statistics/hourly} (same credentials and CORS as the
     * stream), answered by {@code statistics}.
     */
    public static SseRouting routing(HttpRouting.Builder routing, SubscribeToOrderBatchEventsUseCase events,
            GetHourlyStatisticsUseCase statistics, SseSettings settings, AccessTokenVerification tokens, Clock clock) {
        return routing(routing, events, Optional.empty(), Optional.of(statistics), settings, tokens, clock);
    }

    /**
     * Everything the web adapter serves (bootstrap's call): as above, plus {@code GET /api/v1/strategies}, the
     * caller's strategies as JSON for the dashboard's strategy picker, answered by {@code strategies}.
     */
    public static SseRouting routing(HttpRouting.Builder routing, SubscribeToOrderBatchEventsUseCase events,
            ListStrategiesUseCase strategies, GetHourlyStatisticsUseCase statistics, SseSettings settings,
            AccessTokenVerification tokens, Clock clock) {
        return routing(routing, events, Optional.of(strategies), Optional.of(statistics), settings, tokens, clock);
    }

    private static SseRouting routing(HttpRouting.Builder routing, SubscribeToOrderBatchEventsUseCase events,
            Optional<ListStrategiesUseCase> strategies, Optional<GetHourlyStatisticsUseCase> statistics,
            SseSettings settings, AccessTokenVerification tokens, Clock clock) {
        var counters = new StreamCounters();
        var registry = new StreamRegistry(settings.maxStreamsPerUser(), counters);
        var frames = new FrameCache(FRAME_CACHE_CAPACITY, counters);
        // heartbeats and token expiry of every stream; one thread, daemon so that a server never closed can still exit
        var timers = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("sse-stream-timers").daemon()
                .factory());
        timers.setRemoveOnCancelPolicy(true);
        ResponseHeaders.register(routing);
        routing.register(new OrderBatchEventStream(events, settings, tokens, registry, frames, counters, clock, timers));
        statistics.ifPresent(s -> routing.register(new HourlyStatisticsEndpoint(s, settings, tokens)));
        routing.register(new SessionCookie(settings, tokens, clock));
        strategies.ifPresent(list -> routing.register(new StrategyList(list, settings, tokens)));
        Dashboard.register(routing);
        return new SseRouting(settings, counters, registry, timers);
    }

    public StreamCounters counters() {
        return counters;
    }

    /**
     * Ends every stream: new ones are refused with 503, open ones end after the frames they have queued (the
     * client reconnects by its cursor), and those still open after {@code shutdown-grace-ms} are cut.
     */
    @Override
    public void close() {
        registry.closeAll(settings.shutdownGrace());
        timers.shutdownNow();
    }
}
