package io.batchcast.adapter.persistence;

import io.batchcast.application.port.in.OrderCursor;
import io.batchcast.application.port.out.OrderHistory;
import io.batchcast.domain.Order;
import io.batchcast.domain.OrderStatus;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A strategy's orders newest first, as a range read of the {@code orders_newest_first} index (strategy_id,
 * created_at, order_id) from its newest end. A page continues after its cursor by keyset, never by offset, so a page
 * costs the same however deep it is and orders placed meanwhile neither repeat nor shift the pages.
 */
final class JdbcOrderHistory implements OrderHistory {

    private final Transactions transactions;

    JdbcOrderHistory(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public List<Order> newestFirst(
            long strategyId, Optional<OrderStatus> status, Optional<OrderCursor> after, int limit) {
        after.ifPresent(cursor -> ColumnLimits.check("orderId", cursor.orderId(), ColumnLimits.ID));
        // "created_at <= ? AND (created_at < ? OR order_id < ?)" rather than a row comparison: both databases bound
        // the index range by its first part, and H2 does not use an index for (a, b) < (?, ?).
        String sql = "SELECT " + OrderRows.COLUMNS + " FROM orders WHERE strategy_id = ?"
                + (after.isPresent() ? " AND created_at <= ? AND (created_at < ? OR order_id < ?)" : "")
                + (status.isPresent() ? " AND status = ?" : "")
                + " ORDER BY created_at DESC, order_id DESC LIMIT ?";
        return transactions.autoCommit("listing the orders of strategy " + strategyId, connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                int p = 1;
                select.setLong(p++, strategyId);
                if (after.isPresent()) {
                    Columns.setInstant(select, p++, after.get().createdAt());
                    Columns.setInstant(select, p++, after.get().createdAt());
                    select.setString(p++, after.get().orderId());
                }
                if (status.isPresent()) {
                    select.setString(p++, status.get().name());
                }
                select.setInt(p, limit);
                List<Order> orders = new ArrayList<>(Math.min(limit, 1_024));
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        orders.add(OrderRows.read(row));
                    }
                }
                return orders;
            }
        });
    }
}
