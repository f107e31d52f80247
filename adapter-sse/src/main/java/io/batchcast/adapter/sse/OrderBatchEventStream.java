package io.batchcast.adapter.sse;

import io.batchcast.application.port.in.EventSelection;
import io.batchcast.application.port.in.OpenEventStream;
import io.batchcast.application.port.in.OpenEventStreamUseCase;
import io.batchcast.application.port.in.StreamCaller;
import io.batchcast.application.port.in.StreamEnd;
import io.batchcast.application.port.in.StreamOpening;
import io.batchcast.application.port.out.AccessTokenVerification;
import io.batchcast.application.port.out.VerifiedCaller;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The event streams as text/event-stream: {@code GET /api/v1/strategies/{strategyId}/events} (one strategy) and
 * {@code GET /api/v1/events} (every strategy of the caller, or those named by {@code strategy=}). Every refusal (403
 * origin, 401 token, 400 id, 429 limit, 404 strategy, 503 store or shutdown) is decided before the stream opens, so a
 * client sees either a plain error or a stream, never a stream that dies at once. Limits, buffering, replay and
 * timing are the delivery core's; this class parses, encodes ({@link SseProtocol}) and translates.
 */
final class OrderBatchEventStream implements HttpService {

    static final String PATH = "/api/v1/strategies/{strategyId}/events";
    static final String ALL_PATH = "/api/v1/events";
    private static final System.Logger LOG = System.getLogger(OrderBatchEventStream.class.getName());

    private final OpenEventStreamUseCase delivery;
    private final SseSettings settings;
    private final AccessTokenVerification tokens;
    private final CorsPolicy cors;
    private final SseProtocol protocol;
    private final StreamCounters counters;

    OrderBatchEventStream(OpenEventStreamUseCase delivery, SseSettings settings, CorsPolicy cors,
            AccessTokenVerification tokens, StreamCounters counters) {
        this.delivery = delivery;
        this.settings = settings;
        this.tokens = tokens;
        this.cors = cors;
        this.protocol = new SseProtocol(settings.retry(), settings.heartbeat());
        this.counters = counters;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get(PATH, (req, res) -> stream(req, res, false))
                .options(PATH, (req, res) -> cors.preflight(req, res, "GET, OPTIONS"))
                .get(ALL_PATH, (req, res) -> stream(req, res, true))
                .options(ALL_PATH, (req, res) -> cors.preflight(req, res, "GET, OPTIONS"));
    }

    private void stream(ServerRequest request, ServerResponse response, boolean callerStrategies) {
        Optional<VerifiedCaller> verified = Callers.admit(request, response, cors, tokens);
        if (verified.isEmpty()) {
            counters.streamRejected();
            return;
        }
        Optional<EventSelection> selection = callerStrategies ? strategies(request, response) : oneStrategy(request,
                response);
        if (selection.isEmpty()) {
            return;
        }
        OptionalInt coalesceMs = StreamRequest.coalesceMs(request);
        if (coalesceMs.isEmpty()) {
            refuse(response, Status.BAD_REQUEST_400, "invalid_coalesce_ms", StreamRequest.COALESCE_QUERY + " "
                    + OpenEventStream.COALESCE_RANGE + ", given once");
            return;
        }
        var caller = new StreamCaller(verified.get().userId(), verified.get().expiresAt());
        var command = new OpenEventStream(caller, selection.get(), StreamRequest.cursor(request),
                coalesceMs.getAsInt());
        switch (delivery.open(command, protocol)) {
            case StreamOpening.Opened<byte[]> opened -> openAndStream(request, response, opened);
            case StreamOpening.Refused<byte[]> refused -> refuse(response, refused.refusal());
        }
    }

    private Optional<EventSelection> oneStrategy(ServerRequest request, ServerResponse response) {
        OptionalLong strategyId = StreamRequest.strategyId(request.path().pathParameters().get("strategyId"));
        if (strategyId.isEmpty()) {
            refuse(response, Status.BAD_REQUEST_400, "invalid_strategy_id",
                    "strategyId must be a positive integer (1.." + Long.MAX_VALUE + ")");
            return Optional.empty();
        }
        return Optional.of(new EventSelection.OneStrategy(strategyId.getAsLong()));
    }

    private Optional<EventSelection> strategies(ServerRequest request, ServerResponse response) {
        return switch (StreamRequest.strategies(request, settings.maxStrategiesPerStream())) {
            case StreamRequest.Strategies.Named named -> Optional.of(new EventSelection.CallerStrategies(named.ids()));
            case StreamRequest.Strategies.Invalid invalid -> {
                refuse(response, Status.BAD_REQUEST_400, "invalid_strategy", invalid.message());
                yield Optional.empty();
            }
        };
    }

    private void refuse(ServerResponse response, StreamOpening.Refusal refusal) {
        switch (refusal) {
            case StreamOpening.TooManyStreams limit -> {
                response.header(HeaderNames.RETRY_AFTER, String.valueOf(settings.retry().toSeconds() + 1));
                refuse(response, Status.TOO_MANY_REQUESTS_429, "too_many_streams", "at most "
                        + limit.maxStreamsPerUser() + " event streams may be open per user"
                        + " (delivery.max-streams-per-user)");
            }
            case StreamOpening.StrategyNotFound notFound ->
                    refuse(response, Status.NOT_FOUND_404, "strategy_not_found", "no such strategy for this user");
            case StreamOpening.StoreUnavailable unavailable ->
                    refuse(response, Status.SERVICE_UNAVAILABLE_503, "store_unavailable",
                            "the event log cannot be read now");
            case StreamOpening.ShuttingDown shuttingDown ->
                    refuse(response, Status.SERVICE_UNAVAILABLE_503, "shutting_down", "this instance is shutting down");
        }
    }

    private void openAndStream(ServerRequest request, ServerResponse response,
            StreamOpening.Opened<byte[]> opened) {
        EventStreamSink sink;
        try {
            response.status(Status.OK_200);
            response.header(HeaderNames.CACHE_CONTROL, "no-store");
            // nginx and similar proxies buffer responses unless told not to; a buffered stream delivers nothing live
            response.header(HeaderNames.create("X-Accel-Buffering"), "no");
            // the body depends on Accept-Encoding (gzip or not), next to the Origin that CORS may have named
            String vary = response.headers().first(HeaderNames.VARY).map(v -> v + ", ").orElse("");
            response.headers().set(HeaderNames.VARY, vary + "Accept-Encoding");
            if (StreamRequest.acceptsGzip(request)) {
                response.header(HeaderNames.CONTENT_ENCODING, "gzip");
            }
            sink = response.sink(EventStreamSink.TYPE).countingInto(counters);
        } catch (RuntimeException e) {
            opened.stream().discard();
            throw e;
        }
        StreamEnd end = opened.stream().run(sink);
        LOG.log(System.Logger.Level.DEBUG, () -> "event stream ended: " + end);
        boolean socketUsable = switch (end) {
            case StreamEnd.ClientGone gone -> false;
            case StreamEnd.TooSlow slow -> false;
            case StreamEnd.TokenExpired expired -> true;
            case StreamEnd.ShutDown shutDown -> true;
            case StreamEnd.CursorUnusable unusable -> true;
        };
        if (socketUsable) {
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
        JsonResponses.send(response, status, code, message);
    }
}
