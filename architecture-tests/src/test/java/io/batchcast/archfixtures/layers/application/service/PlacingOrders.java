package io.batchcast.archfixtures.layers.application.service;

import io.batchcast.archfixtures.layers.application.port.in.PlaceOrderUseCase;
import io.batchcast.archfixtures.layers.domain.Quantity;

/** Valid: a service implements its use case. */
public class PlacingOrders implements PlaceOrderUseCase {

    @Override
    public void placeOrder(Quantity quantity) {
    }
}
