package io.batchcast.adapter.sse;

import io.batchcast.application.service.DeliveryCounters;
import io.batchcast.application.service.DeliveryLimits;
import io.batchcast.application.service.EventDelivery;
import static io.batchcast.adapter.sse.RawStream.headers;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who may open which stream, from where; every refusal decided before a stream opens. */
@ServerTest
class StreamAccessTest {

    private static final String DESK_ORIGIN = "https://desk.example.com";
    private static final String UNAUTHENTICATED = "{\"error\":\"unauthenticated\",\"message\":\"a valid, unexpired "
            + "access token is required (Authorization: Bearer, the batchcast_token cookie, or the access_token "
            + "parameter)\"}";
    private static final TradingDesk DESK = new TradingDesk();
    private static final DeliveryCounters COUNTERS = new DeliveryCounters();
    private static final EventDelivery DELIVERY = DESK.delivery(DeliveryLimits.defaults(), COUNTERS);

    private final int port;

    StreamAccessTest(WebServer server) {
        this.port = server.port();
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        SseRouting.routing(routing, DELIVERY,
                SseSettings.defaults().withAllowedOrigins(List.of(DESK_ORIGIN)), TestTokens.VERIFIER, Clock.systemUTC());
    }

    @Test
    void missingForgedExpiredOrNonHs256TokensAreRefusedWith401() throws IOException {
        long strategy = DESK.strategyOf("u-auth");
        List<String> badTokens = List.of("", TestTokens.signedWithOtherSecret("u-auth"), TestTokens.expired("u-auth"),
                TestTokens.hs512("u-auth"), TestTokens.unsigned("u-auth"), TestTokens.withoutExpiry("u-auth"),
                TestTokens.withoutSubject(), TestTokens.forUser("u".repeat(129)), "not.a.jwt");
        try (RawStream none = get("/api/v1/strategies/" + strategy + "/events", Map.of())) {
            assertAll(() -> assertEquals(401, none.status()),
                    () -> assertEquals("Bearer realm=\"batchcast\"", none.header("WWW-Authenticate")),
                    () -> assertEquals(UNAUTHENTICATED, none.text()));
        }
        for (String token : badTokens) {
            try (RawStream refused = get("/api/v1/strategies/" + strategy + "/events",
                    headers("Authorization", "Bearer " + token))) {
                assertEquals(401, refused.status(), "token " + token);
            }
        }
    }

    @Test
    void subjectsThatAreNotWellFormedStringsAreRefusedWith401() throws IOException {
        // each of these users owns a strategy, so only the token check stands between the token and a stream
        Map<String, String> tokensByUser = Map.of(
                "42", TestTokens.signedJson("{\"sub\":42}"),
                "rt-" + (char) 0xD800, TestTokens.signedJson("{\"sub\":\"rt-\\ud800\"}"),
                "rt-" + (char) 0xDC00 + (char) 0xD800, TestTokens.signedJson("{\"sub\":\"rt-\\udc00\\ud800\"}"),
                "rt-" + (char) 0, TestTokens.signedJson("{\"sub\":\"rt-\\u0000\"}"));
        assertAll(tokensByUser.entrySet().stream().map(user -> () -> {
            long strategy = DESK.strategyOf(user.getKey());
            try (RawStream refused = get("/api/v1/strategies/" + strategy + "/events",
                    headers("Authorization", "Bearer " + user.getValue()))) {
                assertEquals(401, refused.status(), "token " + user.getValue());
                assertEquals(UNAUTHENTICATED, refused.text());
            }
        }));
    }

    @Test
    void aSubjectOutsideTheBasicPlaneIsAUserLikeAnyOther() throws IOException {
        long strategy = DESK.strategyOf("rt-\uD83D\uDE80");
        try (RawStream stream = get("/api/v1/strategies/" + strategy + "/events", headers("Authorization",
                "Bearer " + TestTokens.signedJson("{\"sub\":\"rt-\\ud83d\\ude80\"}")))) {
            assertEquals(200, stream.status());
        }
    }

