package io.batchcast.application.port.out;

import io.batchcast.application.port.in.OrderCursor;
import io.batchcast.domain.Order;
import io.batchcast.domain.OrderStatus;
import java.util.List;
import java.util.Optional;

/** Reads a strategy's orders back, newest first: by creation time, then by order id, both descending. */
@FunctionalInterface
public interface OrderHistory {

    /** At most {@code limit} orders after {@code after} (from the newest when empty), only {@code status} if given. */
    List<Order> newestFirst(long strategyId, Optional<OrderStatus> status, Optional<OrderCursor> after, int limit);
}
