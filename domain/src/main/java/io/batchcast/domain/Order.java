package io.batchcast.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * An order Batchcast placed for a strategy, with the id the exchange gave it: when it was placed and when its status
 * last changed (the same instant for an order that never changed).
 */
public record Order(
        String orderId, long strategyId, NewOrder spec, OrderStatus status, Instant createdAt, Instant updatedAt) {

    public Order {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** An order as placed at {@code placedAt}: created and last updated then. */
    public Order(String orderId, long strategyId, NewOrder spec, OrderStatus status, Instant placedAt) {
        this(orderId, strategyId, spec, status, placedAt, placedAt);
    }

    public String clientOrderId() {
        return spec.clientOrderId();
    }

    public OrderType type() {
        return spec.type();
    }

    public Order withStatus(OrderStatus newStatus, Instant at) {
        return new Order(orderId, strategyId, spec, newStatus, createdAt, at);
    }
}
