package io.batchcast.adapter.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchcast.domain.Order;
import io.batchcast.domain.OrderStatus;
import io.batchcast.domain.Strategy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * The duplicate-client-order-id check looks each id up in the unique index. Its first form, "client_order_id IN
 * (...)", made H2 walk every order of the strategy and compare it with every id (found with JFR in the benchmark:
 * a submit grew with the strategy's history). Each database has its own form; each test pins one.
 */
class UsedClientOrderIdsPlanTest {

    @Test
    void h2LooksUpEveryClientOrderIdInTheUniqueIndexInsteadOfScanningTheStrategy() throws SQLException {
        try (H2TestDatabase database = H2TestDatabase.embedded();
                Persistence persistence = Persistence.open(database.settings(), Clock.systemUTC());
                Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            String query = JdbcOrderStore.usedClientOrderIdsQuery(Dialect.H2, 2).replaceFirst("\\?", "'a'")
                    .replaceFirst("\\?", "'b'").replaceFirst("\\?", "7");
            try (ResultSet plan = statement.executeQuery("EXPLAIN " + query)) {
                plan.next();
                String text = plan.getString(1).replaceAll("\\s+", " ");
                assertTrue(text.contains("STRATEGY_ID = CAST(7 AS BIGINT) AND CLIENT_ORDER_ID = WANTED.ID */"),
                        text);
            }
        }
    }

