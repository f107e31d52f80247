package io.batchcast.archfixtures.layers.venue;

import io.batchcast.archfixtures.layers.adapter.exchange.PaperExchange;
import io.batchcast.archfixtures.layers.adapter.persistence.OrderTable;
import io.batchcast.archfixtures.layers.application.service.PlacingOrders;
import io.batchcast.archfixtures.layers.bootstrap.Main;

/**
 * Valid: the venue reuses the exchange adapter and the application. Planted: it also keeps its book in the
 * persistence adapter and starts the gateway.
 */
public class PaperVenue {

    private final PaperExchange rules = new PaperExchange(new PlacingOrders());

    OrderTable book;

    void startGateway() {
        Main.main(new String[0]);
    }
}
