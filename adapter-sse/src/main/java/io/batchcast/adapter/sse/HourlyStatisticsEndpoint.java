package io.batchcast.adapter.sse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.batchcast.application.port.in.GetHourlyStatisticsUseCase;
import io.batchcast.application.port.out.AccessTokenVerification;
import io.batchcast.application.port.out.VerifiedCaller;
import io.batchcast.application.port.in.HourlyStatisticsQuery;
import io.batchcast.application.port.in.StatisticsRangeException;
import io.batchcast.application.port.in.StoreUnavailableException;
import io.batchcast.application.port.in.StrategyNotFoundException;
import io.batchcast.domain.HourlyStatistics;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
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
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final GetHourlyStatisticsUseCase statistics;
    private final AccessTokenVerification tokens;
    private final CorsPolicy cors;

    HourlyStatisticsEndpoint(GetHourlyStatisticsUseCase statistics, SseSettings settings,
            AccessTokenVerification tokens) {
        this.statistics = statistics;
        this.tokens = tokens;
        this.cors = new CorsPolicy(settings.allowedOrigins());
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
            ErrorResponses.send(response, Status.BAD_REQUEST_400, "invalid_strategy_id",
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
            ErrorResponses.send(response, Status.BAD_REQUEST_400, "invalid_range", switch (e.problem()) {
                case EMPTY -> "to must be after from";
                case TOO_LONG -> "to must be at most 31 days (744 hours) after from";
            });
            return;
        }
        answer(response, caller, query);
    }

    private void answer(ServerResponse response, VerifiedCaller caller, HourlyStatisticsQuery query) {
        List<HourlyStatistics> hours;
        try {
            hours = statistics.hourlyStatistics(caller.userId(), query);
        } catch (StrategyNotFoundException e) {
            ErrorResponses.send(response, Status.NOT_FOUND_404, "strategy_not_found", "no such strategy for this user");
            return;
        } catch (StoreUnavailableException e) {
            ErrorResponses.send(response, Status.SERVICE_UNAVAILABLE_503, "store_unavailable",
                    "the statistics cannot be read now");
            return;
        }
        response.status(Status.OK_200);
        response.headers().set(HeaderValues.CONTENT_TYPE_JSON);
        response.headers().set(HeaderNames.CACHE_CONTROL, "no-store");
        response.send(body(query.strategyId(), hours));
    }

    /** The parameter as an ISO 8601 instant; otherwise answers 400 naming it (never echoing the value). */
    private static Optional<Instant> instant(ServerRequest request, String name, ServerResponse response) {
        Optional<String> text = request.query().first(name).asOptional();
        if (text.isEmpty() || text.get().isBlank()) {
            ErrorResponses.send(response, Status.BAD_REQUEST_400, "invalid_range",
                    name + " is required: an ISO 8601 instant such as 2026-12-01T18:00:00Z");
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text.get()));
        } catch (DateTimeParseException e) {
            ErrorResponses.send(response, Status.BAD_REQUEST_400, "invalid_range",
                    name + " must be an ISO 8601 instant such as 2026-12-01T18:00:00Z");
            return Optional.empty();
        }
    }

    private static byte[] body(long strategyId, List<HourlyStatistics> hours) {
        var out = new ByteArrayOutputStream(128 + 160 * hours.size());
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("strategy_id", strategyId);
            json.writeArrayFieldStart("hours");
            for (HourlyStatistics hour : hours) {
                json.writeStartObject();
                EventFrames.writeStatisticsFields(json, hour);
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }
}
