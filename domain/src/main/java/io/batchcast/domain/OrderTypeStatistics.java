package io.batchcast.domain;

import java.util.Objects;

/** How many operations on orders of one type were created, cancelled and rejected (in a batch, an hour, a period). */
public record OrderTypeStatistics(OrderType orderType, int created, int cancelled, int rejected) {

    public OrderTypeStatistics {
        Objects.requireNonNull(orderType, "orderType");
        if (created < 0 || cancelled < 0 || rejected < 0) {
            throw new IllegalArgumentException(
                    "counts must be >= 0, were " + created + "/" + cancelled + "/" + rejected);
        }
    }

    /** A type appears in statistics only when one of its three counts is non-zero. */
    public boolean isEmpty() {
        return created == 0 && cancelled == 0 && rejected == 0;
    }
}
