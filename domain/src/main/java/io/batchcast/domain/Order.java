package io.batchcast.domain;

import java.time.Instant;
import java.util.Objects;

/** An order Batchcast placed for a strategy, with the id the exchange gave it. */
public record Order(String orderId, long strategyId, NewOrder spec, OrderStatus status, Instant updatedAt) {

    public Order {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public String clientOrderId() {
        return spec.clientOrderId();
    }

    public OrderType type() {
        return spec.type();
    }

    public Order withStatus(OrderStatus newStatus, Instant at) {
        return new Order(orderId, strategyId, spec, newStatus, at);
    }
}
