package io.batchcast.adapter.sse;

import static io.batchcast.adapter.sse.OrderBatchEventStreamTest.ids;
import static io.batchcast.adapter.sse.RawStream.headers;
import static io.batchcast.adapter.sse.TradingDesk.eventId;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchcast.application.service.DeliveryCounters;
import io.batchcast.application.service.DeliveryLimits;
import io.batchcast.application.service.EventDelivery;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.helidon.webserver.testing.junit5.SetUpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Frames written together leave as one HTTP chunk (one socket write) on a server configured as shipped: blocking
 * sockets and no response buffer, where every write to the response stream is a chunk of its own.
 */
@ServerTest
class JoinedWritesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String USER = "u-joined";
    private static final TradingDesk DESK = new TradingDesk();
    private static final EventDelivery DELIVERY = DESK.delivery(DeliveryLimits.defaults(), new DeliveryCounters());

    private final int port;

    JoinedWritesTest(WebServer server) {
        this.port = server.port();
    }

    @SetUpServer
    static void server(WebServerConfig.Builder server) {
        server.writeBufferSize(0).useNio(false);
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        SseRouting.routing(routing, DELIVERY, SseSettings.defaults(), TestTokens.VERIFIER, Clock.systemUTC());
    }

    @Test
    void theRetryFieldAndAReplayGoOutAsOneChunk() throws IOException {
        long strategy = DESK.strategyOf(USER);
        String seen = eventId(DESK.createLimits(USER, strategy, 1));
        List<String> missed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            missed.add(eventId(DESK.createLimits(USER, strategy, i + 2)));
        }

        try (RawStream stream = RawStream.get(port, "/api/v1/strategies/" + strategy + "/events?access_token="
                + TestTokens.forUser(USER), headers("Last-Event-ID", seen))) {
            String body = stream.readFrames(4, WAIT);

            assertEquals(missed, ids(body));
            assertEquals(List.of(body.getBytes(StandardCharsets.UTF_8).length), stream.chunkSizes());
        }
    }
}
