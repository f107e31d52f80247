package io.batchcast.adapter.sse;

import static io.batchcast.adapter.sse.RawStream.headers;
import static io.batchcast.adapter.sse.TradingDesk.eventId;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchcast.domain.HourlyStatistics;
import io.batchcast.domain.OrderHourlySummary;
import io.batchcast.domain.OrderType;
import io.batchcast.domain.OrderTypeStatistics;
import io.batchcast.domain.StoredEvent;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A closed period's summary goes out as an {@code order_hourly_summary} frame with an id that replays. */
@ServerTest
class HourlySummaryFrameTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String USER = "u-summary";
    private static final TradingDesk DESK = new TradingDesk();

    private final int port;

    HourlySummaryFrameTest(WebServer server) {
        this.port = server.port();
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        SseRouting.routing(routing, DESK.delivery(), SseSettings.defaults(), TestTokens.VERIFIER, Clock.systemUTC());
    }

    private static StoredEvent closePeriod(long strategy) {
        StoredEvent summary = DESK.store.appendSummary(new OrderHourlySummary(strategy, USER,
                new HourlyStatistics(Instant.parse("2026-12-01T18:00:00Z"), 12, List.of(
                        new OrderTypeStatistics(OrderType.LIMIT, 5, 3, 1),
                        new OrderTypeStatistics(OrderType.MARKET, 0, 0, 2))),
                Instant.parse("2026-12-01T19:00:05Z")));
        DESK.feed.publish(summary);
        return summary;
    }

    private String summaryFrame(long strategy, StoredEvent summary) {
        return "id: " + summary.id() + "\nevent: order_hourly_summary\n"
                + "data: {\"type\":\"order_hourly_summary\",\"data\":{\"strategy_id\":" + strategy
                + ",\"hour\":\"2026-12-01T18:00:00Z\",\"batches\":12,\"order_types\":["
                + "{\"order_type\":\"LIMIT\",\"created\":5,\"cancelled\":3,\"rejected\":1},"
                + "{\"order_type\":\"MARKET\",\"created\":0,\"cancelled\":0,\"rejected\":2}]}}\n\n";
    }

    private RawStream open(long strategy, Map<String, String> headers) throws IOException {
        return RawStream.get(port, "/api/v1/strategies/" + strategy + "/events?access_token="
                + TestTokens.forUser(USER), headers);
    }

    @Test
    void aLiveStreamGetsTheSummaryFrameWithAnIdFromTheStreamsSequence() throws IOException {
        long strategy = DESK.strategyOf(USER);
        try (RawStream stream = open(strategy, Map.of())) {
            stream.readFrames(1, WAIT);
            String batch = eventId(DESK.createLimits(USER, strategy, 1));
            StoredEvent summary = closePeriod(strategy);

            String body = stream.readFrames(3, WAIT);

            assertEquals("mem-1", batch);
            assertEquals("mem-2", summary.id().toString());
            assertEquals(summaryFrame(strategy, summary), body.substring(body.indexOf("id: mem-2")));
        }
    }

    @Test
    void theSummaryReplaysAfterAReconnectWithAnEarlierLastEventId() throws IOException {
        long strategy = DESK.strategyOf(USER);
        String seen = eventId(DESK.createLimits(USER, strategy, 1));
        StoredEvent summary = closePeriod(strategy);
        String after = eventId(DESK.createLimits(USER, strategy, 2));

        try (RawStream stream = open(strategy, headers("Last-Event-ID", seen))) {
            String body = stream.readFrames(3, WAIT);

            String replayed = body.substring(body.indexOf("id: "));
            assertEquals(summaryFrame(strategy, summary), replayed.substring(0, replayed.indexOf("id: " + after)));
            assertEquals(List.of(after), OrderBatchEventStreamTest.ids(body));
        }
    }
}
