package io.batchcast.benchmark.store;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.TreeSet;

/**
 * Writes 10-operation batches the way the server records a batch that had no intent (JdbcBatchRecorder with
 * BatchRows, OrderRows, StreamAppender and StatisticsRows), statement for statement, in groups of {@code n} batches
 * per transaction, and makes each group's commit durable before the next group starts. Statements are prepared per
 * use, as the server's code does (H2 and the PostgreSQL driver cache them per connection; sqlite-jdbc does not).
 */
final class BatchWriter {

    static final int STRATEGIES = 8;
    static final int STRATEGIES_PER_USER = 4;
    static final int ORDERS_PER_BATCH = 10;
    private static final String HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final BigDecimal QUANTITY = new BigDecimal("0.015");
    private static final BigDecimal PRICE = new BigDecimal("64123.45");

    private final StoreKind kind;
    private final Connection connection;
    private final long[] heads = new long[STRATEGIES + 1];
    private final long[] userHeads = new long[STRATEGIES / STRATEGIES_PER_USER];
    private final boolean vacuumAfterPrune;
    private long written;

    /** Creates the strategies and their sequence rows, as the server has them after their first batch. */
    BatchWriter(StoreKind kind, Connection connection) throws SQLException {
        this.kind = kind;
        this.connection = connection;
        this.vacuumAfterPrune = kind == StoreKind.POSTGRESQL && autovacuumOff(connection);
        Instant now = Instant.now();
        for (int strategy = 1; strategy <= STRATEGIES; strategy++) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO strategies (id, user_id, name, created_at) VALUES (?, ?, ?, ?)")) {
                insert.setLong(1, strategy);
                insert.setString(2, user(strategy));
                insert.setString(3, "strategy " + strategy);
                kind.setTime(insert, 4, now);
                insert.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO streams (strategy_id, head_seq) VALUES (?, 0)")) {
                insert.setLong(1, strategy);
                insert.executeUpdate();
            }
        }
        for (int user = 0; user < userHeads.length; user++) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO user_streams (user_id, head_seq) VALUES (?, 0)")) {
                insert.setString(1, "user-" + user);
                insert.executeUpdate();
            }
        }
        commit();
    }

    private static boolean autovacuumOff(Connection connection) throws SQLException {
        try (Statement show = connection.createStatement(); ResultSet row = show.executeQuery("SHOW autovacuum")) {
            row.next();
            return "off".equals(row.getString(1));
        }
    }

    static long strategyOf(long batch) {
        return batch % STRATEGIES + 1;
    }

    private static String user(long strategy) {
        return "user-" + (strategy - 1) / STRATEGIES_PER_USER;
    }

    /** Batch ids sort by batch number, so retention can delete the oldest receipts by range. */
    static String batchId(long batch) {
        return String.format("%08x-0000-4000-8000-%012d", batch >>> 32, batch & 0xffffffffL);
    }

    long written() {
        return written;
    }

    /** The sequence number the last batch of {@code strategy} got. */
    long head(long strategy) {
        return heads[(int) strategy];
    }

    /** Writes {@code size} batches in one transaction, commits it and makes the commit durable. */
    void writeGroup(int size) throws SQLException {
        Instant now = Instant.now();
        TreeSet<Long> strategies = new TreeSet<>();
        for (int i = 0; i < size; i++) {
            long batch = written + i;
            strategies.add(strategyOf(batch));
            writeBatch(batch, now);
        }
        // the group's statistics, one upsert per strategy and order type (StatisticsRows)
        Instant bucket = now.truncatedTo(ChronoUnit.HOURS);
        try (PreparedStatement upsert = connection.prepareStatement(StoreSchema.upsertBatches(kind))) {
            for (long strategy : strategies) {
                upsert.setLong(1, strategy);
                kind.setTime(upsert, 2, bucket);
                upsert.setInt(3, (int) (size / strategies.size()));
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
        try (PreparedStatement upsert = connection.prepareStatement(StoreSchema.upsertOrderTypes(kind))) {
            for (long strategy : strategies) {
                upsert.setLong(1, strategy);
                kind.setTime(upsert, 2, bucket);
                upsert.setString(3, "LIMIT");
                upsert.setInt(4, ORDERS_PER_BATCH * size / strategies.size());
                upsert.setInt(5, 0);
                upsert.setInt(6, 0);
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
        commit();
        written += size;
    }

    private void writeBatch(long batch, Instant now) throws SQLException {
        long strategy = strategyOf(batch);
        String user = user(strategy);
        String batchId = batchId(batch);
        long userHead = selectHead("SELECT head_seq FROM user_streams WHERE user_id = ?" + kind.forUpdate(), user);
        String results = results(batch);
        // BatchRows.complete: no intent to settle, not recorded yet, so the completed batch is inserted
        try (PreparedStatement update = connection.prepareStatement("UPDATE batches SET state = ?, completed_at = ?,"
                + " results = ? WHERE batch_id = ? AND state = ?")) {
            update.setString(1, "COMPLETED");
            kind.setTime(update, 2, now);
            update.setString(3, results);
            update.setString(4, batchId);
            update.setString(5, "INTENT");
            if (update.executeUpdate() != 0) {
                throw new IllegalStateException("batch " + batchId + " had an intent");
            }
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT state FROM batches WHERE batch_id = ?")) {
            select.setString(1, batchId);
            try (ResultSet row = select.executeQuery()) {
                if (row.next()) {
                    throw new IllegalStateException("batch " + batchId + " is recorded already");
                }
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO batches (batch_id, user_id,"
                + " strategy_id, request_id, request_hash, state, completed_at, results) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, batchId);
            insert.setString(2, user);
            insert.setLong(3, strategy);
            insert.setString(4, "req-" + batch);
            insert.setString(5, HASH);
            insert.setString(6, "COMPLETED");
            kind.setTime(insert, 7, now);
            insert.setString(8, results);
            insert.executeUpdate();
        }
        insertOrders(batch, strategy, now);
        long seq = selectHead("SELECT head_seq FROM streams WHERE strategy_id = ?" + kind.forUpdate(), strategy) + 1;
        long userSeq = userHead + 1;
        setHead("UPDATE streams SET head_seq = ? WHERE strategy_id = ?", seq, strategy);
        setHead("UPDATE user_streams SET head_seq = ? WHERE user_id = ?", userSeq, user);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO events"
                + " (strategy_id, seq, batch_id, user_id, summaries, occurred_at, user_seq)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, strategy);
            insert.setLong(2, seq);
            insert.setString(3, batchId);
            insert.setString(4, user);
            insert.setString(5, "LIMIT:10:0");
            kind.setTime(insert, 6, now);
            insert.setLong(7, userSeq);
            insert.executeUpdate();
        }
        try (PreparedStatement update =
                connection.prepareStatement("UPDATE batches SET event_seq = ? WHERE batch_id = ?")) {
            update.setLong(1, seq);
            update.setString(2, batchId);
            update.executeUpdate();
        }
        heads[(int) strategy] = seq;
        userHeads[(int) ((strategy - 1) / STRATEGIES_PER_USER)] = userSeq;
    }

    private void insertOrders(long batch, long strategy, Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO orders (order_id, strategy_id,"
                + " client_order_id, symbol, side, order_type, quantity, price, stop_price, status, created_at,"
                + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < ORDERS_PER_BATCH; i++) {
                insert.setString(1, orderId(batch, i));
                insert.setLong(2, strategy);
                insert.setString(3, "c-" + batch + "-" + i);
                insert.setString(4, "BTC-USDT");
                insert.setString(5, i % 2 == 0 ? "BUY" : "SELL");
                insert.setString(6, "LIMIT");
                kind.setDecimal(insert, 7, QUANTITY);
                kind.setDecimal(insert, 8, PRICE);
                insert.setNull(9, java.sql.Types.DECIMAL);
                insert.setString(10, "OPEN");
                kind.setTime(insert, 11, now);
                kind.setTime(insert, 12, now);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** A paper-exchange order id: a UUID. */
    private static String orderId(long batch, int index) {
        return String.format("%08x-%04x-4000-8000-%012d", batch >>> 16, batch & 0xffff, index);
    }

    /** The results column as BatchJson writes it for ten CREATED operations. */
    private static String results(long batch) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < ORDERS_PER_BATCH; i++) {
            json.append(i == 0 ? "" : ",").append("{\"outcome\":\"CREATED\",\"order_id\":\"").append(orderId(batch, i))
                    .append("\",\"client_order_id\":\"c-").append(batch).append('-').append(i)
                    .append("\",\"order_type\":\"LIMIT\"}");
        }
        return json.append(']').toString();
    }

    /**
     * Retention: deletes what is older than {@code cutoff} batches (the batch numbers below it), as the pruners do:
     * each stream's events up to {@code lastSeq[strategy]} with its pruning mark, the receipts, and the orders created
     * before {@code cutoffTime} (the server keeps orders; the measurement deletes them too, or no store could stay
     * bounded). One transaction; the next group's sync makes it durable.
     */
    void prune(long cutoff, long[] lastSeq, Instant cutoffTime) throws SQLException {
        for (int strategy = 1; strategy <= STRATEGIES; strategy++) {
            if (lastSeq[strategy] == 0) {
                continue;
            }
            try (PreparedStatement mark = connection.prepareStatement("UPDATE streams SET pruned_user_seq ="
                    + " COALESCE((SELECT MAX(user_seq) FROM events WHERE strategy_id = ? AND seq <= ?), pruned_user_seq)"
                    + " WHERE strategy_id = ?")) {
                mark.setLong(1, strategy);
                mark.setLong(2, lastSeq[strategy]);
                mark.setLong(3, strategy);
                mark.executeUpdate();
            }
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM events WHERE strategy_id = ? AND seq <= ?")) {
                delete.setLong(1, strategy);
                delete.setLong(2, lastSeq[strategy]);
                delete.executeUpdate();
            }
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM orders WHERE strategy_id = ? AND created_at < ?")) {
                delete.setLong(1, strategy);
                kind.setTime(delete, 2, cutoffTime);
                delete.executeUpdate();
            }
        }
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM batches WHERE state = 'COMPLETED' AND batch_id < ?")) {
            delete.setString(1, batchId(cutoff));
            delete.executeUpdate();
        }
        connection.commit();
        if (vacuumAfterPrune) {
            connection.setAutoCommit(true);
            try (Statement vacuum = connection.createStatement()) {
                vacuum.execute("VACUUM orders, events, batches");
            }
            connection.setAutoCommit(false);
        }
    }

    /**
     * PostgreSQL with autovacuum off (as a test server may be) never reuses the space of deleted rows: the
     * measurement then vacuums the pruned tables after each prune, standing in for autovacuum.
     */
    boolean vacuumsAfterPrune() {
        return vacuumAfterPrune;
    }

    private long selectHead(String sql, Object key) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, key);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private void setHead(String sql, long head, Object key) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            update.setLong(1, head);
            update.setObject(2, key);
            update.executeUpdate();
        }
    }

    private void commit() throws SQLException {
        connection.commit();
        String sync = kind.syncAfterCommit();
        if (!sync.isEmpty()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(sync);
            }
        }
    }
}
