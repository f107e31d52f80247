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
    private final Dialect dialect;

    JdbcOrderHistory(Transactions transactions, Dialect dialect) {
        this.transactions = transactions;
        this.dialect = dialect;
    }

    /**
     * The page query; its parameters are the strategy id, then (with a cursor) its created_at twice and its order id,
     * then (with a filter) the status, then the limit. "created_at <= ? AND (created_at < ? OR order_id < ?)" rather
     * than a row comparison: every database bounds the index range by its first part, and H2 does not use an index
     * for (a, b) < (?, ?). H2 is told the index: its planner took the foreign-key index on strategy_id (gone since
     * migration 8) instead, and then sorted every order of the strategy for each page; SQLite and PostgreSQL choose it
     * themselves. The ORDER BY names strategy_id (constant here) because H2 sees that an index gives the order only
     * when the ORDER BY matches its columns from the first one; then it reads the page off the index without sorting
     * (OrderHistoryPlanTest checks all three databases).
     */
    static String query(Dialect dialect, boolean afterCursor, boolean statusFilter) {
        return "SELECT " + OrderRows.COLUMNS + " FROM orders"
                + (dialect == Dialect.H2 ? " USE INDEX (orders_newest_first)" : "")
                + " WHERE strategy_id = ?"
                + (afterCursor ? " AND created_at <= ? AND (created_at < ? OR order_id < ?)" : "")
                + (statusFilter ? " AND status = ?" : "")
                + " ORDER BY strategy_id, created_at DESC, order_id DESC LIMIT ?";
    }

    @Override
    public List<Order> newestFirst(
            long strategyId, Optional<OrderStatus> status, Optional<OrderCursor> after, int limit) {
        after.ifPresent(cursor -> ColumnLimits.check("orderId", cursor.orderId(), ColumnLimits.ID));
        String sql = query(dialect, after.isPresent(), status.isPresent());
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
