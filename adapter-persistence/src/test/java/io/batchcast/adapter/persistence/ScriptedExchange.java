package io.batchcast.adapter.persistence;

import io.batchcast.application.port.out.ExecutionReport;
import io.batchcast.application.port.out.OrderExecutionPort;
import io.batchcast.application.port.out.VenueOrder;
import io.batchcast.domain.NewOrder;
import io.batchcast.domain.OrderStatus;
import io.batchcast.domain.OrderType;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An exchange with rules a test can script: orders on {@value #REFUSED_SYMBOL} are refused, and so are cancels of
 * the orders in {@link #refuseCancels}; everything else is accepted.
 */
final class ScriptedExchange implements OrderExecutionPort {

    static final String REFUSED_SYMBOL = "REFUSED-USD";
    final Set<String> refuseCancels = ConcurrentHashMap.newKeySet();
    private final AtomicInteger orderIds = new AtomicInteger();

    @Override
    public ExecutionReport place(long strategyId, String venueClientOrderId, NewOrder order) {
        if (order.symbol().equals(REFUSED_SYMBOL)) {
            return new ExecutionReport.Rejected("EXCHANGE_REJECTED", "symbol not traded");
        }
        return new ExecutionReport.Accepted("ex-" + orderIds.incrementAndGet(),
                order.type() == OrderType.MARKET ? OrderStatus.FILLED : OrderStatus.OPEN);
    }

    @Override
    public ExecutionReport cancel(long strategyId, String venueClientOrderId, String orderId) {
        if (refuseCancels.contains(orderId)) {
            return new ExecutionReport.Rejected("EXCHANGE_REJECTED", "cancel refused");
        }
        return new ExecutionReport.Accepted(orderId, OrderStatus.CANCELLED);
    }

    @Override
    public Optional<VenueOrder> lookup(long strategyId, String venueClientOrderId) {
        throw new UnsupportedOperationException("every request is answered, nothing to reconcile");
    }
}
