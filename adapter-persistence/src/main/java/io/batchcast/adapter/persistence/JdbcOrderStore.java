package io.batchcast.adapter.persistence;

import io.batchcast.application.port.out.OrderStore;
import io.batchcast.domain.Order;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads a strategy's orders through the primary key and the unique (strategy_id, client_order_id) index. */
final class JdbcOrderStore implements OrderStore {

    /** Client order ids per IN list; a batch may name up to 1,000, and drivers handle a few hundred parameters best. */
    private static final int IN_LIST_SIZE = 250;

    private final Transactions transactions;

    JdbcOrderStore(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public Optional<Order> findByOrderId(long strategyId, String orderId) {
        return findOne("finding an order", "order_id", strategyId, orderId);
    }

    @Override
    public Optional<Order> findByClientOrderId(long strategyId, String clientOrderId) {
        if (clientOrderId == null || clientOrderId.isEmpty()) {
            return Optional.empty(); // stored as NULL: "no client order id" never names an order
        }
        return findOne("finding an order by client order id", "client_order_id", strategyId, clientOrderId);
    }

    @Override
    public Set<String> usedClientOrderIds(long strategyId, Collection<String> clientOrderIds) {
        List<String> wanted = clientOrderIds.stream().filter(id -> id != null && !id.isEmpty()).distinct().toList();
        if (wanted.isEmpty()) {
            return Set.of();
        }
        return transactions.autoCommit("checking client order ids", connection -> {
            Set<String> used = new HashSet<>();
            for (int from = 0; from < wanted.size(); from += IN_LIST_SIZE) {
                used.addAll(usedAmong(connection, strategyId, wanted.subList(from,
                        Math.min(wanted.size(), from + IN_LIST_SIZE))));
            }
            return Set.copyOf(used);
        });
    }

    private Optional<Order> findOne(String what, String column, long strategyId, String id) {
        return transactions.autoCommit(what, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + OrderRows.COLUMNS
                    + " FROM orders WHERE strategy_id = ? AND " + column + " = ?")) {
                select.setLong(1, strategyId);
                select.setString(2, id);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(OrderRows.read(row)) : Optional.empty();
                }
            }
        });
    }

    private static Set<String> usedAmong(Connection connection, long strategyId, List<String> ids)
            throws SQLException {
        String placeholders = String.join(", ", Collections.nCopies(ids.size(), "?"));
        try (PreparedStatement select = connection.prepareStatement("SELECT client_order_id FROM orders"
                + " WHERE strategy_id = ? AND client_order_id IN (" + placeholders + ")")) {
            select.setLong(1, strategyId);
            for (int i = 0; i < ids.size(); i++) {
                select.setString(i + 2, ids.get(i));
            }
            Set<String> used = new HashSet<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    used.add(row.getString(1));
                }
            }
            return used;
        }
    }
}
