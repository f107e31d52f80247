package io.batchcast.adapter.grpc;

import io.batchcast.proto.v1.CancelOrder;
import io.batchcast.proto.v1.CreateOrder;
import io.batchcast.proto.v1.OrderOperation;
import io.batchcast.proto.v1.OrderType;
import io.batchcast.proto.v1.Side;
import io.batchcast.proto.v1.SubmitOrderBatchRequest;
import java.util.List;

/** Request builders for tests. */
final class Batches {

    private Batches() {
    }

    static OrderOperation limit(String clientOrderId, String symbol, String quantity, String price) {
        return OrderOperation.newBuilder().setCreate(CreateOrder.newBuilder()
                .setClientOrderId(clientOrderId).setSymbol(symbol).setSide(Side.SIDE_BUY)
                .setOrderType(OrderType.ORDER_TYPE_LIMIT).setQuantity(quantity).setPrice(price)).build();
    }

    static OrderOperation limit(String clientOrderId) {
        return limit(clientOrderId, "BTC-USDT", "0.5", "30000");
    }

    static OrderOperation stopLimit(String clientOrderId) {
        return OrderOperation.newBuilder().setCreate(CreateOrder.newBuilder()
                .setClientOrderId(clientOrderId).setSymbol("BTC-USDT").setSide(Side.SIDE_SELL)
                .setOrderType(OrderType.ORDER_TYPE_STOP_LIMIT).setQuantity("0.5").setPrice("29000")
                .setStopPrice("29500")).build();
    }

    static OrderOperation cancelByClientOrderId(String clientOrderId) {
        return OrderOperation.newBuilder()
                .setCancel(CancelOrder.newBuilder().setClientOrderId(clientOrderId)).build();
    }

    static SubmitOrderBatchRequest batch(long strategyId, String requestId, List<OrderOperation> operations) {
        return SubmitOrderBatchRequest.newBuilder().setStrategyId(strategyId).setRequestId(requestId)
                .addAllOperations(operations).build();
    }

    static SubmitOrderBatchRequest batch(long strategyId, OrderOperation... operations) {
        return batch(strategyId, "", List.of(operations));
    }
}
