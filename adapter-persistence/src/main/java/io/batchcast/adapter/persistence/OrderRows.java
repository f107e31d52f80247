package io.batchcast.adapter.persistence;

import io.batchcast.domain.NewOrder;
import io.batchcast.domain.Order;
import io.batchcast.domain.OrderStatus;
import io.batchcast.domain.OrderType;
import io.batchcast.domain.Side;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** Maps orders to rows of the {@code orders} table and back. */
final class OrderRows {

    static final String COLUMNS = "order_id, strategy_id, client_order_id, symbol, side, order_type, quantity, price,"
            + " stop_price, status, created_at, updated_at";

    private OrderRows() {
    }

    static void checkLimits(Order order) {
        ColumnLimits.check("orderId", order.orderId(), ColumnLimits.ID);
        ColumnLimits.check("clientOrderId", order.clientOrderId(), ColumnLimits.ID);
        ColumnLimits.check("symbol", order.spec().symbol(), ColumnLimits.SYMBOL);
    }

    /**
     * Inserts the orders placed by this batch and updates the status of the others (orders it cancelled). Rows are
     * touched in order-id order so that two batches changing the same orders lock them in the same order and cannot
     * deadlock. An order to update that is not there fails the write, and with it the batch's transaction.
     */
    static void write(Connection connection, List<Order> orders, Set<String> placedOrderIds) throws SQLException {
        List<Order> placed = new ArrayList<>();
        List<Order> changed = new ArrayList<>();
        for (Order order : orders.stream().sorted(Comparator.comparing(Order::orderId)).toList()) {
            (placedOrderIds.contains(order.orderId()) ? placed : changed).add(order);
        }
        insert(connection, placed);
        if (changed.isEmpty()) {
            return;
        }
        int[] updated = updateStatus(connection, changed);
        for (int i = 0; i < updated.length; i++) {
            if (updated[i] != 1) {
                throw new IllegalStateException("order " + changed.get(i).orderId() + " of strategy "
                        + changed.get(i).strategyId() + " is not stored: only orders placed in this batch are new");
            }
        }
    }

    private static int[] updateStatus(Connection connection, List<Order> orders) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE orders SET status = ?, updated_at = ? WHERE strategy_id = ? AND order_id = ?")) {
            for (Order order : orders) {
                update.setString(1, order.status().name());
                Columns.setInstant(update, 2, order.updatedAt());
                update.setLong(3, order.strategyId());
                update.setString(4, order.orderId());
                update.addBatch();
            }
            return update.executeBatch();
        }
    }

    private static void insert(Connection connection, List<Order> orders) throws SQLException {
        if (orders.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO orders (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Order order : orders) {
                NewOrder spec = order.spec();
                insert.setString(1, order.orderId());
                insert.setLong(2, order.strategyId());
                insert.setString(3, spec.clientOrderId().isEmpty() ? null : spec.clientOrderId());
                insert.setString(4, spec.symbol());
                insert.setString(5, spec.side().name());
                insert.setString(6, spec.type().name());
                Columns.setDecimal(insert, 7, spec.quantity());
                Columns.setDecimal(insert, 8, spec.price());
                Columns.setDecimal(insert, 9, spec.stopPrice());
                insert.setString(10, order.status().name());
                Columns.setInstant(insert, 11, order.createdAt());
                Columns.setInstant(insert, 12, order.updatedAt());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    static Order read(ResultSet row) throws SQLException {
        String clientOrderId = row.getString("client_order_id");
        NewOrder spec = new NewOrder(
                clientOrderId == null ? "" : clientOrderId,
                row.getString("symbol"),
                Side.valueOf(row.getString("side")),
                OrderType.valueOf(row.getString("order_type")),
                Columns.getDecimal(row, "quantity"),
                Columns.getDecimal(row, "price"),
                Columns.getDecimal(row, "stop_price"));
        return new Order(row.getString("order_id"), row.getLong("strategy_id"), spec,
                OrderStatus.valueOf(row.getString("status")), Columns.getInstant(row, "created_at"),
                Columns.getInstant(row, "updated_at"));
    }
}
