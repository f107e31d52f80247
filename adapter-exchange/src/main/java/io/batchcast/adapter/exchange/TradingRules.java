package io.batchcast.adapter.exchange;

import io.batchcast.domain.NewOrder;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The paper exchange's deterministic pre-trade checks. They exist so that tests and demos can provoke per-operation
 * EXCHANGE_REJECTED outcomes on purpose; each message names the rule that refused the order.
 */
public final class TradingRules {

    private final Set<String> allowedSymbols;
    private final String allowedList;
    private final BigDecimal maxNotional;

    public TradingRules(PaperExchangeSettings settings) {
        this.allowedSymbols = settings.allowedSymbols();
        this.allowedList = String.join(", ", new TreeSet<>(allowedSymbols));
        this.maxNotional = settings.maxNotional();
    }

    /** Why the order is refused, or empty when it may trade. */
    public Optional<String> violation(NewOrder order) {
        if (!allowedSymbols.isEmpty() && !allowedSymbols.contains(order.symbol())) {
            return Optional.of("symbol allow-list: " + order.symbol() + " is not tradable here (allowed: "
                    + allowedList + ")");
        }
        BigDecimal referencePrice = referencePrice(order);
        if (maxNotional != null && referencePrice != null) {
            BigDecimal notional = referencePrice.multiply(order.quantity());
            if (notional.compareTo(maxNotional) > 0) {
                return Optional.of("max notional: " + notional.toPlainString() + " (price "
                        + referencePrice.toPlainString() + " x quantity " + order.quantity().toPlainString()
                        + ") exceeds the limit " + maxNotional.toPlainString());
            }
        }
        return Optional.empty();
    }

    /**
     * The price the order would trade at: its limit price, else (STOP_MARKET) its trigger price. A MARKET order has
     * none, because a paper exchange has no market data, so the notional limit cannot apply to it.
     */
    private static BigDecimal referencePrice(NewOrder order) {
        return order.price() != null ? order.price() : order.stopPrice();
    }
}
