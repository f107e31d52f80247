package io.batchcast.adapter.sse;

import io.batchcast.application.port.in.ListStrategiesUseCase;
import io.batchcast.application.port.out.AccessTokenVerification;
import io.batchcast.application.port.out.VerifiedCaller;
import io.batchcast.application.port.in.StoreUnavailableException;
import io.batchcast.domain.Strategy;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
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
    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final ListStrategiesUseCase strategies;
    private final AccessTokenVerification tokens;
    private final CorsPolicy cors;

    StrategyList(ListStrategiesUseCase strategies, CorsPolicy cors, AccessTokenVerification tokens) {
        this.strategies = strategies;
        this.tokens = tokens;
        this.cors = cors;
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
        OptionalLong afterId = number(request, "after_id", 0, Long.MAX_VALUE, 0);
        OptionalLong pageSize = number(request, "page_size", 1, MAX_PAGE_SIZE, MAX_PAGE_SIZE);
        if (afterId.isEmpty() || pageSize.isEmpty()) {
            String field = afterId.isEmpty() ? "after_id" : "page_size";
            JsonResponses.send(response, Status.BAD_REQUEST_400, "invalid_" + field, afterId.isEmpty()
                    ? "after_id must be an integer from 0 to " + Long.MAX_VALUE
                    : "page_size must be an integer from 1 to " + MAX_PAGE_SIZE);
            return;
        }
        List<Strategy> page;
        try {
            page = strategies.list(caller.userId(), afterId.getAsLong(), (int) pageSize.getAsLong());
        } catch (StoreUnavailableException e) {
            JsonResponses.send(response, Status.SERVICE_UNAVAILABLE_503, "store_unavailable",
                    "the strategies cannot be read now");
            return;
        }
        JsonResponses.send(response, Status.OK_200, json(page, page.size() == pageSize.getAsLong()));
    }

    /** The query parameter as a number in {@code [min, max]}, {@code absent} when it is not given. */
    private static OptionalLong number(ServerRequest request, String name, long min, long max, long absent) {
        Optional<String> text = request.query().first(name).asOptional();
        return text.isEmpty() ? OptionalLong.of(absent) : StreamRequest.number(text.get(), min, max);
    }

    private static byte[] json(List<Strategy> page, boolean full) {
        return JsonResponses.json(64 + 96 * page.size(), json -> {
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
        });
    }
}
