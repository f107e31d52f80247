package io.batchcast.domain;

/** Lifecycle of an order as Batchcast knows it. */
public enum OrderStatus {
    /** Resting on the exchange; can be cancelled. */
    OPEN,
    /** Filled at once (MARKET); can no longer be cancelled. */
    FILLED,
    CANCELLED
}
