package io.batchcast.adapter.sse;

import io.batchcast.application.port.in.GetHourlyStatisticsUseCase;
import io.batchcast.application.port.out.AccessTokenVerification;
import io.batchcast.application.port.out.VerifiedCaller;
import io.batchcast.application.port.in.HourlyStatisticsQuery;
import io.batchcast.application.port.in.StatisticsRangeException;
import io.batchcast.application.port.in.StoreUnavailableException;
import io.batchcast.application.port.in.StrategyNotFoundException;
import io.batchcast.domain.HourlyStatistics;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code GET /api/v1/strategies/{strategyId}/statistics/hourly?from=&to=}: the strategy's hours whose start lies in
 * {@code [from, to)}, as JSON. The same credentials, CORS and refusals as the event stream.
 */
final class HourlyStatisticsEndpoint implements HttpService {

    static final String PATH = "/api/v1/strategies/{strategyId}/statistics/hourly";

    private final GetHourlyStatisticsUseCase statistics;
    private final AccessTokenVerification tokens;
    private final CorsPolicy cors;

    HourlyStatisticsEndpoint(GetHourlyStatisticsUseCase statistics, CorsPolicy cors, AccessTokenVerification tokens) {
        this.statistics = statistics;
        this.tokens = tokens;
        this.cors = cors;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get(PATH, this::hourly)
                .options(PATH, (req, res) -> cors.preflight(req, res, "GET, OPTIONS"));
    }

    private void hourly(ServerRequest request, ServerResponse response) {
        Optional<VerifiedCaller> verified = Callers.admit(request, response, cors, tokens);
        if (verified.isEmpty()) {
            return;
        }
        VerifiedCaller caller = verified.get();
        OptionalLong strategyId = StreamRequest.strategyId(request.path().pathParameters().get("strategyId"));
        if (strategyId.isEmpty()) {
            JsonResponses.send(response, Status.BAD_REQUEST_400, "invalid_strategy_id",
                    "strategyId must be a positive integer (1.." + Long.MAX_VALUE + ")");
            return;
        }
        Optional<Instant> from = instant(request, "from", response);
        Optional<Instant> to = from.isEmpty() ? Optional.empty() : instant(request, "to", response);
        if (to.isEmpty()) {
            return;
        }
        HourlyStatisticsQuery query;
        try {
            query = new HourlyStatisticsQuery(strategyId.getAsLong(), from.get(), to.get());
        } catch (StatisticsRangeException e) {
            JsonResponses.send(response, Status.BAD_REQUEST_400, "invalid_range", "to " + e.endRequirement("from"));
            return;
        }
        answer(response, caller, query);
    }

    private void answer(ServerResponse response, VerifiedCaller caller, HourlyStatisticsQuery query) {
        List<HourlyStatistics> hours;
        try {
            hours = statistics.hourlyStatistics(caller.userId(), query);
        } catch (StrategyNotFoundException e) {
            JsonResponses.send(response, Status.NOT_FOUND_404, "strategy_not_found", "no such strategy for this user");
            return;
        } catch (StoreUnavailableException e) {
            JsonResponses.send(response, Status.SERVICE_UNAVAILABLE_503, "store_unavailable",
                    "the statistics cannot be read now");
            return;
        }
        JsonResponses.send(response, Status.OK_200, body(query.strategyId(), hours));
    }

    /** The parameter as an ISO 8601 instant; otherwise answers 400 naming it (never echoing the value). */
    private static Optional<Instant> instant(ServerRequest request, String name, ServerResponse response) {
        Optional<String> text = request.query().first(name).asOptional();
        if (text.isEmpty() || text.get().isBlank()) {
            JsonResponses.send(response, Status.BAD_REQUEST_400, "invalid_range",
                    name + " is required: an ISO 8601 instant such as 2026-12-01T18:00:00Z");
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text.get()));
        } catch (DateTimeParseException e) {
            JsonResponses.send(response, Status.BAD_REQUEST_400, "invalid_range",
                    name + " must be an ISO 8601 instant such as 2026-12-01T18:00:00Z");
            return Optional.empty();
        }
    }

    private static byte[] body(long strategyId, List<HourlyStatistics> hours) {
        return JsonResponses.json(128 + 160 * hours.size(), json -> {
            json.writeNumberField("strategy_id", strategyId);
            json.writeArrayFieldStart("hours");
            for (HourlyStatistics hour : hours) {
                json.writeStartObject();
                EventFrames.writeStatisticsFields(json, hour);
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }
}
