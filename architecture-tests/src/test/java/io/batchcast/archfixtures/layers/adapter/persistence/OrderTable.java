package io.batchcast.archfixtures.layers.adapter.persistence;

import io.batchcast.archfixtures.layers.application.port.in.PlaceOrderUseCase;

/** Valid: an adapter depends on the application. */
public class OrderTable {

    public OrderTable(PlaceOrderUseCase placeOrder) {
    }
}
