package io.batchcast.adapter.persistence;

import io.batchcast.domain.EventId;
import io.batchcast.domain.OrderBatchEvent;
import io.batchcast.domain.StoredEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.OptionalLong;

/**
 * Appends an event to its stream and to its user's sequence inside the caller's transaction. The user's row
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
    StoredEvent append(Connection connection, OrderBatchEvent event, long userHead) throws SQLException {
        long strategyId = event.strategyId();
        long seq = lockHead(connection, "streams", "strategy_id", strategyId) + 1;
        long userSeq = userHead + 1;
        setHead(connection, "UPDATE streams SET head_seq = ? WHERE strategy_id = ?", seq, strategyId);
        setHead(connection, "UPDATE user_streams SET head_seq = ? WHERE user_id = ?", userSeq, event.userId());
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO events"
                + " (strategy_id, seq, batch_id, user_id, summaries, occurred_at, user_seq)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, strategyId);
            insert.setLong(2, seq);
            insert.setString(3, event.batchId());
            insert.setString(4, event.userId());
            insert.setString(5, SummaryCodec.encode(event.summaries()));
            Columns.setInstant(insert, 6, event.timestamp());
            insert.setLong(7, userSeq);
            insert.executeUpdate();
        }
        return new StoredEvent(new EventId(epoch, seq), event, userSeq);
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
