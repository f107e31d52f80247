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
 * Appends an event to its stream inside the caller's transaction. The stream row is locked first and stays locked
 * until commit, so the next append to the stream waits for this one to commit: sequence numbers are gap-free and
 * commit order equals sequence order, across threads and instances alike.
 */
final class StreamAppender {

    private static final String UNIQUE_VIOLATION = "23505";

    private final String epoch;

    StreamAppender(String epoch) {
        this.epoch = epoch;
    }

    StoredEvent append(Connection connection, StreamEvent event) throws SQLException {
        long strategyId = event.strategyId();
        long seq = lockHead(connection, strategyId) + 1;
        try (PreparedStatement update =
                connection.prepareStatement("UPDATE streams SET head_seq = ? WHERE strategy_id = ?")) {
            update.setLong(1, seq);
            update.setLong(2, strategyId);
            update.executeUpdate();
        }
        switch (event) {
            case OrderBatchEvent batch -> insertBatchEvent(connection, seq, batch);
            case OrderHourlySummary summary -> insertSummary(connection, seq, summary);
        }
        return new StoredEvent(new EventId(epoch, seq), event);
    }

    /** The statement every batch runs, unchanged by the summary columns (they stay NULL). */
    private static void insertBatchEvent(Connection connection, long seq, OrderBatchEvent event) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO events"
                + " (strategy_id, seq, batch_id, user_id, summaries, occurred_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, event.strategyId());
            insert.setLong(2, seq);
            insert.setString(3, event.batchId());
            insert.setString(4, event.userId());
            insert.setString(5, SummaryCodec.encode(event.summaries()));
            Columns.setInstant(insert, 6, event.timestamp());
            insert.executeUpdate();
        }
    }

    private static void insertSummary(Connection connection, long seq, OrderHourlySummary summary)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO events (strategy_id, seq, batch_id,"
                + " user_id, summaries, occurred_at, period_start, batches) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, summary.strategyId());
            insert.setLong(2, seq);
            insert.setNull(3, Types.VARCHAR);
            insert.setString(4, summary.userId());
            insert.setString(5, SummaryCodec.encodeStatistics(summary.period().orderTypes()));
            Columns.setInstant(insert, 6, summary.timestamp());
            Columns.setInstant(insert, 7, summary.period().start());
            insert.setInt(8, summary.period().batches());
            insert.executeUpdate();
        }
    }

    /** Locks the stream row and returns its head; creates the row (head 0) for a stream's first event. */
    private static long lockHead(Connection connection, long strategyId) throws SQLException {
        OptionalLong head = selectHeadForUpdate(connection, strategyId);
        if (head.isPresent()) {
            return head.getAsLong();
        }
        // Two first appends may race to create the row; the loser's insert fails, and PostgreSQL would then abort
        // the whole transaction, so the insert runs under a savepoint and the loser locks the winner's row.
        Savepoint beforeInsert = connection.setSavepoint();
        try (PreparedStatement insert =
                connection.prepareStatement("INSERT INTO streams (strategy_id, head_seq) VALUES (?, 0)")) {
            insert.setLong(1, strategyId);
            insert.executeUpdate();
            connection.releaseSavepoint(beforeInsert);
            return 0;
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            connection.rollback(beforeInsert);
            return selectHeadForUpdate(connection, strategyId)
                    .orElseThrow(() -> new SQLException("stream " + strategyId + " vanished while appending", e));
        }
    }

    private static OptionalLong selectHeadForUpdate(Connection connection, long strategyId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT head_seq FROM streams WHERE strategy_id = ? FOR UPDATE")) {
            select.setLong(1, strategyId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? OptionalLong.of(row.getLong(1)) : OptionalLong.empty();
            }
        }
    }
}
