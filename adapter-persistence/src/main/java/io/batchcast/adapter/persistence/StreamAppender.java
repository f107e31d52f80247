package io.batchcast.adapter.persistence;

import io.batchcast.domain.EventId;
import io.batchcast.domain.OrderBatchEvent;
import io.batchcast.domain.OrderHourlySummary;
import io.batchcast.domain.StoredEvent;
import io.batchcast.domain.StreamEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * Appends an event (a batch's, or a closed period's summary) to its stream and to its user's sequence inside the
 * caller's transaction. The user's row
 * ({@code user_streams}) and the stream row are locked and stay locked until commit, so the next append of the user
 * (or of the stream) waits for this one to commit: both sequences are gap-free and commit order equals sequence
 * order, across threads and instances alike. The user's row is locked first (for a whole group by {@link #lockAll},
 * else by {@link #lockUser}), before the transaction touches anything else of the batch, and group members are
 * ordered by user (GroupCommitter), so two transactions never wait for each other in opposite orders on rows that
 * exist (see {@link #lockAll} for users' first events). A row is locked once per transaction: the heads, the
 * event rows and the heads' updates go through the group's {@link WriteSet}. SQLite has no row locks: there the write
 * transaction's database lock, taken at {@code BEGIN IMMEDIATE}, serializes every writer, with the same result.
 */
final class StreamAppender {

    /** The statement every batch runs, unchanged by the summary columns (they stay NULL). */
    private static final String INSERT_BATCH_EVENT = "INSERT INTO events"
            + " (strategy_id, seq, batch_id, user_id, summaries, occurred_at, user_seq) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_SUMMARY = "INSERT INTO events (strategy_id, seq, batch_id, user_id, summaries,"
            + " occurred_at, period_start, batches, user_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final String epoch;
    private final String rowLock;

    StreamAppender(String epoch, Dialect dialect) {
        this.epoch = epoch;
        this.rowLock = dialect.rowLock();
    }

    /** What a group member that appends declares (GroupCommitter's lock): the user and the stream it appends to. */
    record Heads(String userId, long strategyId) {
    }

    /**
     * Locks the sequence rows of every member of a group that declared {@link Heads}, in two statements for the
     * whole group instead of two per member: every user row in key order, then every stream row in key order. The
     * members then find them locked ({@link WriteSet#head}); a row that does not exist yet is left to
     * {@link #append}, which creates it. Taking every user row before any stream row keeps the lock order safe for
     * rows that exist: a stream row is only ever locked by a transaction that holds its owner's row (a strategy has
     * one owner), so no transaction waits for a stream row, and existing user rows are taken in key order by every
     * group. A user row created after these locks (a user's first event) can close a cycle with another instance's
     * group; PostgreSQL aborts one of them after {@code deadlock_timeout}, and its members are then written alone,
     * as for any failed group (docs/persistence.md, "The unit of work").
     */
    void lockAll(Connection connection, WriteSet writes, List<Object> locks) throws SQLException {
        Set<String> users = new TreeSet<>();
        Set<Long> strategies = new TreeSet<>();
        for (Object lock : locks) {
            Heads heads = (Heads) lock;
            users.add(heads.userId());
            strategies.add(heads.strategyId());
        }
        lockRows(connection, writes, "user_streams", "user_id", users, row -> row.getString(1));
        lockRows(connection, writes, "streams", "strategy_id", strategies, row -> row.getLong(1));
    }

    /** Reads a locked row's key, as the type {@link WriteSet#head} is asked with. */
    @FunctionalInterface
    private interface KeyColumn {
        Object read(ResultSet row) throws SQLException;
    }

    private void lockRows(Connection connection, WriteSet writes, String table, String keyColumn, Set<?> keys,
            KeyColumn readKey) throws SQLException {
        List<Object> unlocked = new ArrayList<>(keys.size());
        for (Object key : keys) {
            if (writes.head(table, keyColumn, key).isEmpty()) {
                unlocked.add(key);
            }
        }
        if (unlocked.isEmpty()) {
            return;
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT " + keyColumn + ", head_seq FROM " + table
                + " WHERE " + keyColumn + " IN (" + String.join(", ", Collections.nCopies(unlocked.size(), "?"))
                + ") ORDER BY " + keyColumn + rowLock)) {
            for (int i = 0; i < unlocked.size(); i++) {
                select.setObject(i + 1, unlocked.get(i));
            }
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    writes.locked(table, keyColumn, readKey.read(row), row.getLong(2));
                }
            }
        }
    }

    /** Locks the user's sequence row (creating it at 0 for the user's first event) and returns its head. */
    long lockUser(Connection connection, WriteSet writes, String userId) throws SQLException {
        return lock(connection, writes, "user_streams", "user_id", userId);
    }

    /**
     * Appends the event: locks its stream row (unless this transaction did already), takes the next number of the
     * stream and of the user's sequence, and queues the event's row and the heads' updates in {@code writes}.
     * {@code userHead} is what {@link #lockUser} returned in this transaction.
     */
    StoredEvent append(Connection connection, WriteSet writes, StreamEvent event, long userHead) throws SQLException {
        long strategyId = event.strategyId();
        long seq = lock(connection, writes, "streams", "strategy_id", strategyId) + 1;
        long userSeq = userHead + 1;
        writes.advance("streams", "strategy_id", strategyId, seq);
        writes.advance("user_streams", "user_id", event.userId(), userSeq);
        switch (event) {
            case OrderBatchEvent batch -> writes.add(WriteSet.Rank.EVENTS, INSERT_BATCH_EVENT, insert -> {
                insert.setLong(1, batch.strategyId());
                insert.setLong(2, seq);
                insert.setString(3, batch.batchId());
                insert.setString(4, batch.userId());
                insert.setString(5, SummaryCodec.encode(batch.summaries()));
                Columns.setInstant(insert, 6, batch.timestamp());
                insert.setLong(7, userSeq);
            });
            case OrderHourlySummary summary -> writes.add(WriteSet.Rank.EVENTS, INSERT_SUMMARY, insert -> {
                insert.setLong(1, summary.strategyId());
                insert.setLong(2, seq);
                insert.setNull(3, Types.VARCHAR);
                insert.setString(4, summary.userId());
                insert.setString(5, SummaryCodec.encodeStatistics(summary.period().orderTypes()));
                Columns.setInstant(insert, 6, summary.timestamp());
                Columns.setInstant(insert, 7, summary.period().start());
                insert.setInt(8, summary.period().batches());
                insert.setLong(9, userSeq);
            });
        }
        return new StoredEvent(new EventId(epoch, seq), event, userSeq);
    }

    /** The head as this transaction left it, locking the row first if this transaction has not. */
    private long lock(Connection connection, WriteSet writes, String table, String keyColumn, Object key)
            throws SQLException {
        OptionalLong held = writes.head(table, keyColumn, key);
        if (held.isPresent()) {
            return held.getAsLong();
        }
        long head = lockHead(connection, table, keyColumn, key);
        writes.locked(table, keyColumn, key, head);
        return head;
    }

    /** Locks the row and returns its head; creates the row (head 0) for its first event. */
    private long lockHead(Connection connection, String table, String keyColumn, Object key)
            throws SQLException {
        OptionalLong head = selectHeadForUpdate(connection, table, keyColumn, key);
        if (head.isPresent()) {
            return head.getAsLong();
        }
        // Two first appends may race to create the row; the loser's insert fails, and PostgreSQL would then abort
        // the whole transaction, so the insert runs under a savepoint and the loser locks the winner's row.
        Savepoint beforeInsert = connection.setSavepoint();
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + table + " (" + keyColumn + ", head_seq) VALUES (?, 0)")) {
            insert.setObject(1, key);
            insert.executeUpdate();
            connection.releaseSavepoint(beforeInsert);
            return 0;
        } catch (SQLException e) {
            if (!UniqueViolation.is(e)) {
                throw e;
            }
            connection.rollback(beforeInsert);
            return selectHeadForUpdate(connection, table, keyColumn, key)
                    .orElseThrow(() -> new SQLException(table + " row " + key + " vanished while appending", e));
        }
    }

    private OptionalLong selectHeadForUpdate(Connection connection, String table, String keyColumn, Object key)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT head_seq FROM " + table + " WHERE " + keyColumn + " = ?" + rowLock)) {
            select.setObject(1, key);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? OptionalLong.of(row.getLong(1)) : OptionalLong.empty();
            }
        }
    }
}
