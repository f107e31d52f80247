package io.batchcast.domain;

/** The order types of the origin design, in the fixed order summaries are reported in. */
public enum OrderType {
    LIMIT(true, false),
    STOP_LIMIT(true, true),
    STOP_MARKET(false, true),
    MARKET(false, false);

    private final boolean takesPrice;
    private final boolean takesStopPrice;

    OrderType(boolean takesPrice, boolean takesStopPrice) {
        this.takesPrice = takesPrice;
        this.takesStopPrice = takesStopPrice;
    }

    /** Whether a limit price is required (and allowed) for this type. */
    public boolean takesPrice() {
        return takesPrice;
    }

    /** Whether a stop (trigger) price is required (and allowed) for this type. */
    public boolean takesStopPrice() {
        return takesStopPrice;
    }
}
