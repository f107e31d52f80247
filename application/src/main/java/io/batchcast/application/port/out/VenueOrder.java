package io.batchcast.application.port.out;

import io.batchcast.domain.OrderStatus;
import java.util.Objects;

/** An order as the venue holds it: its exchange order id and its current status. */
public record VenueOrder(String orderId, OrderStatus status) {

    public VenueOrder {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(status, "status");
    }
}
