package io.batchcast.adapter.sse;

import io.batchcast.application.port.in.StoreUnavailableException;
import io.batchcast.application.port.in.StrategyNotFoundException;
import io.batchcast.application.port.in.SubscribeToOrderBatchEventsUseCase;
import io.batchcast.application.port.in.Subscription;
import io.batchcast.application.port.out.AccessTokenVerification;
import io.batchcast.application.port.out.VerifiedCaller;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;

/**
 * {@code GET /api/v1/strategies/{strategyId}/events}: one user's strategy's order-batch events as text/event-stream.
 * Every refusal (403 origin, 401 token, 400 id, 429 limit, 404 strategy, 503 store or shutdown) is decided before the
 * stream opens, so a client sees either a plain error or a stream, never a stream that dies at once.
 */
final class OrderBatchEventStream implements HttpService {

    static final String PATH = "/api/v1/strategies/{strategyId}/events";
    private static final System.Logger LOG = System.getLogger(OrderBatchEventStream.class.getName());

    private final SubscribeToOrderBatchEventsUseCase events;
    private final SseSettings settings;
    private final AccessTokenVerification tokens;
    private final CorsPolicy cors;
    private final StreamRegistry registry;
    private final FrameCache frames;
    private final StreamCounters counters;
    private final Clock clock;
    private final ScheduledExecutorService timers;

    OrderBatchEventStream(SubscribeToOrderBatchEventsUseCase events, SseSettings settings,
            AccessTokenVerification tokens, StreamRegistry registry, FrameCache frames, StreamCounters counters,
            Clock clock, ScheduledExecutorService timers) {
        this.events = events;
        this.settings = settings;
        this.tokens = tokens;
        this.cors = new CorsPolicy(settings.allowedOrigins());
        this.registry = registry;
        this.frames = frames;
        this.counters = counters;
        this.clock = clock;
        this.timers = timers;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get(PATH, this::stream)
                .options(PATH, (req, res) -> cors.preflight(req, res, "GET, OPTIONS"));
    }

    private void stream(ServerRequest request, ServerResponse response) {
        if (!cors.admit(request, response)) {
            refuse(response, Status.FORBIDDEN_403, "origin_not_allowed",
                    "this origin is not in the allowed origins of this server");
            return;
        }
        Optional<VerifiedCaller> verified = Callers.verify(request, response, tokens);
        if (verified.isEmpty()) {
            counters.streamRejected();
            return;
        }
        Caller caller = new Caller(verified.get().userId(), verified.get().expiresAt());
        OptionalLong strategyId = StreamRequest.strategyId(request.path().pathParameters().get("strategyId"));
        if (strategyId.isEmpty()) {
            refuse(response, Status.BAD_REQUEST_400, "invalid_strategy_id",
                    "strategyId must be a positive integer (1.." + Long.MAX_VALUE + ")");
            return;
        }
        var connection = new EventStreamConnection(caller, strategyId.getAsLong(), settings, frames, counters,
                clock, timers);
        if (admit(response, connection)) {
            try {
                subscribeAndStream(request, response, connection);
            } finally {
                registry.release(connection);
            }
        }
    }

    private boolean admit(ServerResponse response, EventStreamConnection connection) {
        switch (registry.admit(connection)) {
            case OVER_LIMIT -> {
                response.header(HeaderNames.RETRY_AFTER, String.valueOf(settings.retry().toSeconds() + 1));
                refuse(response, Status.TOO_MANY_REQUESTS_429, "too_many_streams", "at most "
                        + settings.maxStreamsPerUser() + " event streams may be open per user (max-streams-per-user)");
                return false;
            }
            case SHUTTING_DOWN -> {
                refuse(response, Status.SERVICE_UNAVAILABLE_503, "shutting_down", "this instance is shutting down");
                return false;
            }
            default -> {
                return true;
            }
        }
    }

    private void subscribeAndStream(ServerRequest request, ServerResponse response, EventStreamConnection connection) {
        Subscription subscription;
        try {
            subscription = events.subscribe(connection.userId(), connection.strategyId(),
                    StreamRequest.cursor(request), connection);
        } catch (StrategyNotFoundException e) {
            refuse(response, Status.NOT_FOUND_404, "strategy_not_found", "no such strategy for this user");
            return;
        } catch (StoreUnavailableException e) {
            refuse(response, Status.SERVICE_UNAVAILABLE_503, "store_unavailable", "the event log cannot be read now");
            return;
        }
        try (subscription) {
            connection.joined();
            openAndStream(response, connection);
        }
    }

    private void openAndStream(ServerResponse response, EventStreamConnection connection) {
        response.status(Status.OK_200);
        response.header(HeaderNames.CACHE_CONTROL, "no-store");
        // nginx and similar proxies buffer responses unless told not to; a buffered stream delivers nothing live
        response.header(HeaderNames.create("X-Accel-Buffering"), "no");
        EventStreamSink sink = response.sink(EventStreamSink.TYPE);
        StreamEnd end = connection.stream(sink);
        LOG.log(System.Logger.Level.DEBUG, () -> "stream of strategy " + connection.strategyId() + " ended: " + end);
        if (end.socketUsable()) {
            try {
                sink.close();
                return;
            } catch (RuntimeException e) {
                // the client left while we were ending; fall through and drop the connection
            }
        }
        sink.abort();
    }

    private void refuse(ServerResponse response, Status status, String code, String message) {
        counters.streamRejected();
        ErrorResponses.send(response, status, code, message);
    }
}
