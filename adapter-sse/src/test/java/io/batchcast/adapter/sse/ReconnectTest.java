package io.batchcast.adapter.sse;

import static io.batchcast.adapter.sse.OrderBatchEventStreamTest.ids;
import static io.batchcast.adapter.sse.RawStream.headers;
import static io.batchcast.adapter.sse.TradingDesk.eventId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.batchcast.application.service.DeliveryCounters;
import io.batchcast.application.service.DeliveryLimits;
import io.batchcast.application.service.EventDelivery;
import io.batchcast.application.port.in.BatchReceipt;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A client that comes back with a cursor gets exactly what it missed, then live; or a resync when it cannot. */
@ServerTest
class ReconnectTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String USER = "u-reconnect";
    private static final TradingDesk DESK = new TradingDesk();
    private static final DeliveryCounters COUNTERS = new DeliveryCounters();
    private static final EventDelivery DELIVERY = DESK.delivery(DeliveryLimits.defaults(), COUNTERS);
    private static SseRouting sse;

    private final int port;

    ReconnectTest(WebServer server) {
        this.port = server.port();
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        sse = SseRouting.routing(routing, DELIVERY, SseSettings.defaults(), TestTokens.VERIFIER, Clock.systemUTC());
    }

    @Test
    void lastEventIdHeaderReplaysExactlyTheMissedBatchesInOrderThenGoesLive() throws IOException {
        long strategy = DESK.strategyOf(USER);
        String seen = eventId(DESK.createLimits(USER, strategy, 1));
        List<String> missed = submitBatches(strategy, 5);
        long replayedBefore = COUNTERS.replayedEvents();

        try (RawStream stream = open(strategy, "", headers("Last-Event-ID", seen))) {
            stream.readFrames(6, WAIT);
            String live = eventId(DESK.createLimits(USER, strategy, 2));

            List<String> expected = new ArrayList<>(missed);
            expected.add(live);
            assertEquals(expected, ids(stream.readFrames(7, WAIT)));
            assertEquals(5, COUNTERS.replayedEvents() - replayedBefore);
        }
    }

    @Test
    void lastEventIdQueryParameterIsHonouredWhenTheHeaderIsAbsent() throws IOException {
        long strategy = DESK.strategyOf(USER);
        String seen = eventId(DESK.createLimits(USER, strategy, 1));
        List<String> missed = submitBatches(strategy, 5);

        try (RawStream stream = open(strategy, "&last_event_id=" + seen, Map.of())) {
            assertEquals(missed, ids(stream.readFrames(6, WAIT)));
        }
    }

    @Test
    void headerWinsOverQueryParameter() throws IOException {
        long strategy = DESK.strategyOf(USER);
        List<String> batches = submitBatches(strategy, 5);

        try (RawStream stream = open(strategy, "&last_event_id=" + batches.get(0),
                headers("Last-Event-ID", batches.get(2)))) {
            assertEquals(batches.subList(3, 5), ids(stream.readFrames(3, WAIT)));
        }
    }

    @Test
    void malformedCursorIsTreatedAsAbsentAndNeverEchoed() throws IOException {
        long strategy = DESK.strategyOf(USER);
        submitBatches(strategy, 2);
        String cursor = "<img src=x onerror=alert(1)>";

        try (RawStream stream = open(strategy, "&last_event_id=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8),
                Map.of())) {
            String live = eventId(DESK.createLimits(USER, strategy, 1));
            String body = stream.readFrames(2, WAIT);

            assertEquals(List.of(live), ids(body));
            assertFalse(body.contains("img") || body.contains("resync"), body);
        }
    }

    @Test
    void cursorAheadOfTheHeadGetsAResyncToTheHeadThenLiveEvents() throws IOException {
        long strategy = DESK.strategyOf(USER);
        String head = submitBatches(strategy, 2).get(1);

        try (RawStream stream = open(strategy, "", headers("Last-Event-ID", "mem-99"))) {
            String live = eventId(DESK.createLimits(USER, strategy, 1));
            String body = stream.readFrames(3, WAIT);

            assertEquals("retry: 3000\n\n"
                    + "id: " + head + "\nevent: resync\n"
                    + "data: {\"type\":\"resync\",\"data\":{\"head_event_id\":\"" + head
                    + "\",\"reason\":\"cursor_ahead_of_head\"}}\n\n", body.substring(0, body.indexOf("id: " + live)));
            assertEquals(List.of(live), ids(body));
        }
    }

    @Test
    void cursorFromAnotherDatabaseEpochGetsAResync() throws IOException {
        long strategy = DESK.strategyOf(USER);
        String head = submitBatches(strategy, 1).get(0);

        try (RawStream stream = open(strategy, "", headers("Last-Event-ID", "old7-1"))) {
            assertEquals("retry: 3000\n\nid: " + head + "\nevent: resync\n"
                    + "data: {\"type\":\"resync\",\"data\":{\"head_event_id\":\"" + head
                    + "\",\"reason\":\"cursor_from_another_database\"}}\n\n", stream.readFrames(2, WAIT));
        }
    }

    @Test
    void cursorOutsideRetentionGetsAResync() throws IOException {
        long strategy = DESK.strategyOf(USER);
        List<String> batches = submitBatches(strategy, 4);
        DESK.store.prune(strategy, 3);
        long resyncsBefore = COUNTERS.resyncsSent();

        try (RawStream stream = open(strategy, "", headers("Last-Event-ID", batches.get(0)))) {
            assertEquals("retry: 3000\n\nid: " + batches.get(3) + "\nevent: resync\n"
                    + "data: {\"type\":\"resync\",\"data\":{\"head_event_id\":\"" + batches.get(3)
                    + "\",\"reason\":\"cursor_outside_retention\"}}\n\n", stream.readFrames(2, WAIT));
            assertEquals(1, COUNTERS.resyncsSent() - resyncsBefore);
        }
    }

    @Test
    void resyncOnAStreamWithoutEventsClearsTheCursorWithAnEmptyId() throws IOException {
        long strategy = DESK.strategyOf(USER);

        try (RawStream stream = open(strategy, "", headers("Last-Event-ID", "mem-5"))) {
            assertEquals("retry: 3000\n\nid: \nevent: resync\n"
                    + "data: {\"type\":\"resync\",\"data\":{\"head_event_id\":\"\","
                    + "\"reason\":\"cursor_ahead_of_head\"}}\n\n", stream.readFrames(2, WAIT));
        }
    }

    private List<String> submitBatches(long strategy, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BatchReceipt receipt = DESK.createLimits(USER, strategy, i + 1);
            ids.add(eventId(receipt));
        }
        return ids;
    }

    private RawStream open(long strategy, String extraQuery, Map<String, String> headers) throws IOException {
        return RawStream.get(port, "/api/v1/strategies/" + strategy + "/events?access_token="
                + TestTokens.forUser(USER) + extraQuery, headers);
    }
}
