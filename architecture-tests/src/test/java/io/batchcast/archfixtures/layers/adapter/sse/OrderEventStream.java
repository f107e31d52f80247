package io.batchcast.archfixtures.layers.adapter.sse;

import io.batchcast.archfixtures.layers.application.port.in.PlaceOrderUseCase;

/** Valid: an adapter depends on the application. */
public class OrderEventStream {

    public OrderEventStream(PlaceOrderUseCase placeOrder) {
    }
}
