package io.batchcast.adapter.persistence;

import io.batchcast.application.port.out.BatchAlreadyRecordedException;
import io.batchcast.application.port.out.RecordedBatch;
import io.batchcast.domain.OperationError;
import io.batchcast.domain.OperationOutcome;
import io.batchcast.domain.OperationResult;
import io.batchcast.domain.OrderType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a batch, its results in its own row ({@code batches.results}), and reads the results back (from
 * {@code batch_results} for batches recorded before the results moved into the batch row).
 */
final class BatchRows {

    static final String PENDING = "PENDING";
    static final String COMPLETED = "COMPLETED";
    private static final String SETTLE = "UPDATE batches SET state = ?, completed_at = ?, results = ?, event_seq = ?"
            + " WHERE batch_id = ? AND state = ?";

    private BatchRows() {
    }

    static void checkLimits(RecordedBatch batch) {
        ColumnLimits.check("batchId", batch.batchId(), ColumnLimits.ID);
        ColumnLimits.check("requestId", batch.requestId(), ColumnLimits.ID);
        ColumnLimits.check("requestHash", batch.requestHash(), ColumnLimits.ID);
        ColumnLimits.check("userId", batch.stream().userId(), ColumnLimits.ID);
        for (OperationResult result : batch.results()) {
            ColumnLimits.check("results[" + result.index() + "].orderId", result.orderId(), ColumnLimits.ID);
            ColumnLimits.check(
                    "results[" + result.index() + "].clientOrderId", result.clientOrderId(), ColumnLimits.ID);
            if (result.error() != null) {
                ColumnLimits.check("results[" + result.index() + "].error.reason", result.error().reason(),
                        ColumnLimits.ID);
            }
        }
    }

    /**
     * Settles the batch's intent (INTENT to COMPLETED, with its results and {@code eventSeq}; its steps' deletion is
     * queued in {@code writes}), or inserts the completed batch when it had no intent (no request id and nothing sent
     * to the venue). Only one recording of a batch can win: a batch that is COMPLETED already fails with
     * {@link BatchAlreadyRecordedException}, and the caller's transaction with it, before any order row is written.
     * In a group the settle of a batch that certainly has an intent is queued in {@code writes} and sent before the
     * group's order rows; a settle that changes no row fails the group, and alone the member learns which case it is.
     *
     * @param eventSeq the batch's event's seq, or null when it has no event
     */
    static void complete(Connection connection, WriteSet writes, RecordedBatch batch, Long eventSeq)
            throws SQLException {
        String results = BatchJson.encodeResults(batch.results());
        boolean queued = writes.grouped() && hasIntent(batch);
        if (queued) {
            // In a group the settle is sent with the group's rows (one round trip for the whole group). A batch that
            // is no open intent (recorded meanwhile, by reconciliation or another instance) fails the group, whose
            // members are then written alone, where the settle runs at once and decides what to do.
            writes.add(WriteSet.Rank.SETTLES, SETTLE, update -> bindSettle(update, batch, results, eventSeq),
                    updated -> {
                        if (updated != 1) {
                            throw new IllegalStateException("batch " + batch.batchId() + " is no open intent");
                        }
                    });
        }
        if (queued || settleIntent(connection, batch, results, eventSeq)) {
            writes.add(WriteSet.Rank.SETTLED_STEPS, "DELETE FROM batch_intents WHERE batch_id = ?",
                    delete -> delete.setString(1, batch.batchId()));
            return;
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT state FROM batches WHERE batch_id = ?")) {
            select.setString(1, batch.batchId());
            try (ResultSet row = select.executeQuery()) {
                if (row.next()) {
                    throw new BatchAlreadyRecordedException(batch.batchId());
                }
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO batches (batch_id, user_id,"
                + " strategy_id, request_id, request_hash, state, completed_at, results, event_seq)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, batch.batchId());
            insert.setString(2, batch.stream().userId());
            insert.setLong(3, batch.stream().strategyId());
            insert.setString(4, batch.requestId().isEmpty() ? null : batch.requestId());
            insert.setString(5, batch.requestHash());
            insert.setString(6, COMPLETED);
            Columns.setInstant(insert, 7, batch.completedAt());
            insert.setString(8, results);
            Columns.setLong(insert, 9, eventSeq);
            insert.executeUpdate();
        }
    }

    /**
     * Whether the batch certainly has an intent row: every idempotent batch (one with a request id) opens one, and so
     * does every batch that reached the venue (only such a batch changes orders). A batch with neither may or may not
     * have one; it is settled at once. The answer is a hint only: a wrong one fails the settle's update count.
     */
    private static boolean hasIntent(RecordedBatch batch) {
        return !batch.requestId().isEmpty() || !batch.orders().isEmpty();
    }

    private static boolean settleIntent(Connection connection, RecordedBatch batch, String results, Long eventSeq)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(SETTLE)) {
            bindSettle(update, batch, results, eventSeq);
            return update.executeUpdate() == 1;
        }
    }

    private static void bindSettle(PreparedStatement update, RecordedBatch batch, String results, Long eventSeq)
            throws SQLException {
        update.setString(1, COMPLETED);
        Columns.setInstant(update, 2, batch.completedAt());
        update.setString(3, results);
        Columns.setLong(update, 4, eventSeq);
        update.setString(5, batch.batchId());
        update.setString(6, JdbcBatchIntents.INTENT);
    }

    /** The results of a recorded batch, from its row's {@code results} column, or its legacy result rows. */
    static List<OperationResult> readResults(Connection connection, String batchId, String resultsColumn)
            throws SQLException {
        return resultsColumn != null ? BatchJson.decodeResults(resultsColumn) : readLegacyResults(connection, batchId);
    }

    static List<OperationResult> readResults(Connection connection, String batchId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT results FROM batches WHERE batch_id = ?")) {
            select.setString(1, batchId);
            try (ResultSet row = select.executeQuery()) {
                return readResults(connection, batchId, row.next() ? row.getString(1) : null);
            }
        }
    }

    private static List<OperationResult> readLegacyResults(Connection connection, String batchId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT idx, outcome, order_id,"
                + " client_order_id, order_type, error_reason, error_message FROM batch_results"
                + " WHERE batch_id = ? ORDER BY idx")) {
            select.setString(1, batchId);
            List<OperationResult> results = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    results.add(result(row));
                }
            }
            return List.copyOf(results);
        }
    }

    private static OperationResult result(ResultSet row) throws SQLException {
        String reason = row.getString("error_reason");
        OperationError error = reason == null ? null : new OperationError(reason, row.getString("error_message"));
        return new OperationResult(row.getInt("idx"),
                OperationOutcome.valueOf(row.getString("outcome")),
                row.getString("order_id"),
                row.getString("client_order_id"),
                Columns.getEnum(row, "order_type", OrderType.class),
                error);
    }
}
