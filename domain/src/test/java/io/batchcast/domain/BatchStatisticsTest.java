package io.batchcast.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class BatchStatisticsTest {

    private static final OperationError REFUSED = new OperationError("EXCHANGE_REJECTED", "no");
    private static final OperationError UNKNOWN = new OperationError("UNKNOWN_ORDER", "no such order");

    @Test
    void rejectionsCountForTheirTypeAndACancelOfAnUnknownOrderForNone() {
        List<OperationResult> results = List.of(
                OperationResult.created(0, "o1", "c1", OrderType.LIMIT),
                OperationResult.created(1, "o2", "c2", OrderType.LIMIT),
                OperationResult.cancelled(2, "o0", "c0", OrderType.STOP_MARKET),
                OperationResult.rejected(3, null, "c3", OrderType.MARKET, REFUSED),
                OperationResult.rejected(4, "o9", "c9", OrderType.STOP_MARKET, REFUSED),
                OperationResult.rejected(5, null, "", null, UNKNOWN));

        assertEquals(List.of(
                new OrderTypeStatistics(OrderType.LIMIT, 2, 0, 0),
                new OrderTypeStatistics(OrderType.STOP_MARKET, 0, 1, 1),
                new OrderTypeStatistics(OrderType.MARKET, 0, 0, 1)), BatchStatistics.tally(results));
    }

    @Test
    void aBatchOfOnlyUnknownCancelsHasNoTypes() {
        assertEquals(List.of(), BatchStatistics.tally(List.of(OperationResult.rejected(0, null, "", null, UNKNOWN))));
    }

    @Test
    void sumsKeepTheTypeOrderAndDropEmptyTypes() {
        assertEquals(List.of(
                        new OrderTypeStatistics(OrderType.LIMIT, 3, 1, 0),
                        new OrderTypeStatistics(OrderType.MARKET, 0, 0, 2)),
                BatchStatistics.sum(List.of(
                        new OrderTypeStatistics(OrderType.MARKET, 0, 0, 2),
                        new OrderTypeStatistics(OrderType.LIMIT, 1, 1, 0),
                        new OrderTypeStatistics(OrderType.STOP_LIMIT, 0, 0, 0),
                        new OrderTypeStatistics(OrderType.LIMIT, 2, 0, 0))));
    }
}
