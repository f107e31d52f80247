package io.batchcast.domain;

import java.math.BigDecimal;
import java.util.Objects;

/** A validated request to create one order. Prices are present exactly when the order type takes them. */
public record NewOrder(
        String clientOrderId,
        String symbol,
        Side side,
        OrderType type,
        BigDecimal quantity,
        BigDecimal price,
        BigDecimal stopPrice) {

    public NewOrder {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(type, "type");
        requirePositive("quantity", quantity);
        if (type.takesPrice()) {
            requirePositive("price", price);
        } else if (price != null) {
            throw new IllegalArgumentException(type + " takes no price");
        }
        if (type.takesStopPrice()) {
            requirePositive("stopPrice", stopPrice);
        } else if (stopPrice != null) {
            throw new IllegalArgumentException(type + " takes no stop price");
        }
    }

    private static void requirePositive(String field, BigDecimal value) {
        if (value == null || value.signum() <= 0) {
            throw new IllegalArgumentException(field + " must be positive, was " + value);
        }
    }

    /** Price times quantity for priced orders; {@code null} for orders without a limit price. */
    public BigDecimal notional() {
        return price == null ? null : price.multiply(quantity);
    }
}
