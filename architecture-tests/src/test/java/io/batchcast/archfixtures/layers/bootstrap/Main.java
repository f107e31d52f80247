package io.batchcast.archfixtures.layers.bootstrap;

import io.batchcast.archfixtures.layers.adapter.exchange.PaperExchange;
import io.batchcast.archfixtures.layers.adapter.grpc.OrderGrpcService;
import io.batchcast.archfixtures.layers.adapter.persistence.OrderTable;
import io.batchcast.archfixtures.layers.adapter.sse.OrderEventStream;
import io.batchcast.archfixtures.layers.application.service.PlacingOrders;

/** Valid: the composition root wires every adapter. */
public final class Main {

    public static void main(String[] args) {
        var placing = new PlacingOrders();
        new OrderGrpcService(placing);
        new OrderEventStream(placing);
        new OrderTable(placing);
        new PaperExchange(placing);
    }
}
