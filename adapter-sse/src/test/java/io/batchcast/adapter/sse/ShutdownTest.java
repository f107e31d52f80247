package io.batchcast.adapter.sse;

import io.batchcast.application.service.DeliveryCounters;
import io.batchcast.application.service.DeliveryLimits;
import io.batchcast.application.service.EventDelivery;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** At shutdown every stream ends cleanly (so browsers reconnect elsewhere by their cursor) and no new one opens. */
@ServerTest
class ShutdownTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final TradingDesk DESK = new TradingDesk();
    private static final DeliveryCounters COUNTERS = new DeliveryCounters();
    private static final EventDelivery DELIVERY = DESK.delivery(DeliveryLimits.defaults(), COUNTERS);
    private static SseRouting sse;

    private final int port;

    ShutdownTest(WebServer server) {
        this.port = server.port();
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        sse = SseRouting.routing(routing, DELIVERY, SseSettings.defaults(), TestTokens.VERIFIER, Clock.systemUTC());
    }

    @Test
    void closeEndsEveryStreamAfterItsQueuedEventsAndRefusesNewOnes() throws IOException {
        long strategy = DESK.strategyOf("u-shutdown");
        try (RawStream first = open(strategy); RawStream second = open(strategy)) {
            String last = TradingDesk.eventId(DESK.createLimits("u-shutdown", strategy, 1));

            DELIVERY.close();

            String firstBody = first.readToEnd(WAIT);
            String secondBody = second.readToEnd(WAIT);
            try (RawStream late = open(strategy)) {
                assertAll(() -> assertTrue(first.endedCleanly() && second.endedCleanly()),
                        () -> assertEquals(OrderBatchEventStreamTest.ids(firstBody), List.of(last)),
                        () -> assertEquals(OrderBatchEventStreamTest.ids(secondBody), List.of(last)),
                        () -> assertEquals(0, COUNTERS.openStreams()),
                        () -> assertEquals(503, late.status()));
            }
        }
    }

    private RawStream open(long strategy) throws IOException {
        return RawStream.get(port, "/api/v1/strategies/" + strategy + "/events?access_token="
                + TestTokens.forUser("u-shutdown"), Map.of());
    }
}
