package io.batchcast.archfixtures.layers.adapter.grpc;

import io.batchcast.archfixtures.layers.application.port.in.PlaceOrderUseCase;
import io.batchcast.archfixtures.layers.domain.Quantity;
import io.batchcast.archfixtures.layers.proto.v1.OrderMessage;

/** Valid: the gRPC adapter maps proto messages to a use case. */
public class OrderGrpcService {

    private final PlaceOrderUseCase placeOrder;

    public OrderGrpcService(PlaceOrderUseCase placeOrder) {
        this.placeOrder = placeOrder;
    }

    void submit(OrderMessage message) {
        placeOrder.placeOrder(new Quantity(1));
    }
}
