package io.batchcast.adapter.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchcast.domain.Order;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A ListOrders page reads the orders_newest_first index from its newest end and stops after the page, on every
 * database, however many orders the strategy has: it neither sorts the strategy's orders nor scans them.
 */
class OrderHistoryPlanTest {

    private static final Instant CURSOR = Instant.parse("2026-12-01T18:00:00Z");

    /** The page query with literal values, for EXPLAIN. */
    private static String page(TestDatabase database, Dialect dialect, long strategyId, boolean afterCursor,
            boolean statusFilter) {
        String query = JdbcOrderHistory.query(dialect, afterCursor, statusFilter)
                .replaceFirst("\\?", Long.toString(strategyId));
        if (afterCursor) {
            String cursor = database.instantLiteral(CURSOR);
            query = query.replaceFirst("\\?", cursor).replaceFirst("\\?", cursor).replaceFirst("\\?", "'p-9'");
        }
        if (statusFilter) {
            query = query.replaceFirst("\\?", "'OPEN'");
        }
        return query.replaceFirst("\\?", "101");
    }

    private static String plan(Statement statement, String query) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rows = statement.executeQuery("EXPLAIN " + query)) {
            while (rows.next()) {
                plan.append(rows.getString(1)).append('\n');
            }
        }
        return plan.toString().replaceAll("[ \\t]+", " ");
    }

    @Test
    void sqliteReadsTheNewestFirstIndexWithoutSorting() throws SQLException {
        try (SqliteTestDatabase database = SqliteTestDatabase.create();
                Persistence persistence = database.open();
                Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            long strategy = persistence.strategyStore().create("alice", "Grid BTC", TradingFixtures.NOON).id();
            statement.execute("WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r WHERE x < 20000)"
                    + " INSERT INTO orders (strategy_id, order_id, client_order_id, symbol, side, order_type,"
                    + " quantity, price, status, created_at, updated_at) SELECT " + strategy + ", 'p-' || x, 'c' || x,"
                    + " 'BTC-USD', 'BUY', 'LIMIT', '1', '100', CASE WHEN x % 3 = 0 THEN 'CANCELLED' ELSE 'OPEN' END,"
                    + " strftime('%Y-%m-%dT%H:%M:%f', 'now', '-' || x || ' seconds') || '000Z',"
                    + " strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z' FROM r");
            statement.execute("ANALYZE");
            for (boolean after : new boolean[] {false, true}) {
                for (boolean status : new boolean[] {false, true}) {
                    String plan = sqlitePlan(statement, page(database, Dialect.SQLITE, strategy, after, status));
                    assertTrue(plan.contains("USING INDEX orders_newest_first"), plan);
                    assertFalse(plan.contains("TEMP B-TREE"), plan);
                }
            }
            assertEquals(List.of("p-1", "p-2"), persistence.orderHistory().newestFirst(strategy, Optional.empty(),
                    Optional.empty(), 2).stream().map(Order::orderId).toList());
        }
    }

    /** SQLite's EXPLAIN QUERY PLAN: one row per step, its text in the fourth column. */
    static String sqlitePlan(Statement statement, String query) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rows = statement.executeQuery("EXPLAIN QUERY PLAN " + query)) {
            while (rows.next()) {
                plan.append(rows.getString(4)).append('\n');
            }
        }
        return plan.toString();
    }

    @Test
    void h2ReadsTheNewestFirstIndexWithoutSorting() throws SQLException {
        try (H2TestDatabase database = H2TestDatabase.embedded();
                Persistence persistence = Persistence.open(database.settings(), Clock.systemUTC());
                Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            long strategy = persistence.strategyStore().create("alice", "Grid BTC", TradingFixtures.NOON).id();
            statement.execute("INSERT INTO orders (strategy_id, order_id, client_order_id, symbol, side, order_type,"
                    + " quantity, price, status, created_at, updated_at) SELECT " + strategy + ", 'p-' || x, 'c' || x,"
                    + " 'BTC-USD', 'BUY', 'LIMIT', 1, 100, CASE WHEN MOD(x, 3) = 0 THEN 'CANCELLED' ELSE 'OPEN' END,"
                    + " DATEADD(SECOND, -x, CURRENT_TIMESTAMP), CURRENT_TIMESTAMP FROM SYSTEM_RANGE(1, 20000)");
            statement.execute("ANALYZE");
            for (boolean after : new boolean[] {false, true}) {
                for (boolean status : new boolean[] {false, true}) {
                    String plan = plan(statement, page(database, Dialect.H2, strategy, after, status));
                    assertTrue(plan.contains("PUBLIC.ORDERS_NEWEST_FIRST"), plan);
                    // H2 notes "index sorted" when the index order is the ORDER BY, so no sort runs
                    assertTrue(plan.contains("/* index sorted */"), plan);
                }
            }
        }
    }

    @Test
    void postgresScansTheNewestFirstIndexForABigStrategy() throws SQLException {
        try (PostgresTestDatabase database = PostgresTestDatabase.create();
                Persistence persistence = database.open();
                Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            long strategy = persistence.strategyStore().create("alice", "Grid BTC", TradingFixtures.NOON).id();
            statement.execute("INSERT INTO orders (strategy_id, order_id, client_order_id, symbol, side, order_type,"
                    + " quantity, price, status, created_at, updated_at) SELECT " + strategy + ", 'p-' || i, 'c' || i,"
                    + " 'BTC-USD', 'BUY', 'LIMIT', 1, 100, CASE WHEN i % 3 = 0 THEN 'CANCELLED' ELSE 'OPEN' END,"
                    + " now() - i * interval '1 second', now() FROM generate_series(1, 50000) AS i");
            statement.execute("ANALYZE orders");
            for (boolean after : new boolean[] {false, true}) {
                for (boolean status : new boolean[] {false, true}) {
                    String plan = plan(statement, page(database, Dialect.POSTGRESQL, strategy, after, status));
                    assertTrue(plan.contains("Index Scan using orders_newest_first on orders"), plan);
                    assertTrue(!plan.contains("Sort"), plan);
                }
            }
        }
    }
}
