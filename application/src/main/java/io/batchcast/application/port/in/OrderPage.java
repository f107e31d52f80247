package io.batchcast.application.port.in;

import io.batchcast.domain.Order;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A page of orders, newest first, and where the next page starts: empty when this is the last page. */
public record OrderPage(List<Order> orders, Optional<OrderCursor> next) {

    public OrderPage {
        orders = List.copyOf(orders);
        Objects.requireNonNull(next, "next");
    }
}