    @Test
    void tokenIsAcceptedFromHeaderCookieOrQueryParameter() throws IOException {
        long strategy = DESK.strategyOf("u-sources");
        String token = TestTokens.forUser("u-sources");
        String path = "/api/v1/strategies/" + strategy + "/events";
        try (RawStream header = get(path, headers("Authorization", "Bearer " + token));
                RawStream cookie = get(path, headers("Cookie", "theme=dark; batchcast_token=" + token));
                RawStream query = get(path + "?access_token=" + token, Map.of())) {
            assertAll(() -> assertEquals(200, header.status()), () -> assertEquals(200, cookie.status()),
                    () -> assertEquals(200, query.status()));
        }
    }

    @Test
    void aBadHeaderTokenIsNotRescuedByAGoodCookie() throws IOException {
        long strategy = DESK.strategyOf("u-precedence");
        try (RawStream stream = get("/api/v1/strategies/" + strategy + "/events", headers(
                "Authorization", "Bearer " + TestTokens.expired("u-precedence"),
                "Cookie", "batchcast_token=" + TestTokens.forUser("u-precedence")))) {
            assertEquals(401, stream.status());
        }
    }

    @Test
    void twoAuthorizationHeadersAreRefusedWith401RatherThanOnePicked() throws IOException {
        long strategy = DESK.strategyOf("u-twice");
        String good = "Bearer " + TestTokens.forUser("u-twice");
        String expired = "Bearer " + TestTokens.expired("u-twice");
        String body = "{\"error\":\"unauthenticated\",\"message\":\"exactly one Authorization header is required,"
                + " the request has 2\"}";
        for (String second : List.of(good, expired)) {
            try (RawStream stream = RawStream.request(port, "GET", "/api/v1/strategies/" + strategy + "/events",
                    RawStream.headerLines("Authorization", good, "Authorization", second));
                    RawStream session = RawStream.request(port, "POST", "/api/v1/session", RawStream.headerLines(
                            "Authorization", good, "Authorization", second, "Content-Length", "0"))) {
                assertAll(() -> assertEquals(401, stream.status()), () -> assertEquals(body, stream.text()),
                        () -> assertEquals("Bearer realm=\"batchcast\"", stream.header("WWW-Authenticate")),
                        () -> assertEquals(401, session.status()), () -> assertEquals(body, session.text()),
                        () -> assertNull(session.header("Set-Cookie")));
            }
        }
    }

    @Test
    void unknownAndOtherUsersStrategiesAreIndistinguishable404s() throws IOException {
        long othersStrategy = DESK.strategyOf("u-owner");
        String token = TestTokens.forUser("u-intruder");
        try (RawStream others = get("/api/v1/strategies/" + othersStrategy + "/events?access_token=" + token, Map.of());
                RawStream unknown = get("/api/v1/strategies/987654321/events?access_token=" + token, Map.of())) {
            String body = "{\"error\":\"strategy_not_found\",\"message\":\"no such strategy for this user\"}";
            assertAll(() -> assertEquals(404, others.status()), () -> assertEquals(404, unknown.status()),
                    () -> assertEquals(body, others.text()), () -> assertEquals(body, unknown.text()));
        }
    }

    @Test
    void nonNumericOrNonPositiveStrategyIdsAre400WithoutEchoingThem() throws IOException {
        String token = TestTokens.forUser("u-ids");
        for (String id : List.of("abc", "0", "-3", "1.5", "99999999999999999999", "%201")) {
            try (RawStream stream = get("/api/v1/strategies/" + id + "/events?access_token=" + token, Map.of())) {
                assertEquals(400, stream.status(), "id " + id);
                assertEquals("{\"error\":\"invalid_strategy_id\",\"message\":\"strategyId must be a positive "
                        + "integer (1..9223372036854775807)\"}", stream.text());
            }
        }
    }

    @Test
    void allowedOriginGetsCredentialedCorsHeaders() throws IOException {
        long strategy = DESK.strategyOf("u-cors");
        try (RawStream stream = get("/api/v1/strategies/" + strategy + "/events?access_token="
                + TestTokens.forUser("u-cors"), headers("Origin", DESK_ORIGIN))) {
            assertAll(() -> assertEquals(200, stream.status()),
                    () -> assertEquals(DESK_ORIGIN, stream.header("Access-Control-Allow-Origin")),
                    () -> assertEquals("true", stream.header("Access-Control-Allow-Credentials")),
                    () -> assertEquals("Origin, Accept-Encoding", stream.header("Vary")));
        }
    }

