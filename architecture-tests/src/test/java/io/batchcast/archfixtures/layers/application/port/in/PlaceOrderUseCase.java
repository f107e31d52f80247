package io.batchcast.archfixtures.layers.application.port.in;

import io.batchcast.archfixtures.layers.domain.Quantity;

/** Valid: a use case speaks in domain terms. */
public interface PlaceOrderUseCase {

    void placeOrder(Quantity quantity);
}
