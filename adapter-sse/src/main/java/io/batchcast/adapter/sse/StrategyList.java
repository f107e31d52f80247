package io.batchcast.adapter.sse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.batchcast.application.port.in.ListStrategiesUseCase;
import io.batchcast.application.port.out.AccessTokenVerification;
import io.batchcast.application.port.out.VerifiedCaller;
import io.batchcast.application.port.in.StoreUnavailableException;
import io.batchcast.domain.Strategy;
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
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code GET /api/v1/strategies}: the caller's strategies, ordered by id, for the dashboard's strategy picker (the
 * same list as gRPC {@code StrategyService.ListStrategies}). Same credentials and CORS rules as the event stream.
 * Paged by id: {@code ?after_id=<id>&page_size=<1..1000, default 1000>}; {@code next_after_id} is present when the
 * page is full, so more may follow.
 */
final class StrategyList implements HttpService {

    static final String PATH = "/api/v1/strategies";
    static final int MAX_PAGE_SIZE = 1000;
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final ListStrategiesUseCase strategies;
    private final AccessTokenVerification tokens;
    private final CorsPolicy cors;

    StrategyList(ListStrategiesUseCase strategies, SseSettings settings, AccessTokenVerification tokens) {
        this.strategies = strategies;
        this.tokens = tokens;
        this.cors = new CorsPolicy(settings.allowedOrigins());
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get(PATH, this::list)
                .options(PATH, (req, res) -> cors.preflight(req, res, "GET, OPTIONS"));
    }

    private void list(ServerRequest request, ServerResponse response) {
        Optional<VerifiedCaller> verified = Callers.admit(request, response, cors, tokens);
        if (verified.isEmpty()) {
            return;
        }
        VerifiedCaller caller = verified.get();
        OptionalLong afterId = number(request, "after_id", 0, Long.MAX_VALUE);
        OptionalLong pageSize = number(request, "page_size", 1, MAX_PAGE_SIZE);
        if (afterId.isEmpty() || pageSize.isEmpty()) {
            String field = afterId.isEmpty() ? "after_id" : "page_size";
            ErrorResponses.send(response, Status.BAD_REQUEST_400, "invalid_" + field, afterId.isEmpty()
                    ? "after_id must be an integer from 0 to " + Long.MAX_VALUE
                    : "page_size must be an integer from 1 to " + MAX_PAGE_SIZE);
            return;
        }
        List<Strategy> page;
        try {
            page = strategies.list(caller.userId(), afterId.getAsLong(), (int) pageSize.getAsLong());
        } catch (StoreUnavailableException e) {
            ErrorResponses.send(response, Status.SERVICE_UNAVAILABLE_503, "store_unavailable",
                    "the strategies cannot be read now");
            return;
        }
        response.headers().set(HeaderValues.CONTENT_TYPE_JSON);
        response.headers().set(HeaderNames.CACHE_CONTROL, "no-store");
        response.send(json(page, page.size() == pageSize.getAsLong()));
    }

    /** The query parameter as a number in {@code [min, max]}; absent means {@code max} for page_size, 0 for after_id. */
    private static OptionalLong number(ServerRequest request, String name, long min, long max) {
        Optional<String> text = request.query().first(name).asOptional();
        if (text.isEmpty()) {
            return OptionalLong.of(name.equals("page_size") ? max : min);
        }
        String value = text.get();
        if (value.isEmpty() || value.length() > 19 || !value.chars().allMatch(Character::isDigit)) {
            return OptionalLong.empty();
        }
        try {
            long number = Long.parseLong(value);
            return number >= min && number <= max ? OptionalLong.of(number) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static byte[] json(List<Strategy> page, boolean full) {
        var body = new ByteArrayOutputStream(64 + 96 * page.size());
        try (JsonGenerator json = JSON.createGenerator(body)) {
            json.writeStartObject();
            json.writeArrayFieldStart("strategies");
            for (Strategy strategy : page) {
                json.writeStartObject();
                json.writeNumberField("id", strategy.id());
                json.writeStringField("name", strategy.name());
                json.writeStringField("created_at", ISO_MILLIS.format(strategy.createdAt()));
                json.writeEndObject();
            }
            json.writeEndArray();
            if (full && !page.isEmpty()) {
                json.writeNumberField("next_after_id", page.getLast().id());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return body.toByteArray();
    }
}
