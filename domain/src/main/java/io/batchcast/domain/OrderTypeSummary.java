package io.batchcast.domain;

import java.util.Objects;

/** How many orders of one type a batch created and cancelled. */
public record OrderTypeSummary(OrderType orderType, int created, int cancelled) {

    public OrderTypeSummary {
        Objects.requireNonNull(orderType, "orderType");
        if (created < 0 || cancelled < 0) {
            throw new IllegalArgumentException("counts must be >= 0, were " + created + "/" + cancelled);
        }
    }

    public boolean isEmpty() {
        return created == 0 && cancelled == 0;
    }
}
