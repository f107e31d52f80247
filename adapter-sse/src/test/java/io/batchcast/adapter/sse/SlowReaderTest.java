package io.batchcast.adapter.sse;

import io.batchcast.application.service.DeliveryCounters;
import io.batchcast.application.service.DeliveryLimits;
import io.batchcast.application.service.EventDelivery;
import static io.batchcast.adapter.sse.OrderBatchEventStreamTest.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.helidon.webserver.testing.junit5.SetUpServer;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A reader that stops reading is cut off once its queue is full, and only it: the reader beside it on the same
 * strategy keeps getting every event. Small socket buffers make the stall show after a few dozen frames.
 */
@ServerTest
class SlowReaderTest {

    private static final int QUEUE_CAPACITY = 8;
    private static final int MAX_BATCHES = 5000;
    private static final String USER = "u-slow";
    private static final TradingDesk DESK = new TradingDesk();
    private static final DeliveryCounters COUNTERS = new DeliveryCounters();
    private static final EventDelivery DELIVERY =
            DESK.delivery(DeliveryLimits.defaults().withQueueCapacity(QUEUE_CAPACITY), COUNTERS);
    private static SseRouting sse;

    private final int port;

    SlowReaderTest(WebServer server) {
        this.port = server.port();
    }

    @SetUpServer
    static void server(WebServerConfig.Builder server) {
        server.connectionOptions(options -> options.socketSendBufferSize(4096));
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        sse = SseRouting.routing(routing, DELIVERY,
                SseSettings.defaults(), TestTokens.VERIFIER, Clock.systemUTC());
    }

    @Test
    void stalledReaderIsEvictedWhileTheOtherReaderGetsEveryEvent() throws IOException {
        long strategy = DESK.strategyOf(USER);
        String target = "/api/v1/strategies/" + strategy + "/events?access_token=" + TestTokens.forUser(USER);
        try (RawStream stalled = RawStream.stalled(port, target, Map.of());
                RawStream reader = RawStream.get(port, target, Map.of())) {
            awaitOpenStreams(2);
            List<String> published = new ArrayList<>();
            while (COUNTERS.slowReaderEvictions() == 0) {
                if (published.size() == MAX_BATCHES) {
                    fail("the stalled reader was never evicted after " + MAX_BATCHES + " batches");
                }
                publishAndAwait(strategy, reader, published);
            }
            for (int i = 0; i < 3; i++) {
                publishAndAwait(strategy, reader, published);
            }

            assertEquals(published, ids(reader.text()));
            assertTrue(stalled.closedByServerWithin(Duration.ofSeconds(10)), "the stalled connection is closed");
            assertEquals(1, COUNTERS.slowReaderEvictions());
            // the evicted stream leaves the count when its writer has ended, which may come just after the socket
            // closed: a CI run read 2 here, right after the close
            awaitOpenStreams(1);
        }
    }

    /** The healthy reader keeps up: each batch is read before the next one is submitted. */
    private void publishAndAwait(long strategy, RawStream reader, List<String> published) throws IOException {
        published.add(TradingDesk.eventId(DESK.createLimits(USER, strategy, 1)));
        reader.readFrames(published.size() + 1, Duration.ofSeconds(10));
    }

    private static void awaitOpenStreams(int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (COUNTERS.openStreams() != count) {
            if (System.nanoTime() > deadline) {
                fail("expected " + count + " open streams, have " + COUNTERS.openStreams());
            }
            Thread.onSpinWait();
        }
    }
}
