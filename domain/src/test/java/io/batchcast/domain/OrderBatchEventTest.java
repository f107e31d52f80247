package io.batchcast.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderBatchEventTest {

    @Test
    void timestampIsUtcIso8601WithMilliseconds() {
        var event = new OrderBatchEvent(List.of(new OrderTypeSummary(OrderType.LIMIT, 1, 0)), 7, "u1", "b1",
                Instant.parse("2025-10-30T12:34:56.789654Z"));

        assertEquals("2025-10-30T12:34:56.789Z", event.timestampText());
        assertEquals(Instant.parse("2025-10-30T12:34:56.789Z"), event.timestamp());
    }

    @Test
    void wholeSecondsStillCarryThreeMillisecondDigits() {
        var event = new OrderBatchEvent(List.of(new OrderTypeSummary(OrderType.MARKET, 0, 1)), 7, "u1", "b1",
                Instant.parse("2025-01-02T03:04:05Z"));

        assertEquals("2025-01-02T03:04:05.000Z", event.timestampText());
    }

    @Test
    void anEventWithoutSummariesCannotExist() {
        assertThrows(IllegalArgumentException.class,
                () -> new OrderBatchEvent(List.of(), 7, "u1", "b1", Instant.EPOCH));
    }

    @Test
    void eventCarriesItsStreamKey() {
        var event = OrderBatchEvent.of(List.of(OperationResult.created(0, "o", "c", OrderType.LIMIT)),
                new StreamKey("u9", 42), "b2", Instant.EPOCH).orElseThrow();

        assertEquals(new StreamKey("u9", 42), event.stream());
        assertEquals("b2", event.batchId());
    }

    @Test
    void mergingSumsPerOrderTypeInTypeOrderAndKeepsTheLaterBatchIdAndTimestamp() {
        var earlier = new OrderBatchEvent(List.of(new OrderTypeSummary(OrderType.STOP_LIMIT, 2, 0),
                new OrderTypeSummary(OrderType.MARKET, 0, 1)), 7, "u1", "b1", Instant.parse("2026-12-02T01:00:00.100Z"));
        var later = new OrderBatchEvent(List.of(new OrderTypeSummary(OrderType.LIMIT, 5, 3),
                new OrderTypeSummary(OrderType.MARKET, 1, 1)), 7, "u1", "b2", Instant.parse("2026-12-02T01:00:00.250Z"));

        OrderBatchEvent merged = earlier.mergedWith(later);

        assertEquals(List.of(new OrderTypeSummary(OrderType.LIMIT, 5, 3), new OrderTypeSummary(OrderType.STOP_LIMIT, 2, 0),
                new OrderTypeSummary(OrderType.MARKET, 1, 2)), merged.summaries(), "STOP_MARKET had nothing: dropped");
        assertEquals("b2", merged.batchId());
        assertEquals(Instant.parse("2026-12-02T01:00:00.250Z"), merged.timestamp());
        assertEquals(7, merged.strategyId());
    }

    @Test
    void eventsOfAnotherStrategyDoNotMerge() {
        var one = new OrderBatchEvent(List.of(new OrderTypeSummary(OrderType.LIMIT, 1, 0)), 7, "u1", "b1", Instant.EPOCH);
        var other = new OrderBatchEvent(List.of(new OrderTypeSummary(OrderType.LIMIT, 1, 0)), 8, "u1", "b2", Instant.EPOCH);

        assertThrows(IllegalArgumentException.class, () -> one.mergedWith(other));
    }
}