    @Test
    void otherOriginsAreRefusedWithoutCorsHeaders() throws IOException {
        long strategy = DESK.strategyOf("u-cors");
        for (String origin : List.of("https://evil.example", "https://desk.example.com.evil.example", "null")) {
            try (RawStream stream = get("/api/v1/strategies/" + strategy + "/events?access_token="
                    + TestTokens.forUser("u-cors"), headers("Origin", origin))) {
                assertAll(() -> assertEquals(403, stream.status()),
                        () -> assertNull(stream.header("Access-Control-Allow-Origin")),
                        () -> assertEquals("Origin", stream.header("Vary")));
            }
        }
    }

    @Test
    void pagesOfThisServerItselfAreNotCrossOrigin() throws IOException {
        long strategy = DESK.strategyOf("u-cors");
        try (RawStream stream = get("/api/v1/strategies/" + strategy + "/events?access_token="
                + TestTokens.forUser("u-cors"), headers("Origin", "http://127.0.0.1:" + port))) {
            assertEquals(200, stream.status());
            assertNull(stream.header("Access-Control-Allow-Origin"));
        }
    }

    @Test
    void preflightIsAnsweredForAllowedOriginsOnly() throws IOException {
        String path = "/api/v1/strategies/1/events";
        try (RawStream allowed = RawStream.request(port, "OPTIONS", path, headers("Origin", DESK_ORIGIN,
                "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "authorization"));
                RawStream denied = RawStream.request(port, "OPTIONS", path, headers("Origin", "https://evil.example",
                        "Access-Control-Request-Method", "GET"))) {
            assertAll(() -> assertEquals(204, allowed.status()),
                    () -> assertEquals(DESK_ORIGIN, allowed.header("Access-Control-Allow-Origin")),
                    () -> assertEquals("true", allowed.header("Access-Control-Allow-Credentials")),
                    () -> assertEquals("GET, OPTIONS", allowed.header("Access-Control-Allow-Methods")),
                    () -> assertEquals("Authorization, Last-Event-ID", allowed.header("Access-Control-Allow-Headers")),
                    () -> assertEquals("Origin", allowed.header("Vary")),
                    () -> assertEquals(403, denied.status()),
                    () -> assertNull(denied.header("Access-Control-Allow-Origin")));
        }
    }

    @Test
    void sessionTradesABearerTokenForAStrictHttpOnlyCookieThatOpensStreams() throws IOException {
        long strategy = DESK.strategyOf("u-session");
        String token = TestTokens.forUser("u-session");
        try (RawStream session = RawStream.request(port, "POST", "/api/v1/session",
                headers("Authorization", "Bearer " + token, "Content-Length", "0"));
                RawStream refused = RawStream.request(port, "POST", "/api/v1/session",
                        headers("Authorization", "Bearer " + TestTokens.expired("u-session"), "Content-Length", "0"))) {
            String cookie = session.header("Set-Cookie");
            assertAll(() -> assertEquals(204, session.status()),
                    () -> assertTrue(cookie.startsWith("batchcast_token=" + token + ";"), cookie),
                    () -> assertTrue(cookie.contains("; HttpOnly") && cookie.contains("; SameSite=Strict")
                            && cookie.contains("; Path=/api/") && cookie.matches(".*Max-Age=3[56][0-9]{2}.*"), cookie),
                    () -> assertEquals(401, refused.status()),
                    () -> assertNull(refused.header("Set-Cookie")));
        }
        try (RawStream stream = get("/api/v1/strategies/" + strategy + "/events",
                headers("Cookie", "batchcast_token=" + token))) {
            assertEquals(200, stream.status());
        }
    }

    private RawStream get(String target, Map<String, String> headers) throws IOException {
        return RawStream.get(port, target, headers);
    }
}
