package io.batchcast.adapter.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchcast.application.port.out.IntentStep;
import io.batchcast.domain.NewOrder;
import io.batchcast.domain.OperationError;
import io.batchcast.domain.OperationResult;
import io.batchcast.domain.Order;
import io.batchcast.domain.OrderStatus;
import io.batchcast.domain.OrderType;
import io.batchcast.domain.Side;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The stored text of a receipt and of an intent's steps, exactly: rows written by earlier versions are read by this
 * one, so the format is pinned, and what is written reads back equal.
 */
class BatchJsonTest {

    private static final NewOrder LIMIT = new NewOrder("cli-1", "BTC-USD", Side.BUY, OrderType.LIMIT,
            new BigDecimal("0.00000001"), new BigDecimal("100.50"), null);
    private static final NewOrder STOP = new NewOrder("cli-2", "ETH-USD", Side.SELL, OrderType.STOP_LIMIT,
            new BigDecimal("2"), new BigDecimal("1900"), new BigDecimal("1950.5"));

    @Test
    void resultsAreOneArrayInIndexOrderWithoutTheFieldsAResultLacks() {
        List<OperationResult> results = List.of(OperationResult.created(0, "ord-1", "cli-1", OrderType.LIMIT),
                OperationResult.rejected(1, null, "cli-2", OrderType.MARKET,
                        new OperationError("INVALID_ORDER", "quantity must be > 0")));
        String json = BatchJson.encodeResults(results);

        assertEquals("[{\"outcome\":\"CREATED\",\"order_id\":\"ord-1\",\"client_order_id\":\"cli-1\","
                + "\"order_type\":\"LIMIT\"},{\"outcome\":\"REJECTED\",\"client_order_id\":\"cli-2\","
                + "\"order_type\":\"MARKET\",\"reason\":\"INVALID_ORDER\",\"message\":\"quantity must be > 0\"}]",
                json);
        assertEquals(results, BatchJson.decodeResults(json));
    }

    @Test
    void stepsKeepEveryDigitAndTheOrderACancelTargets() {
        Order open = new Order("ord-9", 7, STOP, OrderStatus.OPEN, Instant.parse("2026-12-02T05:49:25.510909Z"),
                Instant.parse("2026-12-02T05:50:00Z"));
        List<IntentStep> steps = List.of(new IntentStep.Place(0, "v-1", LIMIT), new IntentStep.Cancel(1, "v-2", open),
                new IntentStep.Decided(OperationResult.cancelled(2, "ord-3", "cli-3", OrderType.LIMIT)));
        String json = BatchJson.encode(steps);

        assertEquals("[{\"kind\":\"place\",\"venue_id\":\"v-1\",\"order\":{\"client_order_id\":\"cli-1\","
                + "\"symbol\":\"BTC-USD\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"quantity\":\"0.00000001\","
                + "\"price\":\"100.50\"}},{\"kind\":\"cancel\",\"venue_id\":\"v-2\",\"order_id\":\"ord-9\","
                + "\"strategy_id\":7,\"created_at\":\"2026-12-02T05:49:25.510909Z\","
                + "\"updated_at\":\"2026-12-02T05:50:00Z\",\"order\":{\"client_order_id\":\"cli-2\","
                + "\"symbol\":\"ETH-USD\",\"side\":\"SELL\",\"type\":\"STOP_LIMIT\",\"quantity\":\"2\","
                + "\"price\":\"1900\",\"stop_price\":\"1950.5\"}},{\"kind\":\"decided\",\"result\":"
                + "{\"outcome\":\"CANCELLED\",\"order_id\":\"ord-3\",\"client_order_id\":\"cli-3\","
                + "\"order_type\":\"LIMIT\"}}]", json);
        assertEquals(steps, BatchJson.decode(json));
    }
}
