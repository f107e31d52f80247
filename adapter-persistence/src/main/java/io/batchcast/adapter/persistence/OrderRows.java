package io.batchcast.adapter.persistence;

import io.batchcast.domain.NewOrder;
import io.batchcast.domain.Order;
import io.batchcast.domain.OrderStatus;
import io.batchcast.domain.OrderType;
import io.batchcast.domain.Side;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** Maps orders to rows of the {@code orders} table and back. */
final class OrderRows {

    static final String COLUMNS = "order_id, strategy_id, client_order_id, symbol, side, order_type, quantity, price,"
            + " stop_price, status, created_at, updated_at";
    private static final String INSERT = "INSERT INTO orders (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE_STATUS =
            "UPDATE orders SET status = ?, updated_at = ? WHERE strategy_id = ? AND order_id = ?";

    private OrderRows() {
    }

    static void checkLimits(Order order) {
        ColumnLimits.check("orderId", order.orderId(), ColumnLimits.ID);
        ColumnLimits.check("clientOrderId", order.clientOrderId(), ColumnLimits.ID);
        ColumnLimits.check("symbol", order.spec().symbol(), ColumnLimits.SYMBOL);
    }

    /**
     * Queues the inserts of the orders placed by this batch and the status updates of the others (orders it
     * cancelled) in the group's write set. Rows are queued in order-id order so that two batches changing the same
     * orders lock them in the same order and cannot deadlock. An order to update that is not there fails the write,
     * and with it the group's transaction (the members are then written alone: only this batch fails).
     */
    static void write(WriteSet writes, List<Order> orders, Set<String> placedOrderIds) {
        for (Order order : orders.stream().sorted(Comparator.comparing(Order::orderId)).toList()) {
            if (placedOrderIds.contains(order.orderId())) {
                writes.add(WriteSet.Rank.ORDER_INSERTS, INSERT, insert -> bindInsert(insert, order));
            } else {
                writes.addPlannedPerExecution(WriteSet.Rank.ORDER_UPDATES, UPDATE_STATUS, update -> {
                    update.setString(1, order.status().name());
                    Columns.setInstant(update, 2, order.updatedAt());
                    update.setLong(3, order.strategyId());
                    update.setString(4, order.orderId());
                }, updated -> {
                    if (updated != 1) {
                        throw new IllegalStateException("order " + order.orderId() + " of strategy "
                                + order.strategyId() + " is not stored: only orders placed in this batch are new");
                    }
                });
            }
        }
    }

    private static void bindInsert(PreparedStatement insert, Order order) throws SQLException {
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
