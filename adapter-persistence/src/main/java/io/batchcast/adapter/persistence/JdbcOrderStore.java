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
    private final Dialect dialect;

    JdbcOrderStore(Transactions transactions, Dialect dialect) {
        this.transactions = transactions;
        this.dialect = dialect;
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
            if (dialect == Dialect.POSTGRESQL) {
                return usedOnPostgres(connection, strategyId, wanted);
            }
            Set<String> used = new HashSet<>();
            for (int from = 0; from < wanted.size(); from += IN_LIST_SIZE) {
                used.addAll(usedAmong(connection, strategyId, wanted.subList(from,
                        Math.min(wanted.size(), from + IN_LIST_SIZE))));
            }
            return Set.copyOf(used);
        });
    }

    private Optional<Order> findOne(String what, String column, long strategyId, String id) {
        return transactions.autoCommit(what, connection -> findOn(connection, column, strategyId, id));
    }

    /** The order of a strategy whose {@code column} (order_id or client_order_id) is {@code id}, on {@code connection}. */
    static Optional<Order> findOn(Connection connection, String column, long strategyId, String id)
            throws SQLException {
        try (PreparedStatement select = PlannedPerExecution.prepare(connection, "SELECT " + OrderRows.COLUMNS
                + " FROM orders WHERE strategy_id = ? AND " + column + " = ?")) {
            select.setLong(1, strategyId);
            select.setString(2, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(OrderRows.read(row)) : Optional.empty();
            }
        }
    }

    private Set<String> usedAmong(Connection connection, long strategyId, List<String> ids)
            throws SQLException {
        // A join against the ids, not "client_order_id IN (...)": H2 turns an IN list into a scan of every order of
        // the strategy (the index is used for strategy_id only), which grew each submit with the strategy's history;
        // the join is one unique-index lookup per id (UsedClientOrderIdsPlanTest: H2 and SQLite; PostgreSQL has its own
        // form below).
        try (PreparedStatement select = connection.prepareStatement(usedClientOrderIdsQuery(dialect, ids.size()))) {
            for (int i = 0; i < ids.size(); i++) {
                select.setString(i + 1, ids.get(i));
            }
            select.setLong(ids.size() + 1, strategyId);
            Set<String> used = new HashSet<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    used.add(row.getString(1));
                }
            }
            return used;
        }
    }

    /**
     * PostgreSQL: one statement for any number of ids, an index lookup per id whatever the planner knows. A join
     * against the ids let the planner pick a hash join that reads every order of the strategy whenever it had no
     * fresh statistics (a new or fast-growing table); the lateral subquery with LIMIT 1 is a lookup per id. Planned
     * at each execution ({@link PlannedPerExecution}), so that no plan made while the table had no statistics stays.
     */
    static final String POSTGRES_USED_CLIENT_ORDER_IDS = "SELECT wanted.id FROM unnest(?::varchar[]) AS wanted(id)"
            + " CROSS JOIN LATERAL (SELECT 1 FROM orders o WHERE o.strategy_id = ? AND o.client_order_id = wanted.id"
            + " LIMIT 1) AS hit";

    static Set<String> usedOnPostgres(Connection connection, long strategyId, List<String> ids)
            throws SQLException {
        try (PreparedStatement select = PlannedPerExecution.prepare(connection, POSTGRES_USED_CLIENT_ORDER_IDS)) {
            select.setArray(1, connection.createArrayOf("varchar", ids.toArray()));
            select.setLong(2, strategyId);
            Set<String> used = new HashSet<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    used.add(row.getString(1));
                }
            }
            return Set.copyOf(used);
        }
    }

    /**
     * Which of {@code count} client order ids (then the strategy id) a strategy used; see {@link #usedAmong}. SQLite
     * names a VALUES list only in a WITH clause, and its planner takes the ids as the outer loop either way.
     */
    static String usedClientOrderIdsQuery(Dialect dialect, int count) {
        if (dialect == Dialect.SQLITE) {
            return "WITH wanted(id) AS (VALUES " + String.join(", ", Collections.nCopies(count, "(?)")) + ")"
                    + " SELECT o.client_order_id FROM wanted JOIN orders o"
                    + " ON o.strategy_id = ? AND o.client_order_id = wanted.id";
        }
        String rows = String.join(", ", Collections.nCopies(count, "(CAST(? AS VARCHAR(255)))"));
        return "SELECT o.client_order_id FROM (VALUES " + rows + ") AS wanted(id)"
                + " JOIN orders o ON o.strategy_id = ? AND o.client_order_id = wanted.id";
    }
}
