package io.batchcast.application.port.out;

import io.batchcast.domain.NewOrder;

/**
 * The exchange. Calls may block (network latency) and are made from virtual threads, many at once; implementations
 * must be thread-safe. Throwing means the exchange could not be reached; the operation is then rejected.
 */
public interface OrderExecutionPort {

    /** Places an order for the strategy; the accepted report carries the exchange's order id. */
    ExecutionReport place(long strategyId, NewOrder order);

    /** Cancels the exchange order {@code orderId} of the strategy. */
    ExecutionReport cancel(long strategyId, String orderId);
}
