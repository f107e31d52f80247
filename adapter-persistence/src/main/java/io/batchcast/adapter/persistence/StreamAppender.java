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
import java.util.OptionalLong;

/**
 * Appends an event (a batch's, or a closed period's summary) to its stream and to its user's sequence inside the
 * caller's transaction. The user's row
 * ({@code user_streams}) and the stream row are locked and stay locked until commit, so the next append of the user
 * (or of the stream) waits for this one to commit: both sequences are gap-free and commit order equals sequence
 * order, across threads and instances alike. The user's row is locked first, by {@link #lockUser}, before the
 * transaction touches anything else of the batch, and group members are ordered by user (GroupCommitter), so two
 * transactions never wait for each other in opposite orders.
 */
final class StreamAppender {

    private static final String UNIQUE_VIOLATION = "23505";

    private final String epoch;

    StreamAppender(String epoch) {
        this.epoch = epoch;
    }

    /** Locks the user's sequence row (creating it at 0 for the user's first event) and returns its head. */
    long lockUser(Connection connection, String userId) throws SQLException {
        return lockHead(connection, "user_streams", "user_id", userId);
    }

    /** Appends the event; {@code userHead} is what {@link #lockUser} returned in this transaction. */
    StoredEvent append(Connection connection, StreamEvent event, long userHead) throws SQLException {
        long strategyId = event.strategyId();
        long seq = lockHead(connection, "streams", "strategy_id", strategyId) + 1;
        long userSeq = userHead + 1;
        setHead(connection, "UPDATE streams SET head_seq = ? WHERE strategy_id = ?", seq, strategyId);
        setHead(connection, "UPDATE user_streams SET head_seq = ? WHERE user_id = ?", userSeq, event.userId());
        switch (event) {
            case OrderBatchEvent batch -> insertBatchEvent(connection, seq, userSeq, batch);
            case OrderHourlySummary summary -> insertSummary(connection, seq, userSeq, summary);
        }
        return new StoredEvent(new EventId(epoch, seq), event, userSeq);
    }

    /** The statement every batch runs, unchanged by the summary columns (they stay NULL). */
    private static void insertBatchEvent(Connection connection, long seq, long userSeq, OrderBatchEvent event)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO events"
                + " (strategy_id, seq, batch_id, user_id, summaries, occurred_at, user_seq)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, event.strategyId());
            insert.setLong(2, seq);
            insert.setString(3, event.batchId());
            insert.setString(4, event.userId());
            insert.setString(5, SummaryCodec.encode(event.summaries()));
            Columns.setInstant(insert, 6, event.timestamp());
            insert.setLong(7, userSeq);
            insert.executeUpdate();
        }
    }

    private static void insertSummary(Connection connection, long seq, long userSeq, OrderHourlySummary summary)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO events (strategy_id, seq, batch_id,"
                + " user_id, summaries, occurred_at, period_start, batches, user_seq)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, summary.strategyId());
            insert.setLong(2, seq);
            insert.setNull(3, Types.VARCHAR);
            insert.setString(4, summary.userId());
            insert.setString(5, SummaryCodec.encodeStatistics(summary.period().orderTypes()));
            Columns.setInstant(insert, 6, summary.timestamp());
            Columns.setInstant(insert, 7, summary.period().start());
            insert.setInt(8, summary.period().batches());
            insert.setLong(9, userSeq);
            insert.executeUpdate();
        }
    }

    private static void setHead(Connection connection, String sql, long head, Object key) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            update.setLong(1, head);
            update.setObject(2, key);
            update.executeUpdate();
        }
    }

    /** Locks the row and returns its head; creates the row (head 0) for its first event. */
    private static long lockHead(Connection connection, String table, String keyColumn, Object key)
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
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            connection.rollback(beforeInsert);
            return selectHeadForUpdate(connection, table, keyColumn, key)
                    .orElseThrow(() -> new SQLException(table + " row " + key + " vanished while appending", e));
        }
    }

    private static OptionalLong selectHeadForUpdate(Connection connection, String table, String keyColumn, Object key)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT head_seq FROM " + table + " WHERE " + keyColumn + " = ? FOR UPDATE")) {
            select.setObject(1, key);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? OptionalLong.of(row.getLong(1)) : OptionalLong.empty();
            }
        }
    }
}
