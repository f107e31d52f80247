package io.batchcast.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.batchcast.application.port.in.BatchNotFoundException;
import io.batchcast.application.port.in.BatchNotSettledException;
import io.batchcast.application.port.in.BatchReceipt;
import io.batchcast.application.port.in.BatchValidationException;
import io.batchcast.application.port.in.FieldViolation;
import io.batchcast.application.port.in.ListOrdersQuery;
import io.batchcast.application.port.in.OrderCursor;
import io.batchcast.application.port.in.OrderPage;
import io.batchcast.application.port.in.StrategyNotFoundException;
import io.batchcast.application.port.out.BatchIntent;
import io.batchcast.application.port.out.IntentStep;
import io.batchcast.application.port.out.RecordedBatch;
import io.batchcast.application.testing.InMemoryStore;
import io.batchcast.domain.NewOrder;
import io.batchcast.domain.OperationResult;
import io.batchcast.domain.Order;
import io.batchcast.domain.OrderStatus;
import io.batchcast.domain.OrderType;
import io.batchcast.domain.OrderTypeSummary;
import io.batchcast.domain.Side;
import io.batchcast.domain.Strategy;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReadingBackTest {

    private static final Instant NOW = Instant.parse("2025-10-30T12:00:00Z");

    private final InMemoryStore store = new InMemoryStore();
    private final ReadingBack reading = new ReadingBack(store, store, store);
    private final Strategy strategy = store.create("u1", "alpha", NOW);

    private Order order(int i, OrderStatus status) {
        NewOrder spec = new NewOrder("c" + i, "BTC-USD", Side.BUY, OrderType.LIMIT, BigDecimal.ONE, BigDecimal.TEN,
                null);
        return new Order("o" + i, strategy.id(), spec, status, NOW.plusSeconds(i));
    }

    private void record(String batchId, List<Order> orders) {
        List<OperationResult> results = new ArrayList<>();
        for (Order order : orders) {
            results.add(OperationResult.created(results.size(), order.orderId(), order.clientOrderId(), order.type()));
        }
        store.record(new RecordedBatch(batchId, strategy.stream(), "", null, orders, results, Optional.empty(), NOW));
    }

    @Test
    void recordedBatchIsItsReceipt() {
        record("b1", List.of(order(1, OrderStatus.OPEN)));

        assertEquals(new BatchReceipt("b1", List.of(OperationResult.created(0, "o1", "c1", OrderType.LIMIT)),
                List.of(new OrderTypeSummary(OrderType.LIMIT, 1, 0)), Optional.empty()),
                reading.get("u1", strategy.id(), "b1"));
    }

    @Test
    void unknownBatchOtherUsersStrategyAndUnsettledBatchFailDistinctly() {
        store.open(new BatchIntent("b2", strategy.stream(), "req-2", "h", List.of(new IntentStep.Place(0, "v",
                order(2, OrderStatus.OPEN).spec())), NOW));

        assertThrows(BatchNotFoundException.class, () -> reading.get("u1", strategy.id(), "b404"));
        assertThrows(StrategyNotFoundException.class, () -> reading.get("u2", strategy.id(), "b2"));
        BatchNotSettledException unsettled =
                assertThrows(BatchNotSettledException.class, () -> reading.get("u1", strategy.id(), "b2"));
        assertEquals("req-2", unsettled.requestId());
        var tooLong = assertThrows(BatchValidationException.class,
                () -> reading.get("u1", strategy.id(), "b".repeat(256)));
        assertEquals(List.of(new FieldViolation("batch_id",
                "must be the batch_id of a SubmitOrderBatch response, 1 to 255 characters, had 256")),
                tooLong.violations());
    }

    @Test
    void pagesCarryACursorOnlyWhenMoreOrdersFollow() {
        record("b1", List.of(order(1, OrderStatus.OPEN), order(2, OrderStatus.FILLED), order(3, OrderStatus.OPEN)));

        OrderPage first = reading.list(new ListOrdersQuery("u1", strategy.id(), Optional.empty(), Optional.empty(), 2));
        OrderPage last = reading.list(new ListOrdersQuery("u1", strategy.id(), Optional.empty(), first.next(), 2));
        OrderPage open = reading.list(
                new ListOrdersQuery("u1", strategy.id(), Optional.of(OrderStatus.OPEN), Optional.empty(), 2));

        assertEquals(List.of(order(3, OrderStatus.OPEN), order(2, OrderStatus.FILLED)), first.orders());
        assertEquals(Optional.of(new OrderCursor(NOW.plusSeconds(2), "o2")), first.next());
        assertEquals(new OrderPage(List.of(order(1, OrderStatus.OPEN)), Optional.empty()), last);
        assertEquals(new OrderPage(List.of(order(3, OrderStatus.OPEN), order(1, OrderStatus.OPEN)), Optional.empty()),
                open);
    }

    @Test
    void anotherUsersStrategyIsNotFoundAndPageSizeIsBounded() {
        assertThrows(StrategyNotFoundException.class, () -> reading.list(
                new ListOrdersQuery("u2", strategy.id(), Optional.empty(), Optional.empty(), 10)));
        var tooLarge = assertThrows(BatchValidationException.class,
                () -> new ListOrdersQuery("u1", strategy.id(), Optional.empty(), Optional.empty(), 1001));
        assertEquals(List.of(new FieldViolation("page_size", "must be between 1 and 1000, was 1001")),
                tooLarge.violations());
    }
}
