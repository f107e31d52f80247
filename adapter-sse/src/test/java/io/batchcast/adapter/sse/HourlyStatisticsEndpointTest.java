package io.batchcast.adapter.sse;

import static io.batchcast.adapter.sse.RawStream.headers;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchcast.application.service.ManagingStrategies;
import io.batchcast.application.service.ReadingHourlyStatistics;
import io.batchcast.domain.HourlyStatistics;
import io.batchcast.domain.OrderType;
import io.batchcast.domain.OrderTypeStatistics;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/strategies/{id}/statistics/hourly} over a real socket: exact JSON, range rules, access. */
@ServerTest
class HourlyStatisticsEndpointTest {

    private static final TradingDesk DESK = new TradingDesk();
    private static final String USER = "u-stats";
    private static final Instant SIX_PM = Instant.parse("2026-12-01T18:00:00Z");
    /** What the statistics store was asked: strategy, from hour, to hour. */
    private static final List<String> ASKED = new CopyOnWriteArrayList<>();

    private final int port;

    HourlyStatisticsEndpointTest(WebServer server) {
        this.port = server.port();
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        var statistics = new ReadingHourlyStatistics(DESK.store, (strategy, fromHour, toHour) -> {
            ASKED.add(strategy + " " + fromHour + " " + toHour);
            return List.of(new HourlyStatistics(SIX_PM, 12, List.of(
                            new OrderTypeStatistics(OrderType.LIMIT, 5, 3, 1),
                            new OrderTypeStatistics(OrderType.STOP_MARKET, 0, 0, 4))),
                    new HourlyStatistics(Instant.parse("2026-12-01T19:00:00Z"), 1, List.of()));
        });
        SseRouting.routing(routing, DESK.delivery(), new ManagingStrategies(DESK.store, Clock.systemUTC()), statistics,
                SseSettings.defaults(), TestTokens.VERIFIER, Clock.systemUTC());
    }

    private RawStream get(long strategy, String query, Map<String, String> headers) throws IOException {
        return RawStream.get(port, "/api/v1/strategies/" + strategy + "/statistics/hourly" + query, headers);
    }

    private RawStream get(long strategy, String query) throws IOException {
        return get(strategy, query, headers("Authorization", "Bearer " + TestTokens.forUser(USER)));
    }

    @Test
    void answersTheHoursAsTheContractsJson() throws IOException {
        long strategy = DESK.strategyOf(USER);
        ASKED.clear();
        try (RawStream response = get(strategy, "?from=2026-12-01T17:30:00Z&to=2026-12-01T20:00:00Z")) {
            assertAll(() -> assertEquals(200, response.status()),
                    () -> assertEquals("application/json", response.header("Content-Type")),
                    () -> assertEquals("no-store", response.header("Cache-Control")),
                    () -> assertEquals("{\"strategy_id\":" + strategy + ",\"hours\":["
                            + "{\"hour\":\"2026-12-01T18:00:00Z\",\"batches\":12,\"order_types\":["
                            + "{\"order_type\":\"LIMIT\",\"created\":5,\"cancelled\":3,\"rejected\":1},"
                            + "{\"order_type\":\"STOP_MARKET\",\"created\":0,\"cancelled\":0,\"rejected\":4}]},"
                            + "{\"hour\":\"2026-12-01T19:00:00Z\",\"batches\":1,\"order_types\":[]}]}",
                            response.text()),
                    () -> assertEquals(List.of(strategy + " 2026-12-01T18:00:00Z 2026-12-01T20:00:00Z"), ASKED));
        }
    }

    @Test
    void theTokenMayComeAsCookieOrQueryParameterLikeForTheStream() throws IOException {
        long strategy = DESK.strategyOf(USER);
        String range = "?from=2026-12-01T18:00:00Z&to=2026-12-01T19:00:00Z";
        try (RawStream cookie = get(strategy, range, headers("Cookie", "batchcast_token=" + TestTokens.forUser(USER)));
                RawStream query = get(strategy, range + "&access_token=" + TestTokens.forUser(USER), Map.of())) {
            assertAll(() -> assertEquals(200, cookie.status()), () -> assertEquals(200, query.status()));
        }
    }

    @Test
    void withoutAValidTokenIs401() throws IOException {
        long strategy = DESK.strategyOf(USER);
        String range = "?from=2026-12-01T18:00:00Z&to=2026-12-01T19:00:00Z";
        try (RawStream none = get(strategy, range, Map.of());
                RawStream expired = get(strategy, range,
                        headers("Authorization", "Bearer " + TestTokens.expired(USER)))) {
            assertAll(() -> assertEquals(401, none.status()), () -> assertEquals(401, expired.status()),
                    () -> assertEquals("Bearer realm=\"batchcast\"", none.header("WWW-Authenticate")));
        }
    }

    @Test
    void unknownAndOtherUsersStrategiesAre404() throws IOException {
        long others = DESK.strategyOf("u-someone-else");
        String range = "?from=2026-12-01T18:00:00Z&to=2026-12-01T19:00:00Z";
        try (RawStream other = get(others, range);
                RawStream unknown = get(999_999, range)) {
            String body = "{\"error\":\"strategy_not_found\",\"message\":\"no such strategy for this user\"}";
            assertAll(() -> assertEquals(404, other.status()), () -> assertEquals(body, other.text()),
                    () -> assertEquals(404, unknown.status()), () -> assertEquals(body, unknown.text()));
        }
    }

    @Test
    void badRangesAre400NamingTheParameterAndTheLimit() throws IOException {
        long strategy = DESK.strategyOf(USER);
        Map<String, String> expected = Map.of(
                "?from=2026-11-01T00:00:00Z&to=2026-12-02T00:00:00.001Z",
                "to must be at most 31 days (744 hours) after from",
                "?from=2026-12-01T18:00:00Z&to=2026-12-01T18:00:00Z", "to must be after from",
                "?from=2026-12-01T19:00:00Z&to=2026-12-01T18:00:00Z", "to must be after from",
                "?from=yesterday&to=2026-12-01T18:00:00Z",
                "from must be an ISO 8601 instant such as 2026-12-01T18:00:00Z",
                "?from=2026-12-01T18:00:00Z&to=2026-12-01",
                "to must be an ISO 8601 instant such as 2026-12-01T18:00:00Z",
                "?to=2026-12-01T18:00:00Z", "from is required: an ISO 8601 instant such as 2026-12-01T18:00:00Z");
        for (Map.Entry<String, String> range : expected.entrySet()) {
            try (RawStream response = get(strategy, range.getKey())) {
                assertEquals(400, response.status(), range.getKey());
                assertEquals("{\"error\":\"invalid_range\",\"message\":\"" + range.getValue() + "\"}", response.text());
            }
        }
        try (RawStream thirtyOneDays = get(strategy, "?from=2026-11-01T00:00:00Z&to=2026-12-02T00:00:00Z")) {
            assertEquals(200, thirtyOneDays.status());
        }
    }

    @Test
    void aBadStrategyIdIs400() throws IOException {
        try (RawStream response = RawStream.get(port, "/api/v1/strategies/abc/statistics/hourly"
                + "?from=2026-12-01T18:00:00Z&to=2026-12-01T19:00:00Z",
                headers("Authorization", "Bearer " + TestTokens.forUser(USER)))) {
            assertEquals(400, response.status());
        }
    }
}
