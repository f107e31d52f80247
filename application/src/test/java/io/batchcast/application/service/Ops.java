package io.batchcast.application.service;

import io.batchcast.application.port.in.OperationRequest;
import io.batchcast.domain.OrderType;
import io.batchcast.domain.Side;

/** Short ways to write operations in tests. */
final class Ops {

    private Ops() {
    }

    static OperationRequest limit(String clientOrderId) {
        return new OperationRequest.Create(clientOrderId, "BTC-USDT", Side.BUY, OrderType.LIMIT, "0.01", "50000", "");
    }

    static OperationRequest stopLimit(String clientOrderId) {
        return new OperationRequest.Create(clientOrderId, "BTC-USDT", Side.SELL, OrderType.STOP_LIMIT, "1", "49000", "49500");
    }

    static OperationRequest stopMarket(String clientOrderId) {
        return new OperationRequest.Create(clientOrderId, "BTC-USDT", Side.SELL, OrderType.STOP_MARKET, "1", "", "48000");
    }

    static OperationRequest market(String clientOrderId) {
        return new OperationRequest.Create(clientOrderId, "ETH-USDT", Side.BUY, OrderType.MARKET, "2.5", "", "");
    }

    static OperationRequest cancelById(String orderId) {
        return new OperationRequest.Cancel(orderId, "");
    }

    static OperationRequest cancelByClientId(String clientOrderId) {
        return new OperationRequest.Cancel("", clientOrderId);
    }
}
