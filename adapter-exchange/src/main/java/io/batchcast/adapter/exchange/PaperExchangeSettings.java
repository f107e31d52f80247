package io.batchcast.adapter.exchange;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * How the paper exchange behaves. Bootstrap maps configuration onto it; tests and demos use the withers.
 *
 * @param latency           slept at the start of every place and cancel call, to simulate the network (0 = none)
 * @param allowedSymbols    the only tradable symbols; empty means every symbol is allowed
 * @param maxNotional       orders whose reference price times quantity exceeds it are rejected; {@code null} = no limit
 * @param closedOrderMemory how many filled or cancelled orders are remembered (oldest forgotten first), so that
 *                          cancelling them again says ALREADY_CANCELLED or NOT_CANCELLABLE instead of UNKNOWN_ORDER;
 *                          0 to {@link #MAX_CLOSED_ORDER_MEMORY} (requests are remembered four times as many)
 */
public record PaperExchangeSettings(
        Duration latency, Set<String> allowedSymbols, BigDecimal maxNotional, int closedOrderMemory) {

    public static final int DEFAULT_CLOSED_ORDER_MEMORY = 100_000;
    /** The largest {@code closedOrderMemory}: requests are remembered four times as long, up to 16,777,216. */
    public static final int MAX_CLOSED_ORDER_MEMORY = RequestLog.MAX_CAPACITY / OrderBook.REQUESTS_PER_CLOSED_ORDER;

    public PaperExchangeSettings {
        Objects.requireNonNull(latency, "latency");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must be >= 0, was " + latency);
        }
        allowedSymbols = Set.copyOf(allowedSymbols);
        if (maxNotional != null && maxNotional.signum() <= 0) {
            throw new IllegalArgumentException("maxNotional must be positive (or absent for no limit), was "
                    + maxNotional.toPlainString());
        }
        if (closedOrderMemory < 0 || closedOrderMemory > MAX_CLOSED_ORDER_MEMORY) {
            throw new IllegalArgumentException("closedOrderMemory must be 0-" + MAX_CLOSED_ORDER_MEMORY + ", was "
                    + closedOrderMemory);
        }
    }

    /** No latency, every symbol allowed, no notional limit, 100,000 closed orders remembered. */
    public static PaperExchangeSettings defaults() {
        return new PaperExchangeSettings(Duration.ZERO, Set.of(), null, DEFAULT_CLOSED_ORDER_MEMORY);
    }

    public PaperExchangeSettings withLatency(Duration newLatency) {
        return new PaperExchangeSettings(newLatency, allowedSymbols, maxNotional, closedOrderMemory);
    }

    public PaperExchangeSettings withAllowedSymbols(Collection<String> symbols) {
        return new PaperExchangeSettings(latency, Set.copyOf(symbols), maxNotional, closedOrderMemory);
    }

    public PaperExchangeSettings withMaxNotional(BigDecimal limit) {
        return new PaperExchangeSettings(latency, allowedSymbols, limit, closedOrderMemory);
    }

    public PaperExchangeSettings withClosedOrderMemory(int orders) {
        return new PaperExchangeSettings(latency, allowedSymbols, maxNotional, orders);
    }
}
