package io.batchcast.archfixtures.layers.adapter.exchange;

import io.batchcast.archfixtures.layers.application.port.in.PlaceOrderUseCase;

/** Valid: an adapter depends on the application. */
public class PaperExchange {

    public PaperExchange(PlaceOrderUseCase placeOrder) {
    }
}
