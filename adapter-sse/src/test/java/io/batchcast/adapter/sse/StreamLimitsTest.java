package io.batchcast.adapter.sse;

import io.batchcast.application.service.DeliveryCounters;
import io.batchcast.application.service.DeliveryLimits;
import io.batchcast.application.service.EventDelivery;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One user cannot hold more streams than configured; other users are not affected. */
@ServerTest
class StreamLimitsTest {

    private static final TradingDesk DESK = new TradingDesk();
    private static final DeliveryCounters COUNTERS = new DeliveryCounters();
    private static final EventDelivery DELIVERY =
            DESK.delivery(DeliveryLimits.defaults().withMaxStreamsPerUser(2), COUNTERS);

    private final int port;

    StreamLimitsTest(WebServer server) {
        this.port = server.port();
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        SseRouting.routing(routing, DELIVERY, SseSettings.defaults(),
                TestTokens.VERIFIER, Clock.systemUTC());
    }

    @Test
    void streamOverThePerUserLimitIsRefusedWith429() throws IOException {
        long first = DESK.strategyOf("u-greedy");
        long second = DESK.strategyOf("u-greedy");
        long neighbours = DESK.strategyOf("u-neighbour");
        try (RawStream one = open("u-greedy", first); RawStream two = open("u-greedy", second);
                RawStream three = open("u-greedy", first); RawStream neighbour = open("u-neighbour", neighbours)) {
            assertAll(() -> assertEquals(200, one.status()), () -> assertEquals(200, two.status()),
                    () -> assertEquals(429, three.status()),
                    () -> assertEquals("4", three.header("Retry-After")),
                    () -> assertEquals("{\"error\":\"too_many_streams\",\"message\":\"at most 2 event streams may be "
                            + "open per user (delivery.max-streams-per-user)\"}", three.text()),
                    () -> assertEquals(200, neighbour.status()));
        }
    }

    private RawStream open(String user, long strategy) throws IOException {
        return RawStream.get(port, "/api/v1/strategies/" + strategy + "/events?access_token="
                + TestTokens.forUser(user), Map.of());
    }
}
