package io.batchcast.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchAggregationTest {

    private static final OperationError REFUSED = new OperationError(OperationError.EXCHANGE_REJECTED, "no");

    @Test
    void countsCreatesAndCancelsPerTypeInTheFixedOrder() {
        List<OperationResult> results = new ArrayList<>();
        int i = 0;
        for (int n = 0; n < 2; n++) {
            results.add(OperationResult.created(i++, "o" + i, "c" + i, OrderType.STOP_LIMIT));
        }
        for (int n = 0; n < 5; n++) {
            results.add(OperationResult.created(i++, "o" + i, "c" + i, OrderType.LIMIT));
        }
        for (int n = 0; n < 3; n++) {
            results.add(OperationResult.cancelled(i++, "o" + i, "c" + i, OrderType.LIMIT));
        }

        assertEquals(List.of(
                new OrderTypeSummary(OrderType.LIMIT, 5, 3),
                new OrderTypeSummary(OrderType.STOP_LIMIT, 2, 0)), BatchAggregation.summarize(results));
    }

    @Test
    void rejectedOperationsCountInNeitherColumn() {
        List<OperationResult> results = List.of(
                OperationResult.rejected(0, null, "c0", OrderType.MARKET, REFUSED),
                OperationResult.cancelled(1, "o1", "c1", OrderType.STOP_MARKET),
                OperationResult.rejected(2, "o2", "c2", OrderType.STOP_MARKET, REFUSED));

        assertEquals(List.of(new OrderTypeSummary(OrderType.STOP_MARKET, 0, 1)), BatchAggregation.summarize(results));
    }

    @Test
    void batchWithOnlyRejectedOperationsHasNoSummaries() {
        List<OperationResult> results = List.of(
                OperationResult.rejected(0, null, null, null, new OperationError(OperationError.UNKNOWN_ORDER, "?")));

        assertTrue(BatchAggregation.summarize(results).isEmpty());
        assertTrue(OrderBatchEvent.of(results, new StreamKey("u1", 7), "b1", java.time.Instant.EPOCH).isEmpty());
    }

    @Test
    void allFourTypesComeOutInDeclaredOrderWhateverTheInputOrder() {
        List<OperationResult> results = List.of(
                OperationResult.created(0, "a", "a", OrderType.MARKET),
                OperationResult.created(1, "b", "b", OrderType.STOP_MARKET),
                OperationResult.created(2, "c", "c", OrderType.STOP_LIMIT),
                OperationResult.created(3, "d", "d", OrderType.LIMIT));

        assertEquals(List.of(OrderType.LIMIT, OrderType.STOP_LIMIT, OrderType.STOP_MARKET, OrderType.MARKET),
                BatchAggregation.summarize(results).stream().map(OrderTypeSummary::orderType).toList());
    }
}
