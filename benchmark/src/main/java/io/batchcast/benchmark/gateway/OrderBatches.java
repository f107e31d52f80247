package io.batchcast.benchmark.gateway;

import io.batchcast.proto.v1.CancelOrder;
import io.batchcast.proto.v1.CreateOrder;
import io.batchcast.proto.v1.OrderOperation;
import io.batchcast.proto.v1.OrderType;
import io.batchcast.proto.v1.Side;
import io.batchcast.proto.v1.SubmitOrderBatchRequest;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The batches a strategy engine would send: unique client order ids and request ids (as AIP-155 asks clients to
 * do), so every batch creates real orders and emits one event.
 */
public final class OrderBatches {

    private static final AtomicLong SEQUENCE = new AtomicLong();

    private OrderBatches() {
    }

    /** {@code n} LIMIT buy orders. */
    public static SubmitOrderBatchRequest limitOrders(long strategyId, int n) {
        long batch = SEQUENCE.incrementAndGet();
        SubmitOrderBatchRequest.Builder request = SubmitOrderBatchRequest.newBuilder()
                .setStrategyId(strategyId)
                .setRequestId("bench-" + ProcessHandle.current().pid() + "-" + batch);
        for (int i = 0; i < n; i++) {
            request.addOperations(limit("c" + batch + "-" + i, Side.SIDE_BUY));
        }
        return request.build();
    }

    /**
     * The seed's example batch of 10 operations: 5 LIMIT creates, 2 STOP_LIMIT creates and 3 cancels of the LIMIT
     * orders {@code cancelClientOrderIds} created earlier ("LIMIT: 5 created, 3 cancelled · STOP_LIMIT: 2 created").
     */
    public static SubmitOrderBatchRequest seedExample(long strategyId, List<String> cancelClientOrderIds) {
        long batch = SEQUENCE.incrementAndGet();
        SubmitOrderBatchRequest.Builder request = SubmitOrderBatchRequest.newBuilder()
                .setStrategyId(strategyId)
                .setRequestId("bench-" + ProcessHandle.current().pid() + "-" + batch);
        for (int i = 0; i < 5; i++) {
            request.addOperations(limit("c" + batch + "-l" + i, Side.SIDE_BUY));
        }
        for (int i = 0; i < 2; i++) {
            request.addOperations(OrderOperation.newBuilder().setCreate(CreateOrder.newBuilder()
                    .setClientOrderId("c" + batch + "-s" + i).setSymbol("BTC-USDT").setSide(Side.SIDE_SELL)
                    .setOrderType(OrderType.ORDER_TYPE_STOP_LIMIT).setQuantity("0.5").setPrice("49000")
                    .setStopPrice("49500")));
        }
        for (String target : cancelClientOrderIds) {
            request.addOperations(OrderOperation.newBuilder()
                    .setCancel(CancelOrder.newBuilder().setClientOrderId(target)));
        }
        return request.build();
    }

    private static OrderOperation limit(String clientOrderId, Side side) {
        return OrderOperation.newBuilder().setCreate(setupOrderTerms().toBuilder()
                .setClientOrderId(clientOrderId).setSide(side)).build();
    }

    /** The terms of every LIMIT order the benchmark creates. */
    public static CreateOrder setupOrderTerms() {
        return CreateOrder.newBuilder().setSymbol("BTC-USDT").setSide(Side.SIDE_BUY)
                .setOrderType(OrderType.ORDER_TYPE_LIMIT).setQuantity("0.01").setPrice("50000.5").build();
    }
}