    /**
     * The same on H2 once it has statistics (ANALYZE) that do not know the strategy: 200 small strategies when they
     * were taken, then a new strategy with 20,000 orders. Without the foreign key's own index on strategy_id (V8),
     * the unique index is the only one that starts with strategy_id and client_order_id, and each id is one lookup.
     */
    @Test
    void h2LooksUpEveryClientOrderIdInTheUniqueIndexForAStrategyTheStatisticsDoNotKnow() throws SQLException {
        try (H2TestDatabase database = H2TestDatabase.embedded();
                Persistence persistence = Persistence.open(database.settings(), Clock.systemUTC());
                Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO strategies (user_id, name, created_at) SELECT 'u' || x, 'small',"
                    + " CURRENT_TIMESTAMP FROM SYSTEM_RANGE(1, 200)");
            statement.execute("INSERT INTO orders (strategy_id, order_id, client_order_id, symbol, side, order_type,"
                    + " quantity, price, status, created_at, updated_at) SELECT s.id, 'o' || r.x, 'c' || r.x,"
                    + " 'BTC-USD', 'BUY', 'LIMIT', 1, 100, 'OPEN', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP"
                    + " FROM strategies s, SYSTEM_RANGE(1, 100) r");
            statement.execute("ANALYZE");
            long strategy = persistence.strategyStore().create("alice", "Grid BTC", TradingFixtures.NOON).id();
            statement.execute("INSERT INTO orders (strategy_id, order_id, client_order_id, symbol, side, order_type,"
                    + " quantity, price, status, created_at, updated_at) SELECT " + strategy + ", 'p' || x, 'c' || x,"
                    + " 'BTC-USD', 'BUY', 'LIMIT', 1, 100, 'OPEN', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP"
                    + " FROM SYSTEM_RANGE(1, 20000)");
            List<String> ids = IntStream.rangeClosed(1, 250).mapToObj(i -> "c" + i).toList();
            String query = JdbcOrderStore.usedClientOrderIdsQuery(Dialect.H2, ids.size());
            for (String id : ids) {
                query = query.replaceFirst("\\?", "'" + id + "'");
            }
            String text = plan(statement, query.replaceFirst("\\?", Long.toString(strategy))).replaceAll("\\s+", " ");
            assertTrue(text.contains("PUBLIC.ORDERS_CLIENT_ORDER_ID_UNIQUE_INDEX_") && text.contains("STRATEGY_ID = CAST("
                    + strategy + " AS BIGINT) AND CLIENT_ORDER_ID = WANTED.ID */"), text);
            assertEquals(Set.of("c1", "c2"), persistence.orderStore().usedClientOrderIds(strategy,
                    List.of("c1", "c2", "nope")));
        }
    }

    /**
     * SQLite, with statistics (ANALYZE) taken while the table held 200 small strategies, then a new strategy with
     * 20,000 orders: the ids are the outer loop, each one lookup in the unique index on (strategy_id,
     * client_order_id), never a scan of the strategy's orders.
     */
    @Test
    void sqliteLooksUpEveryClientOrderIdInTheUniqueIndexForAStrategyTheStatisticsDoNotKnow() throws SQLException {
        try (SqliteTestDatabase database = SqliteTestDatabase.create();
                Persistence persistence = database.open();
                Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r WHERE x < 200)"
                    + " INSERT INTO strategies (user_id, name, created_at) SELECT 'u' || x, 'small',"
                    + " '2026-12-01T00:00:00.000000Z' FROM r");
            statement.execute("WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r WHERE x < 100)"
                    + " INSERT INTO orders (strategy_id, order_id, client_order_id, symbol, side, order_type,"
                    + " quantity, price, status, created_at, updated_at) SELECT s.id, 'o' || r.x, 'c' || r.x,"
                    + " 'BTC-USD', 'BUY', 'LIMIT', '1', '100', 'OPEN', '2026-12-01T00:00:00.000000Z',"
                    + " '2026-12-01T00:00:00.000000Z' FROM strategies s, r");
            statement.execute("ANALYZE");
            long strategy = persistence.strategyStore().create("alice", "Grid BTC", TradingFixtures.NOON).id();
            statement.execute("WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r WHERE x < 20000)"
                    + " INSERT INTO orders (strategy_id, order_id, client_order_id, symbol, side, order_type,"
                    + " quantity, price, status, created_at, updated_at) SELECT " + strategy + ", 'p' || x, 'c' || x,"
                    + " 'BTC-USD', 'BUY', 'LIMIT', '1', '100', 'OPEN', '2026-12-01T00:00:00.000000Z',"
                    + " '2026-12-01T00:00:00.000000Z' FROM r");
            List<String> ids = IntStream.rangeClosed(1, 250).mapToObj(i -> "c" + i).toList();
            String query = JdbcOrderStore.usedClientOrderIdsQuery(Dialect.SQLITE, ids.size());
            for (String id : ids) {
                query = query.replaceFirst("\\?", "'" + id + "'");
            }
            String plan = OrderHistoryPlanTest.sqlitePlan(statement,
                    query.replaceFirst("\\?", Long.toString(strategy)));
            assertEquals(List.of("CO-ROUTINE wanted", "SCAN 250 CONSTANT ROWS", "SCAN wanted",
                    "SEARCH o USING COVERING INDEX sqlite_autoindex_orders_2 (strategy_id=? AND client_order_id=?)"),
                    plan.lines().toList());
            assertEquals(Set.of("c1", "c2"), persistence.orderStore().usedClientOrderIds(strategy,
                    List.of("c1", "c2", "nope")));
        }
    }

    /**
     * Statistics taken while the table held 200 small strategies, then a new strategy grew to 50,000 orders: the
     * planner believes the strategy has a few hundred rows. With 250 ids the join form became a hash join that reads
     * every order of the strategy; the lateral form stays one index lookup per id.
     */
    @Test
    void postgresLooksUpEveryClientOrderIdInTheUniqueIndexForAStrategyTheStatisticsDoNotKnow() throws SQLException {
        try (PostgresTestDatabase database = PostgresTestDatabase.create();
                Persistence persistence = database.open();
                Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO strategies (user_id, name, created_at) SELECT 'u' || s, 'small', now()"
                    + " FROM generate_series(1, 200) AS s");
            statement.execute("INSERT INTO orders (strategy_id, order_id, client_order_id, symbol, side, order_type,"
                    + " quantity, price, status, created_at, updated_at) SELECT s.id, 'o' || i, 'c' || i, 'BTC-USD',"
                    + " 'BUY', 'LIMIT', 1, 100, 'OPEN', now(), now() FROM strategies s, generate_series(1, 100) AS i");
            statement.execute("ANALYZE orders");
            long strategy = persistence.strategyStore().create("alice", "Grid BTC", TradingFixtures.NOON).id();
            statement.execute("INSERT INTO orders (strategy_id, order_id, client_order_id, symbol, side, order_type,"
                    + " quantity, price, status, created_at, updated_at) SELECT " + strategy + ", 'p' || i, 'c' || i,"
                    + " 'BTC-USD', 'BUY', 'LIMIT', 1, 100, 'OPEN', now(), now() FROM generate_series(1, 50000) AS i");
            List<String> ids = IntStream.rangeClosed(1, 250).mapToObj(i -> "c" + i).toList();

            String joinForm = JdbcOrderStore.usedClientOrderIdsQuery(Dialect.H2, ids.size());
            for (String id : ids) {
                joinForm = joinForm.replaceFirst("\\?", "'" + id + "'");
            }
            assertTrue(plan(statement, joinForm.replaceFirst("\\?", Long.toString(strategy))).contains("Hash Join"),
                    "the join form this replaced reads the whole strategy here");

            String lateral = plan(statement, JdbcOrderStore.POSTGRES_USED_CLIENT_ORDER_IDS
                    .replaceFirst("\\?", "'{" + String.join(",", ids) + "}'").replaceFirst("\\?", Long.toString(strategy)));
            assertTrue(lateral.contains("Nested Loop") && lateral.contains("Index Only Scan using"
                    + " orders_client_order_id_unique"), lateral);
            assertFalse(lateral.contains("Hash Join") || lateral.contains("Bitmap Heap Scan")
                    || lateral.contains("Seq Scan on orders"), lateral);
            assertEquals(Set.of("c1", "c2"), persistence.orderStore().usedClientOrderIds(strategy,
                    List.of("c1", "c2", "nope")));
        }
    }

    /**
     * A new database, before its first ANALYZE (autovacuum is held off for the test): the driver prepares a statement
     * on the server after five executions, and PostgreSQL then keeps the generic plan it makes at that moment. Made
     * while {@code orders} held one order, that plan walked {@code orders_newest_first} and read every order of the
     * strategy for each id, long after the table had grown (measured in the benchmark: 7.5 ms and 1,700 pages per
     * lookup). Planned at each execution, the lookup and a cancel's status update use the unique index and the
     * primary key once the table has grown, whatever ran while it was nearly empty. Counted with the transaction's own
     * index counts ({@code pg_stat_get_xact_numscans}, {@code pg_stat_get_xact_tuples_returned}), read before and
     * after inside one transaction, which no other session touches.
     */
    @Test
    void postgresLooksUpOrdersByTheirKeysOnANewDatabaseThatWasNeverAnalyzed() throws SQLException {
        List<String> ids = IntStream.rangeClosed(1, 10).mapToObj(i -> "c" + i).toList();
        Map<String, List<Long>> reads = indexReadsOnAGrownTable((connection, strategy) -> {
            assertEquals(Set.of(), JdbcOrderStore.usedOnPostgres(connection, strategy.id(), ids));
            cancel(connection, cancelledX1(strategy));
        }, (connection, strategy) -> {
            assertEquals(Set.copyOf(ids), JdbcOrderStore.usedOnPostgres(connection, strategy.id(), ids));
            cancel(connection, cancelledX1(strategy));
        });
        // [index scans, index entries read]: ten lookups of one entry each, one update of one row
        assertEquals(Map.of("orders_client_order_id_unique", List.of(10L, 10L), "orders_pk", List.of(1L, 1L),
                "orders_newest_first", List.of(0L, 0L)), reads);
    }

    /**
     * The same for finding the one order a cancel names, by its order id and by its client order id: on a table that
     * had one order while the statements were first run (a generic plan made then walked {@code orders_newest_first},
     * which holds order_id as its third column, over every order of the strategy), each lookup reads one entry of the
     * primary key or the unique index once the table has grown.
     */
    @Test
    void postgresFindsTheOrderACancelNamesByItsKeysOnANewDatabaseThatWasNeverAnalyzed() throws SQLException {
        Map<String, List<Long>> reads = indexReadsOnAGrownTable((connection, strategy) -> {
            assertEquals("x1", JdbcOrderStore.findOn(connection, "order_id", strategy.id(), "x1")
                    .orElseThrow().orderId());
            assertEquals("x1", JdbcOrderStore.findOn(connection, "client_order_id", strategy.id(), "cx1")
                    .orElseThrow().orderId());
        }, (connection, strategy) -> {
            assertEquals("p777", JdbcOrderStore.findOn(connection, "order_id", strategy.id(), "p777")
                    .orElseThrow().orderId());
            assertEquals("p778", JdbcOrderStore.findOn(connection, "client_order_id", strategy.id(), "c778")
                    .orElseThrow().orderId());
        });
        // [index scans, index entries read]: one lookup of one entry in each key
        assertEquals(Map.of("orders_client_order_id_unique", List.of(1L, 1L), "orders_pk", List.of(1L, 1L),
                "orders_newest_first", List.of(0L, 0L)), reads);
    }

    @FunctionalInterface
    private interface OnConnection {
        void run(Connection connection, Strategy strategy) throws SQLException;
    }

    /**
     * On a new database whose {@code orders} is never analyzed: runs {@code settle} 20 times (enough for the driver
     * and the server to settle on a plan) while the table holds one order of the strategy (x1, client order id cx1),
     * adds 20,000 orders (p1…p20000, client order ids c1…c20000), and returns the [index scans, index entries read]
     * per index of {@code orders} that one run of {@code measured} causes.
     */
    private static Map<String, List<Long>> indexReadsOnAGrownTable(OnConnection settle, OnConnection measured)
            throws SQLException {
        try (PostgresTestDatabase database = PostgresTestDatabase.create();
                Persistence persistence = database.open();
                Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE orders SET (autovacuum_enabled = false)");
            Strategy strategy = persistence.strategyStore().create("alice", "Grid BTC", TradingFixtures.NOON);
            statement.execute("INSERT INTO orders (strategy_id, order_id, client_order_id, symbol, side, order_type,"
                    + " quantity, price, status, created_at, updated_at) VALUES (" + strategy.id() + ", 'x1', 'cx1',"
                    + " 'BTC-USD', 'BUY', 'LIMIT', 1, 100, 'OPEN', now(), now())");
            for (int run = 0; run < 20; run++) {
                settle.run(connection, strategy);
            }
            statement.execute("INSERT INTO orders (strategy_id, order_id, client_order_id, symbol, side, order_type,"
                    + " quantity, price, status, created_at, updated_at) SELECT " + strategy.id() + ", 'p' || i,"
                    + " 'c' || i, 'BTC-USD', 'BUY', 'LIMIT', 1, 100, 'OPEN', now(), now()"
                    + " FROM generate_series(1, 20000) AS i");

            connection.setAutoCommit(false); // a backend reports its counts only when idle outside a transaction
            Map<String, List<Long>> before = indexReads(statement);
            measured.run(connection, strategy);
            Map<String, List<Long>> after = indexReads(statement);
            connection.rollback();
            Map<String, List<Long>> reads = new TreeMap<>();
            after.forEach((index, counts) -> reads.put(index, List.of(counts.get(0) - before.get(index).get(0),
                    counts.get(1) - before.get(index).get(1))));
            return reads;
        }
    }

    private static Order cancelledX1(Strategy strategy) {
        return TradingFixtures.limitBuy(strategy, "x1", "cx1", "1", "100")
                .withStatus(OrderStatus.CANCELLED, TradingFixtures.NOON.plusSeconds(1));
    }

    /** Per index of {@code orders}: [scans, entries read] counted by this session and not yet reported. */
    private static Map<String, List<Long>> indexReads(Statement statement) throws SQLException {
        Map<String, List<Long>> reads = new TreeMap<>();
        try (ResultSet rows = statement.executeQuery("SELECT c.relname, pg_stat_get_xact_numscans(c.oid),"
                + " pg_stat_get_xact_tuples_returned(c.oid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                + " WHERE i.indrelid = 'orders'::regclass")) {
            while (rows.next()) {
                reads.put(rows.getString(1), List.of(rows.getLong(2), rows.getLong(3)));
            }
        }
        return reads;
    }

    private static void cancel(Connection connection, Order cancelled) throws SQLException {
        WriteSet writes = new WriteSet(false);
        OrderRows.write(writes, List.of(cancelled), Set.of());
        writes.flush(connection);
    }

    /** {@code EXPLAIN} and the rest of the command ({@code query}, which may start with EXPLAIN's options). */
    static String plan(Statement statement, String query) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rows = statement.executeQuery("EXPLAIN " + query)) {
            while (rows.next()) {
                plan.append(rows.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }
}
