package io.batchcast.application.port.in;

import java.time.Instant;
import java.util.Objects;

/** A position in a strategy's orders, newest first: the orders after it are older, or as old with a smaller id. */
public record OrderCursor(Instant createdAt, String orderId) {

    public OrderCursor {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(orderId, "orderId");
    }
}
