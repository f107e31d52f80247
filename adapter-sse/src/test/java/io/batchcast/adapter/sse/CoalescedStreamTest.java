package io.batchcast.adapter.sse;

import static io.batchcast.adapter.sse.OrderBatchEventStreamTest.ids;
import static io.batchcast.adapter.sse.RawStream.headers;
import static io.batchcast.adapter.sse.TradingDesk.eventId;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.batchcast.application.port.in.BatchReceipt;
import io.batchcast.application.port.in.OperationRequest;
import io.batchcast.application.service.DeliveryCounters;
import io.batchcast.application.service.DeliveryLimits;
import io.batchcast.application.service.EventDelivery;
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
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code coalesce_ms}: a run of one strategy's batches within the window goes out as one frame carrying the sums,
 * the last batch's id, timestamp and cursor, and {@code batch_count}; without it every batch is its own frame.
 */
@ServerTest
class CoalescedStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final TradingDesk DESK = new TradingDesk();
    private static final DeliveryCounters COUNTERS = new DeliveryCounters();
    private static final EventDelivery DELIVERY = DESK.delivery(DeliveryLimits.defaults(), COUNTERS);
    private static SseRouting sse;

    private final int port;

    CoalescedStreamTest(WebServer server) {
        this.port = server.port();
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        sse = SseRouting.routing(routing, DELIVERY, SseSettings.defaults(), TestTokens.VERIFIER, Clock.systemUTC());
    }

    @Test
    void twentyLiveBatchesWithinTheWindowArriveAsOneFrameAndItsIdResumesWithBatchTwentyOne() throws IOException {
        long strategy = DESK.strategyOf("u-burst");
        BatchReceipt last;
        String mergedId;
        try (RawStream stream = strategyStream("u-burst", strategy, "&coalesce_ms=2000", Map.of())) {
            assertEquals("retry: 3000\n\n", stream.readFrames(1, WAIT), "subscribed before the burst");
            last = burst("u-burst", strategy, 20);
            mergedId = eventId(last);

            assertEquals("retry: 3000\n\n" + mergedFrame(mergedId, strategy, last.batchId(), 20),
                    stream.readFrames(2, WAIT));
        }

        String batch21 = eventId(DESK.createLimits("u-burst", strategy, 1));
        try (RawStream resumed = strategyStream("u-burst", strategy, "", headers("Last-Event-ID", mergedId))) {
            assertEquals(List.of(batch21), ids(resumed.readFrames(2, WAIT)), "nothing missed, nothing repeated");
        }
    }

    @Test
    void replayedBatchesMergeByTheSameRule() throws IOException {
        long strategy = DESK.strategyOf("u-replay");
        String seen = eventId(DESK.createLimits("u-replay", strategy, 1));
        BatchReceipt last = burst("u-replay", strategy, 20);

        try (RawStream stream = strategyStream("u-replay", strategy, "&coalesce_ms=1000&last_event_id=" + seen,
                Map.of())) {
            assertEquals("retry: 3000\n\n" + mergedFrame(eventId(last), strategy, last.batchId(), 20),
                    stream.readFrames(2, WAIT));
        }
    }

    @Test
    void withoutCoalesceMsEachBatchIsItsOwnFrame() throws IOException {
        long strategy = DESK.strategyOf("u-plain");
        try (RawStream stream = strategyStream("u-plain", strategy, "", Map.of())) {
            stream.readFrames(1, WAIT);
            List<String> submitted = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                submitted.add(eventId(DESK.createLimits("u-plain", strategy, 1)));
            }
            String body = stream.readFrames(4, WAIT);

            assertEquals(submitted, ids(body));
            assertFalse(body.contains("batch_count"), body);
        }
    }

    @Test
    void besideACoalescingReaderTheOthersStillShareOnePreEncodedFramePerBatch() throws IOException {
        long strategy = DESK.strategyOf("u-mixed");
        try (RawStream plain = strategyStream("u-mixed", strategy, "", Map.of());
                RawStream other = strategyStream("u-mixed", strategy, "", Map.of());
                RawStream coalescing = strategyStream("u-mixed", strategy, "&coalesce_ms=2000", Map.of())) {
            plain.readFrames(1, WAIT);
            other.readFrames(1, WAIT);
            coalescing.readFrames(1, WAIT);
            long serializedBefore = COUNTERS.framesEncoded();
            BatchReceipt first = DESK.createLimits("u-mixed", strategy, 1);
            BatchReceipt second = DESK.createLimits("u-mixed", strategy, 2);

            String plainBody = plain.readFrames(3, WAIT);
            assertEquals("retry: 3000\n\n" + frame(eventId(first), strategy, first.batchId(), 1, "")
                    + frame(eventId(second), strategy, second.batchId(), 2, ""), plainBody, "as without coalescing");
            assertEquals(plainBody, other.readFrames(3, WAIT));
            assertEquals("retry: 3000\n\n" + frame(eventId(second), strategy, second.batchId(), 3,
                    ",\"batch_count\":2"), coalescing.readFrames(2, WAIT));
            assertEquals(2, COUNTERS.framesEncoded() - serializedBefore,
                    "one shared frame per batch; the merged frame is the coalescing reader's own");
        }
    }

    @Test
    void onTheCallersStreamARunSplitsWhereTheStrategyChanges() throws IOException {
        long a = DESK.strategyOf("u-runs");
        long b = DESK.strategyOf("u-runs");
        DESK.createLimits("u-runs", a, 1);
        BatchReceipt a2 = DESK.createLimits("u-runs", a, 2);
        BatchReceipt b1 = DESK.createLimits("u-runs", b, 3);
        BatchReceipt b2 = DESK.createLimits("u-runs", b, 4);
        BatchReceipt a3 = DESK.createLimits("u-runs", a, 5);

        try (RawStream stream = RawStream.get(port, "/api/v1/events?access_token=" + TestTokens.forUser("u-runs")
                + "&last_event_id=earliest&coalesce_ms=1000", Map.of())) {
            assertEquals("retry: 3000\n\n"
                    + frame(userCursor(a2), a, a2.batchId(), 3, ",\"batch_count\":2")
                    + frame(userCursor(b2), b, b2.batchId(), 7, ",\"batch_count\":2")
                    + frame(userCursor(a3), a, a3.batchId(), 5, ""), stream.readFrames(4, WAIT));
        }
        String live = userCursor(DESK.createLimits("u-runs", b, 1));
        try (RawStream resumed = RawStream.get(port, "/api/v1/events?access_token=" + TestTokens.forUser("u-runs"),
                headers("Last-Event-ID", userCursor(b2)))) {
            assertEquals(List.of(userCursor(a3), live), ids(resumed.readFrames(3, WAIT)),
                    "each merged frame's id is an exact cursor for the whole subscription");
        }
    }

    @Test
    void aCoalesceMsOutOfRangeOrNotANumberIsABadRequestNamingTheParameterAndTheRange() throws IOException {
        long strategy = DESK.strategyOf("u-400");
        String expected = "{\"error\":\"invalid_coalesce_ms\",\"message\":\"coalesce_ms must be an integer from 0"
                + " (off) to 10000 (milliseconds), given once\"}";
        for (String value : List.of("-1", "10001", "abc", "1.5", "", "99999999999", "5&coalesce_ms=6")) {
            try (RawStream single = strategyStream("u-400", strategy, "&coalesce_ms=" + value, Map.of());
                    RawStream all = RawStream.get(port, "/api/v1/events?access_token=" + TestTokens.forUser("u-400")
                            + "&coalesce_ms=" + value, Map.of())) {
                assertAll(value, () -> assertEquals(400, single.status()),
                        () -> assertEquals(expected, single.text()),
                        () -> assertEquals(400, all.status()),
                        () -> assertEquals(expected, all.text()));
            }
        }
        for (String value : List.of("0", "1", "10000")) {
            try (RawStream stream = strategyStream("u-400", strategy, "&coalesce_ms=" + value, Map.of())) {
                assertEquals(200, stream.status(), value);
            }
        }
    }

    /** {@code count} batches, batch i creating i LIMIT and one MARKET order; the last one's receipt. */
    private static BatchReceipt burst(String user, long strategy, int count) {
        BatchReceipt last = null;
        for (int i = 1; i <= count; i++) {
            List<OperationRequest> operations = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                operations.add(DESK.create(OrderType.LIMIT));
            }
            operations.add(DESK.create(OrderType.MARKET));
            last = DESK.submit(user, strategy, operations);
        }
        return last;
    }

    /** The merged frame of {@link #burst}: 1 + 2 + … + K LIMIT orders and K MARKET orders. */
    private static String mergedFrame(String id, long strategy, String batchId, int count) {
        return "id: " + id + "\nevent: order_batch_update\ndata: {\"type\":\"order_batch_update\",\"data\":{"
                + "\"strategy_id\":" + strategy + ",\"batch_id\":\"" + batchId + "\",\"summaries\":["
                + "{\"order_type\":\"LIMIT\",\"created\":" + count * (count + 1) / 2 + ",\"cancelled\":0},"
                + "{\"order_type\":\"MARKET\",\"created\":" + count + ",\"cancelled\":0}],"
                + "\"timestamp\":\"" + TradingDesk.TIMESTAMP + "\",\"batch_count\":" + count + "}}\n\n";
    }

    private static String frame(String id, long strategy, String batchId, int limits, String batchCount) {
        return "id: " + id + "\nevent: order_batch_update\ndata: {\"type\":\"order_batch_update\",\"data\":{"
                + "\"strategy_id\":" + strategy + ",\"batch_id\":\"" + batchId + "\",\"summaries\":["
                + "{\"order_type\":\"LIMIT\",\"created\":" + limits + ",\"cancelled\":0}],"
                + "\"timestamp\":\"" + TradingDesk.TIMESTAMP + "\"" + batchCount + "}}\n\n";
    }

    private static String userCursor(BatchReceipt receipt) {
        return "mem-u" + DESK.userSeqOf(receipt);
    }

    private RawStream strategyStream(String user, long strategy, String query, Map<String, String> headers)
            throws IOException {
        return RawStream.get(port, "/api/v1/strategies/" + strategy + "/events?access_token="
                + TestTokens.forUser(user) + query, headers);
    }
}
