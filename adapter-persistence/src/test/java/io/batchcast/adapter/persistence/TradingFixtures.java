package io.batchcast.adapter.persistence;

import io.batchcast.application.port.out.BatchIntent;
import io.batchcast.application.port.out.IntentStep;
import io.batchcast.application.port.out.RecordedBatch;
import io.batchcast.domain.NewOrder;
import io.batchcast.domain.OperationResult;
import io.batchcast.domain.Order;
import io.batchcast.domain.OrderBatchEvent;
import io.batchcast.domain.OrderStatus;
import io.batchcast.domain.OrderType;
import io.batchcast.domain.Side;
import io.batchcast.domain.Strategy;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Orders and batches as the application would hand them to the stores. */
final class TradingFixtures {

    static final Instant NOON = Instant.parse("2025-10-30T12:34:56.789Z");

    private TradingFixtures() {
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    static Order limitBuy(Strategy strategy, String orderId, String clientOrderId, String quantity, String price) {
        NewOrder spec = new NewOrder(clientOrderId, "BTC-USD", Side.BUY, OrderType.LIMIT,
                new BigDecimal(quantity), new BigDecimal(price), null);
        return new Order(orderId, strategy.id(), spec, OrderStatus.OPEN, NOON);
    }

    static Order stopLimitSell(Strategy strategy, String orderId, String clientOrderId) {
        NewOrder spec = new NewOrder(clientOrderId, "ETH-USD", Side.SELL, OrderType.STOP_LIMIT,
                new BigDecimal("2.5"), new BigDecimal("3100.25"), new BigDecimal("3150.75"));
        return new Order(orderId, strategy.id(), spec, OrderStatus.OPEN, NOON);
    }

    static Order marketBuy(Strategy strategy, String orderId, String clientOrderId) {
        NewOrder spec = new NewOrder(clientOrderId, "SOL-USD", Side.BUY, OrderType.MARKET,
                new BigDecimal("10"), null, null);
        return new Order(orderId, strategy.id(), spec, OrderStatus.FILLED, NOON);
    }

    /** A batch that created {@code orders}, one result per order; its event is derived as the application does. */
    static RecordedBatch creating(Strategy strategy, String batchId, String requestId, List<Order> orders) {
        List<OperationResult> results = new ArrayList<>();
        for (Order order : orders) {
            results.add(OperationResult.created(results.size(), order.orderId(), order.clientOrderId(), order.type()));
        }
        return batch(strategy, batchId, requestId, orders, results);
    }

    static RecordedBatch batch(Strategy strategy, String batchId, String requestId, List<Order> orders,
            List<OperationResult> results) {
        return batch(strategy, batchId, requestId, orders, results, NOON);
    }

    static RecordedBatch batch(Strategy strategy, String batchId, String requestId, List<Order> orders,
            List<OperationResult> results, Instant completedAt) {
        return new RecordedBatch(batchId, strategy.stream(), requestId, requestId.isEmpty() ? null : "hash-" + requestId,
                orders, results, OrderBatchEvent.of(results, strategy.stream(), batchId, completedAt), completedAt);
    }

    /** The intent the application stores before executing {@code batch}: one place step per result. */
    static BatchIntent intentOf(RecordedBatch batch, Instant createdAt) {
        List<IntentStep> steps = new ArrayList<>();
        for (OperationResult result : batch.results()) {
            steps.add(new IntentStep.Place(result.index(), batch.batchId() + "-" + result.index(),
                    new NewOrder(result.clientOrderId() == null ? "" : result.clientOrderId(), "BTC-USD", Side.BUY,
                            OrderType.LIMIT, new BigDecimal("1"), new BigDecimal("100"), null)));
        }
        return new BatchIntent(batch.batchId(), batch.stream(), batch.requestId(), batch.requestHash(), steps, createdAt);
    }

    /** A claim as an earlier version wrote it (a PENDING row without batch id or intent). */
    static void legacyPendingClaim(TestDatabase database, String userId, String requestId, Instant claimedAt) {
        database.execute("INSERT INTO batches (user_id, request_id, request_hash, state, claimed_at) VALUES ('"
                + userId + "', '" + requestId + "', 'hash-" + requestId + "', 'PENDING', "
                + database.instantLiteral(claimedAt) + ")");
    }

    /** A batch with one new LIMIT order and hence one event. */
    static RecordedBatch oneLimitOrder(Strategy strategy, Instant completedAt) {
        String orderId = unique("ord");
        Order order = limitBuy(strategy, orderId, unique("cli"), "1", "100");
        return batch(strategy, unique("batch"), "", List.of(order),
                List.of(OperationResult.created(0, orderId, order.clientOrderId(), OrderType.LIMIT)), completedAt);
    }
}
