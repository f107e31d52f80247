package io.batchcast.adapter.sse;

import io.batchcast.application.service.DeliveryCounters;
import io.batchcast.application.service.DeliveryLimits;
import io.batchcast.application.service.EventDelivery;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The promise of docs/sse.md: the stream of a client that closed its connection is released within one heartbeat
 * interval of the client leaving, however soon after the stream's last write it left.
 */
@ServerTest
class DepartedClientTest {

    private static final Duration HEARTBEAT = Duration.ofSeconds(2);
    /** Timer and scheduling delays on a busy machine; well below the second interval the release used to take. */
    private static final Duration SLACK = Duration.ofSeconds(1);
    private static final TradingDesk DESK = new TradingDesk();
    private static final DeliveryCounters COUNTERS = new DeliveryCounters();
    private static final EventDelivery DELIVERY = DESK.delivery(DeliveryLimits.defaults(), COUNTERS);
    private static SseRouting sse;

    private final int port;

    DepartedClientTest(WebServer server) {
        this.port = server.port();
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        sse = SseRouting.routing(routing, DELIVERY, SseSettings.defaults().withHeartbeat(HEARTBEAT),
                TestTokens.VERIFIER, Clock.systemUTC());
    }

    @Test
    void aClientThatClosedItsSocketRightAfterAWriteIsReleasedWithinOneHeartbeatInterval() throws Exception {
        long strategy = DESK.strategyOf("u-leaving");
        RawStream stream = RawStream.get(port, "/api/v1/strategies/" + strategy + "/events?access_token="
                + TestTokens.forUser("u-leaving"), Map.of());
        // the retry field is the stream's last write before the client leaves: the worst case for finding it gone
        assertEquals("retry: 3000\n\n", stream.readFrames(1, HEARTBEAT));
        assertEquals(1, COUNTERS.openStreams());

        long leftAt = System.nanoTime();
        stream.close();
        Duration released = awaitReleased(leftAt, HEARTBEAT.multipliedBy(3));

        assertTrue(released.compareTo(HEARTBEAT.plus(SLACK)) <= 0,
                "released " + released.toMillis() + " ms after the client left, heartbeat " + HEARTBEAT.toMillis());
        assertEquals(1, COUNTERS.deadStreamsRemoved());
    }

    private static Duration awaitReleased(long since, Duration atMost) throws InterruptedException {
        long deadline = since + atMost.toNanos();
        while (COUNTERS.openStreams() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(0, COUNTERS.openStreams(), "still open " + atMost.toMillis() + " ms after the client left");
        return Duration.ofNanos(System.nanoTime() - since);
    }
}
