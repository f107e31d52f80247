package io.batchcast.adapter.sse;

import static io.batchcast.adapter.sse.OrderBatchEventStreamTest.ids;
import static io.batchcast.adapter.sse.RawStream.headers;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.batchcast.application.port.in.BatchReceipt;
import io.batchcast.application.service.DeliveryCounters;
import io.batchcast.application.service.DeliveryLimits;
import io.batchcast.application.service.EventDelivery;
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
 * {@code GET /api/v1/events}: every strategy of the caller on one connection, in commit order, with a cursor for the
 * whole subscription; {@code earliest}; the refusals; gzip flushed per frame.
 */
@ServerTest
class CallerEventStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final TradingDesk DESK = new TradingDesk();
    private static final EventDelivery DELIVERY =
            DESK.delivery(DeliveryLimits.defaults().withMaxStreamsPerUser(3), new DeliveryCounters());

    private final int port;

    CallerEventStreamTest(WebServer server) {
        this.port = server.port();
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        SseRouting.routing(routing, DELIVERY, SseSettings.defaults().withMaxStrategiesPerStream(3),
                TestTokens.VERIFIER, Clock.systemUTC());
    }

    @Test
    void everyStrategyOfTheCallerInCommitOrderAndNoOtherUsersEvents() throws IOException {
        long grid = DESK.strategyOf("u-all");
        long scalper = DESK.strategyOf("u-all");
        long bobs = DESK.strategyOf("u-all-bob");
        try (RawStream stream = open("u-all", "")) {
            String first = cursor(DESK.createLimits("u-all", grid, 1));
            DESK.createLimits("u-all-bob", bobs, 1);
            String second = cursor(DESK.createLimits("u-all", scalper, 2));
            String third = cursor(DESK.createLimits("u-all", grid, 3));

            String body = stream.readFrames(4, WAIT);
            assertAll(() -> assertEquals(200, stream.status()),
                    () -> assertEquals("text/event-stream", stream.header("Content-Type")),
                    () -> assertEquals(List.of("mem-u1", "mem-u2", "mem-u3"), ids(body)),
                    () -> assertEquals(List.of(first, second, third), ids(body)),
                    () -> assertEquals(List.of(grid, scalper, grid), strategyIds(body)));
        }
    }

    @Test
    void aStrategyCreatedWhileConnectedAppearsOnTheOpenStream() throws IOException {
        DESK.strategyOf("u-new"); // the stream opens with one strategy
        try (RawStream stream = open("u-new", "")) {
            long created = DESK.strategyOf("u-new");
            String event = cursor(DESK.createLimits("u-new", created, 1));

            String body = stream.readFrames(2, WAIT);
            assertEquals(List.of(event), ids(body));
            assertEquals(List.of(created), strategyIds(body));
        }
    }

    @Test
    void reconnectingWithTheLastIdGetsExactlyTheMissedEventsOfAllThreeStrategiesInOrder() throws IOException {
        long a = DESK.strategyOf("u-three");
        long b = DESK.strategyOf("u-three");
        long c = DESK.strategyOf("u-three");
        String query = "&strategy=" + a + "&strategy=" + b + "&strategy=" + c;
        String seen = cursor(DESK.createLimits("u-three", a, 1));
        List<String> missed = List.of(cursor(DESK.createLimits("u-three", b, 1)),
                cursor(DESK.createLimits("u-three", c, 1)), cursor(DESK.createLimits("u-three", a, 1)),
                cursor(DESK.createLimits("u-three", c, 1)));
        try (RawStream stream = open("u-three", query, headers("Last-Event-ID", seen))) {
            String body = stream.readFrames(5, WAIT);
            String live = cursor(DESK.createLimits("u-three", b, 1));
            String all = stream.readFrames(6, WAIT);

            List<String> expected = new ArrayList<>(missed);
            expected.add(live);
            assertEquals(missed, ids(body));
            assertEquals(expected, ids(all));
            assertEquals(List.of(b, c, a, c, b), strategyIds(all));
        }
    }

    @Test
    void namedStrategiesNarrowTheStreamAndARepeatedValueCountsOnce() throws IOException {
        long a = DESK.strategyOf("u-some");
        long b = DESK.strategyOf("u-some");
        // four values, three distinct: within the limit of 3
        try (RawStream stream = open("u-some", "&strategy=" + a + "&strategy=" + a + "&strategy=" + a
                + "&strategy=" + a)) {
            DESK.createLimits("u-some", b, 1);
            String event = cursor(DESK.createLimits("u-some", a, 1));
            assertEquals(List.of(event), ids(stream.readFrames(2, WAIT)));
        }
    }

    @Test
    void earliestReplaysEveryRetainedEventOnBothEndpointsThenGoesLive() throws IOException {
        long a = DESK.strategyOf("u-earliest");
        long b = DESK.strategyOf("u-earliest");
        var first = DESK.createLimits("u-earliest", a, 1);
        String second = cursor(DESK.createLimits("u-earliest", b, 1));
        var third = DESK.createLimits("u-earliest", a, 1);
        List<String> all = List.of(cursor(first), second, cursor(third));
        try (RawStream query = open("u-earliest", "&last_event_id=earliest");
                RawStream header = open("u-earliest", "", headers("Last-Event-ID", "earliest"));
                RawStream single = RawStream.get(port, "/api/v1/strategies/" + a + "/events?last_event_id=earliest"
                        + "&access_token=" + TestTokens.forUser("u-earliest"), Map.of())) {
            assertAll(() -> assertEquals(all, ids(query.readFrames(4, WAIT))),
                    () -> assertEquals(all, ids(header.readFrames(4, WAIT))),
                    () -> assertEquals(List.of(TradingDesk.eventId(first), TradingDesk.eventId(third)),
                            ids(single.readFrames(3, WAIT))));
            String live = cursor(DESK.createLimits("u-earliest", b, 1));
            List<String> then = new ArrayList<>(all);
            then.add(live);
            assertEquals(then, ids(query.readFrames(5, WAIT)));
        }
    }

    @Test
    void aCursorBelowWhatRetentionRemovedFromASubscribedStrategyGetsAResyncToTheUsersHead() throws IOException {
        long pruned = DESK.strategyOf("u-resync");
        long kept = DESK.strategyOf("u-resync");
        String seen = cursor(DESK.createLimits("u-resync", kept, 1));
        DESK.createLimits("u-resync", pruned, 1);
        String head = cursor(DESK.createLimits("u-resync", pruned, 1));
        DESK.store.prune(pruned, 1);
        try (RawStream narrowed = open("u-resync", "&strategy=" + kept, headers("Last-Event-ID", seen));
                RawStream all = open("u-resync", "", headers("Last-Event-ID", seen))) {
            assertEquals("retry: 3000\n\n", narrowed.readFrames(1, WAIT), "nothing of strategy " + kept + " was lost");
            assertEquals("retry: 3000\n\nid: " + head + "\nevent: resync\ndata: {\"type\":\"resync\",\"data\":"
                    + "{\"head_event_id\":\"" + head + "\",\"reason\":\"cursor_outside_retention\"}}\n\n",
                    all.readFrames(2, WAIT));
        }
    }

    @Test
    void anEmptyCursorStaysLiveOnly() throws IOException {
        long a = DESK.strategyOf("u-live");
        DESK.createLimits("u-live", a, 1);
        try (RawStream stream = open("u-live", "&last_event_id=")) {
            String live = cursor(DESK.createLimits("u-live", a, 1));
            assertEquals(List.of(live), ids(stream.readFrames(2, WAIT)));
        }
    }

    @Test
    void anUnknownOrAnotherUsersStrategyIsNotFoundAndNothingOpens() throws IOException {
        long own = DESK.strategyOf("u-404");
        long bobs = DESK.strategyOf("u-404-bob");
        for (String query : List.of("&strategy=" + own + "&strategy=" + bobs, "&strategy=999999")) {
            try (RawStream stream = open("u-404", query)) {
                assertEquals(404, stream.status(), query);
                assertEquals("{\"error\":\"strategy_not_found\",\"message\":\"no such strategy for this user\"}",
                        stream.text());
            }
        }
        assertEquals(0, DELIVERY.openFor("u-404"));
    }

    @Test
    void aNonNumericStrategyOrMoreThanTheLimitIsABadRequest() throws IOException {
        try (RawStream word = open("u-400", "&strategy=grid");
                RawStream tooMany = open("u-400", "&strategy=1&strategy=2&strategy=3&strategy=4")) {
            assertAll(() -> assertEquals(400, word.status()),
                    () -> assertEquals("{\"error\":\"invalid_strategy\",\"message\":\"strategy must be a positive"
                            + " integer (1..9223372036854775807)\"}", word.text()),
                    () -> assertEquals(400, tooMany.status()),
                    () -> assertEquals("{\"error\":\"invalid_strategy\",\"message\":\"at most 3 strategy values per"
                            + " stream (sse.max-strategies-per-stream), the request names 4\"}", tooMany.text()));
        }
    }

    @Test
    void oneConnectionCountsOnceWhateverItsNumberOfStrategiesAndOneTooManyIs429() throws IOException {
        long a = DESK.strategyOf("u-429");
        long b = DESK.strategyOf("u-429");
        long c = DESK.strategyOf("u-429");
        try (RawStream three = open("u-429", "&strategy=" + a + "&strategy=" + b + "&strategy=" + c);
                RawStream single = RawStream.get(port, "/api/v1/strategies/" + a + "/events?access_token="
                        + TestTokens.forUser("u-429"), Map.of());
                RawStream all = open("u-429", "");
                RawStream fourth = open("u-429", "")) {
            assertAll(() -> assertEquals(200, three.status()),
                    () -> assertEquals(200, single.status()),
                    () -> assertEquals(200, all.status()),
                    () -> assertEquals(429, fourth.status()),
                    () -> assertEquals("{\"error\":\"too_many_streams\",\"message\":\"at most 3 event streams may be"
                            + " open per user (delivery.max-streams-per-user)\"}", fourth.text()));
        }
    }

    @Test
    void gzipStreamDeliversEachFrameBeforeTheNextBatchIsSubmitted() throws IOException {
        long a = DESK.strategyOf("u-gzip");
        try (RawStream stream = open("u-gzip", "", headers("Accept-Encoding", "gzip"))) {
            assertAll(() -> assertEquals(200, stream.status()),
                    () -> assertEquals("gzip", stream.header("Content-Encoding")),
                    () -> assertEquals("Origin, Accept-Encoding", stream.header("Vary")));
            assertEquals("retry: 3000\n\n", stream.readInflatedFrames(1, WAIT));
            List<String> submitted = new ArrayList<>();
            for (int batch = 1; batch <= 3; batch++) {
                submitted.add(cursor(DESK.createLimits("u-gzip", a, batch)));
                // the frame must arrive now, while no later batch exists that could push it out of a buffer
                assertEquals(submitted, ids(stream.readInflatedFrames(1 + batch, WAIT)));
            }
        }
    }

    @Test
    void withoutAcceptEncodingTheStreamIsPlain() throws IOException {
        try (RawStream stream = open("u-plain", "")) {
            assertAll(() -> assertEquals(200, stream.status()),
                    () -> assertNull(stream.header("Content-Encoding")),
                    () -> assertEquals("retry: 3000\n\n", stream.readFrames(1, WAIT)));
        }
    }

    private RawStream open(String userId, String query) throws IOException {
        return open(userId, query, Map.of());
    }

    private RawStream open(String userId, String query, Map<String, String> headers) throws IOException {
        return RawStream.get(port, "/api/v1/events?access_token=" + TestTokens.forUser(userId) + query, headers);
    }

    /** The subscription cursor of a receipt's event: its place in the user's sequence. */
    private static String cursor(BatchReceipt receipt) {
        return "mem-u" + DESK.userSeqOf(receipt);
    }

    private static List<Long> strategyIds(String body) {
        List<Long> ids = new ArrayList<>();
        for (String frame : body.split("\n\n")) {
            int at = frame.indexOf("\"strategy_id\":");
            if (frame.contains("event: order_batch_update") && at >= 0) {
                int from = at + "\"strategy_id\":".length();
                ids.add(Long.parseLong(frame.substring(from, frame.indexOf(',', from))));
            }
        }
        return ids;
    }
}
