package io.batchcast.application.port.in;

import io.batchcast.domain.OrderStatus;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a strategy's orders, newest first: those after {@code after} (from the newest when empty), only
 * those with {@code status} when given, at most {@code pageSize} (1 to {@value #MAX_PAGE_SIZE}).
 */
public record ListOrdersQuery(
        String userId, long strategyId, Optional<OrderStatus> status, Optional<OrderCursor> after, int pageSize) {

    public static final int MAX_PAGE_SIZE = 1_000;

    public ListOrdersQuery {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(after, "after");
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new BatchValidationException(List.of(new FieldViolation("page_size",
                    "must be between 1 and " + MAX_PAGE_SIZE + ", was " + pageSize)));
        }
    }
}
