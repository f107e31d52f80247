package io.batchcast.adapter.sse;

import static io.batchcast.adapter.sse.RawStream.headers;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchcast.application.service.ManagingStrategies;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/strategies}: the caller's own strategies, for the dashboard's picker. */
@ServerTest
class StrategyListTest {

    private static final TradingDesk DESK = new TradingDesk();
    private static final String CREATED = "\"created_at\":\"" + TradingDesk.TIMESTAMP + "\"";

    private final int port;

    StrategyListTest(WebServer server) {
        this.port = server.port();
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        SseRouting.routing(routing, DESK.delivery(), new ManagingStrategies(DESK.store, Clock.systemUTC()), (user, query) -> {
            throw new AssertionError("no statistics are read here");
        }, SseSettings.defaults(), TestTokens.VERIFIER, Clock.systemUTC());
    }

    @Test
    void listsOnlyTheCallersStrategiesOrderedById() throws IOException {
        long first = DESK.strategyOf("u-list");
        DESK.strategyOf("u-someone-else");
        long second = DESK.strategyOf("u-list");

        String body = get("/api/v1/strategies", "u-list", 200);

        assertEquals("{\"strategies\":[{\"id\":" + first + ",\"name\":\"desk strategy\"," + CREATED + "},{\"id\":"
                + second + ",\"name\":\"desk strategy\"," + CREATED + "}]}", body);
    }

    @Test
    void aFullPageNamesTheIdToContinueAfter() throws IOException {
        long first = DESK.strategyOf("u-pages");
        long second = DESK.strategyOf("u-pages");
        long third = DESK.strategyOf("u-pages");

        String page = get("/api/v1/strategies?page_size=2", "u-pages", 200);
        String rest = get("/api/v1/strategies?page_size=2&after_id=" + second, "u-pages", 200);

        assertAll(
                () -> assertEquals("{\"strategies\":[{\"id\":" + first + ",\"name\":\"desk strategy\"," + CREATED
                        + "},{\"id\":" + second + ",\"name\":\"desk strategy\"," + CREATED + "}],\"next_after_id\":"
                        + second + "}", page),
                () -> assertEquals("{\"strategies\":[{\"id\":" + third + ",\"name\":\"desk strategy\"," + CREATED
                        + "}]}", rest));
    }

    @Test
    void aUserWithoutStrategiesGetsAnEmptyList() throws IOException {
        assertEquals("{\"strategies\":[]}", get("/api/v1/strategies", "u-new", 200));
    }

    @Test
    void badPagingNamesTheParameterAndItsLimits() throws IOException {
        assertAll(
                () -> assertEquals("{\"error\":\"invalid_page_size\",\"message\":\"page_size must be an integer from 1 "
                        + "to 1000\"}", get("/api/v1/strategies?page_size=1001", "u-bad", 400)),
                () -> assertEquals("{\"error\":\"invalid_page_size\",\"message\":\"page_size must be an integer from 1 "
                        + "to 1000\"}", get("/api/v1/strategies?page_size=0", "u-bad", 400)),
                () -> assertEquals("{\"error\":\"invalid_after_id\",\"message\":\"after_id must be an integer from 0 "
                        + "to 9223372036854775807\"}", get("/api/v1/strategies?after_id=-1", "u-bad", 400)));
    }

    @Test
    void withoutAValidTokenTheAnswerIs401() throws IOException {
        try (RawStream none = RawStream.get(port, "/api/v1/strategies", Map.of());
                RawStream expired = RawStream.get(port, "/api/v1/strategies",
                        headers("Authorization", "Bearer " + TestTokens.expired("u-list")))) {
            assertAll(() -> assertEquals(401, none.status()),
                    () -> assertEquals("Bearer realm=\"batchcast\"", none.header("WWW-Authenticate")),
                    () -> assertEquals(401, expired.status()));
        }
    }

    @Test
    void theSessionCookieIsAccepted() throws IOException {
        long strategy = DESK.strategyOf("u-cookie");
        try (RawStream list = RawStream.get(port, "/api/v1/strategies",
                headers("Cookie", "batchcast_token=" + TestTokens.forUser("u-cookie")))) {
            assertAll(() -> assertEquals(200, list.status()),
                    () -> assertEquals("{\"strategies\":[{\"id\":" + strategy + ",\"name\":\"desk strategy\","
                            + CREATED + "}]}", list.readToEnd(Duration.ofSeconds(5))));
        }
    }

    private String get(String target, String user, int expectedStatus) throws IOException {
        try (RawStream response = RawStream.get(port, target,
                headers("Authorization", "Bearer " + TestTokens.forUser(user)))) {
            String body = response.readToEnd(Duration.ofSeconds(5));
            assertEquals(expectedStatus, response.status(), body);
            assertEquals("application/json", response.header("Content-Type"));
            return body;
        }
    }
}
