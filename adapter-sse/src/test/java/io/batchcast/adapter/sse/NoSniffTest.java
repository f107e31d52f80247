package io.batchcast.adapter.sse;

import io.batchcast.application.service.DeliveryCounters;
import io.batchcast.application.service.DeliveryLimits;
import io.batchcast.application.service.EventDelivery;
import static io.batchcast.adapter.sse.RawStream.headers;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.helidon.webserver.testing.junit5.SetUpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every HTTP response says {@code X-Content-Type-Options: nosniff}, so that no browser guesses a type for an error
 * body or a stream: the refusals of this adapter, Helidon's own answers, the event stream and the dashboard.
 */
@ServerTest
class NoSniffTest {

    private static final TradingDesk DESK = new TradingDesk();
    private static final DeliveryCounters COUNTERS = new DeliveryCounters();
    private static final EventDelivery DELIVERY = DESK.delivery(DeliveryLimits.defaults(), COUNTERS);

    private final int port;

    NoSniffTest(WebServer server) {
        this.port = server.port();
    }

    @SetUpServer
    static void server(WebServerConfig.Builder server) {
        server.directHandlers(ResponseHeaders.directHandlers());
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        SseRouting.routing(routing, DELIVERY, SseSettings.defaults(), TestTokens.VERIFIER, Clock.systemUTC());
        // what bootstrap adds beside the adapter (observability, say), and a handler that fails
        routing.get("/observe/ping", (request, response) -> response.send("pong"));
        routing.get("/observe/broken", (request, response) -> {
            throw new IllegalStateException("a bug in some handler");
        });
    }

    @Test
    void refusalsOfTheEventStreamSayNosniff() throws IOException {
        long strategy = DESK.strategyOf("u-sniff");
        String token = TestTokens.forUser("u-sniff");
        try (RawStream unauthenticated = get("/api/v1/strategies/" + strategy + "/events", Map.of());
                RawStream badId = get("/api/v1/strategies/abc/events?access_token=" + token, Map.of());
                RawStream unknown = get("/api/v1/strategies/987654321/events?access_token=" + token, Map.of());
                RawStream session = RawStream.request(port, "POST", "/api/v1/session", headers("Content-Length", "0"))) {
            assertAll(() -> assertNosniff(401, unauthenticated), () -> assertNosniff(400, badId),
                    () -> assertNosniff(404, unknown), () -> assertNosniff(401, session));
        }
    }

    @Test
    void helidonsOwnAnswersSayNosniff() throws IOException {
        try (RawStream noRoute = get("/api/v2/nothing-here", Map.of());
                RawStream noFile = get("/no-such-file.html", Map.of());
                RawStream noMethod = RawStream.request(port, "PUT", "/api/v1/session", headers("Content-Length", "0"));
                RawStream broken = get("/observe/broken", Map.of())) {
            assertAll(() -> assertNosniff(404, noRoute), () -> assertNosniff(404, noFile),
                    () -> assertNosniff(404, noMethod), () -> assertNosniff(500, broken));
        }
    }

    @Test
    void aRequestHelidonCannotParseIsA400ThatSaysNosniff() throws IOException {
        String head = rawExchange("GET /a b c HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

        assertEquals("HTTP/1.1 400 Bad Request", head.lines().findFirst().orElseThrow(), head);
        assertEquals(1, head.lines().filter("X-Content-Type-Options: nosniff"::equalsIgnoreCase).count(), head);
    }

    @Test
    void successfulResponsesSayNosniffToo() throws IOException {
        long strategy = DESK.strategyOf("u-sniff-ok");
        try (RawStream stream = get("/api/v1/strategies/" + strategy + "/events?access_token="
                + TestTokens.forUser("u-sniff-ok"), Map.of());
                RawStream dashboard = get("/", Map.of());
                RawStream script = get("/dashboard.js", Map.of());
                RawStream other = get("/observe/ping", Map.of())) {
            assertAll(() -> assertNosniff(200, stream), () -> assertNosniff(200, dashboard),
                    () -> assertNosniff(200, script), () -> assertNosniff(200, other));
        }
    }

    private static void assertNosniff(int status, RawStream response) {
        assertEquals(status, response.status());
        assertEquals("nosniff", response.header("X-Content-Type-Options"), "status " + status);
    }

    private RawStream get(String target, Map<String, String> headers) throws IOException {
        return RawStream.get(port, target, headers);
    }

    /** The status line and headers the server answers to these exact bytes (RawStream only sends valid requests). */
    private String rawExchange(String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            var head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
            }
            return head.toString(StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
        }
    }
}
