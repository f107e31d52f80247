package io.batchcast.adapter.sse;

import static io.batchcast.adapter.sse.RawStream.headers;
import static io.batchcast.adapter.sse.TradingDesk.eventId;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.batchcast.application.service.DeliveryCounters;
import io.batchcast.application.service.DeliveryLimits;
import io.batchcast.application.service.EventDelivery;
import io.batchcast.application.port.in.BatchReceipt;
import io.batchcast.application.port.in.OperationRequest;
import io.batchcast.domain.OrderType;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stream's wire format and routing, over a real socket, with the real application behind it. */
@ServerTest
class OrderBatchEventStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final TradingDesk DESK = new TradingDesk();
    private static final DeliveryCounters COUNTERS = new DeliveryCounters();
    private static final EventDelivery DELIVERY = DESK.delivery(DeliveryLimits.defaults(), COUNTERS);
    private static SseRouting sse;

    private final int port;

    OrderBatchEventStreamTest(WebServer server) {
        this.port = server.port();
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        sse = SseRouting.routing(routing, DELIVERY, SseSettings.defaults(), TestTokens.VERIFIER, Clock.systemUTC());
    }

    @Test
    void streamStartsWithRetryAndCarriesEachBatchAsOneExactFrame() throws IOException {
        long strategy = DESK.strategyOf("u-frames");
        BatchReceipt opened = DESK.createLimits("u-frames", strategy, 3);
        try (RawStream stream = open("u-frames", strategy)) {
            List<OperationRequest> operations = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                operations.add(DESK.create(OrderType.LIMIT));
            }
            opened.results().forEach(r -> operations.add(TradingDesk.cancelByClientId(r.clientOrderId())));
            operations.add(DESK.create(OrderType.STOP_LIMIT));
            operations.add(DESK.create(OrderType.STOP_LIMIT));
            BatchReceipt batch = DESK.submit("u-frames", strategy, operations);

            String body = stream.readFrames(2, WAIT);

            assertAll(
                    () -> assertEquals(200, stream.status()),
                    () -> assertEquals("text/event-stream", stream.header("Content-Type")),
                    () -> assertEquals("no-store", stream.header("Cache-Control")),
                    () -> assertEquals("retry: 3000\n\n"
                            + "id: " + eventId(batch) + "\n"
                            + "event: order_batch_update\n"
                            + "data: {\"type\":\"order_batch_update\",\"data\":{\"strategy_id\":" + strategy
                            + ",\"batch_id\":\"" + batch.batchId() + "\",\"summaries\":["
                            + "{\"order_type\":\"LIMIT\",\"created\":5,\"cancelled\":3},"
                            + "{\"order_type\":\"STOP_LIMIT\",\"created\":2,\"cancelled\":0}],"
                            + "\"timestamp\":\"" + TradingDesk.TIMESTAMP + "\"}}\n\n", body));
        }
    }

    @Test
    void eventsReachOnlyTheirOwnUserAndStrategy() throws IOException {
        long u1s1 = DESK.strategyOf("u1");
        long u1s2 = DESK.strategyOf("u1");
        long u2s1 = DESK.strategyOf("u2");
        try (RawStream first = open("u1", u1s1); RawStream second = open("u1", u1s2);
                RawStream other = open("u2", u2s1)) {
            BatchReceipt toFirst = DESK.createLimits("u1", u1s1, 1);
            BatchReceipt toSecond = DESK.createLimits("u1", u1s2, 2);
            BatchReceipt toOther = DESK.createLimits("u2", u2s1, 3);
            BatchReceipt toFirstAgain = DESK.createLimits("u1", u1s1, 4);

            assertEquals(List.of(eventId(toFirst), eventId(toFirstAgain)), ids(first.readFrames(3, WAIT)));
            assertEquals(List.of(eventId(toSecond)), ids(second.readFrames(2, WAIT)));
            assertEquals(List.of(eventId(toOther)), ids(other.readFrames(2, WAIT)));
            assertFalse(first.text().contains(toOther.batchId()) || second.text().contains(toFirst.batchId()));
        }
    }

    @Test
    void eachEventIsSerializedOnceAndEverySubscriberGetsTheSameBytes() throws IOException {
        long strategy = DESK.strategyOf("u-fanout");
        String seen = eventId(DESK.createLimits("u-fanout", strategy, 1));
        try (RawStream first = open("u-fanout", strategy); RawStream second = open("u-fanout", strategy)) {
            long serializedBefore = COUNTERS.framesEncoded();
            long hitsBefore = COUNTERS.framesShared();
            DESK.createLimits("u-fanout", strategy, 2);
            DESK.createLimits("u-fanout", strategy, 3);
            String firstBody = first.readFrames(3, WAIT);
            String secondBody = second.readFrames(3, WAIT);
            try (RawStream replaying = RawStream.get(port, "/api/v1/strategies/" + strategy + "/events",
                    headers("Authorization", "Bearer " + TestTokens.forUser("u-fanout"), "Last-Event-ID", seen))) {
                String replayBody = replaying.readFrames(3, WAIT);

                assertAll(() -> assertEquals(firstBody, secondBody),
                        () -> assertEquals(firstBody, replayBody),
                        () -> assertEquals(2, COUNTERS.framesEncoded() - serializedBefore),
                        () -> assertEquals(4, COUNTERS.framesShared() - hitsBefore));
            }
        }
    }

    private RawStream open(String userId, long strategyId) throws IOException {
        return RawStream.get(port, "/api/v1/strategies/" + strategyId + "/events",
                headers("Authorization", "Bearer " + TestTokens.forUser(userId)));
    }

    /** The {@code id:} lines of the event frames, in order. */
    static List<String> ids(String body) {
        List<String> ids = new ArrayList<>();
        for (String frame : body.split("\n\n")) {
            if (frame.contains("event: order_batch_update")) {
                ids.add(frame.lines().filter(l -> l.startsWith("id: ")).findFirst().orElseThrow().substring(4));
            }
        }
        return ids;
    }
}
