package io.batchcast.adapter.persistence;

import io.batchcast.application.port.in.BatchReceipt;
import io.batchcast.application.port.out.BatchIntent;
import io.batchcast.application.port.out.BatchIntents;
import io.batchcast.application.port.out.RequestClaim;
import io.batchcast.domain.BatchAggregation;
import io.batchcast.domain.EventId;
import io.batchcast.domain.OperationResult;
import io.batchcast.domain.StreamKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Intents as INTENT rows of {@code batches} (which claim the request id) plus their steps in {@code batch_intents}.
 * The unique (user_id, request_id) constraint decides races: of concurrent intents for one id, on any number of
 * instances, exactly one is stored; the others read what is there.
 */
final class JdbcBatchIntents implements BatchIntents {

    static final String INTENT = "INTENT";
    private static final String INSERT_BATCH = "INSERT INTO batches (batch_id, user_id, strategy_id, request_id,"
            + " request_hash, state, claimed_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String BATCH_COLUMNS =
            "b.batch_id, b.user_id, b.strategy_id, b.request_id, b.request_hash, b.state, b.event_seq, b.claimed_at,"
                    + " b.results";

    private final Transactions transactions;
    private final GroupCommitter writer;
    private final String epoch;

    JdbcBatchIntents(Transactions transactions, GroupCommitter writer, String epoch) {
        this.transactions = transactions;
        this.writer = writer;
        this.epoch = epoch;
    }

    @Override
    public Optional<RequestClaim> find(String userId, String requestId) {
        ColumnLimits.check("userId", Objects.requireNonNull(userId, "userId"), ColumnLimits.ID);
        ColumnLimits.check("requestId", Objects.requireNonNull(requestId, "requestId"), ColumnLimits.ID);
        return transactions.autoCommit("reading request id " + requestId, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + BATCH_COLUMNS + ", i.created_at,"
                    + " i.steps FROM batches b LEFT JOIN batch_intents i ON i.batch_id = b.batch_id"
                    + " WHERE b.user_id = ? AND b.request_id = ?")) {
                select.setString(1, userId);
                select.setString(2, requestId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(claim(connection, row)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public RequestClaim open(BatchIntent intent) {
        ColumnLimits.check("batchId", intent.batchId(), ColumnLimits.ID);
        ColumnLimits.check("userId", intent.stream().userId(), ColumnLimits.ID);
        ColumnLimits.check("requestId", intent.requestId(), ColumnLimits.ID);
        ColumnLimits.check("requestHash", intent.requestHash(), ColumnLimits.ID);
        String steps = BatchJson.encode(intent.steps());
        boolean stored = writer.inGroup("storing the intent of batch " + intent.batchId(), intent.stream().userId(),
                intent.stream().strategyId(), null, (connection, writes) -> {
            // In a group the row is sent with the group's rows: a request id taken meanwhile fails the group, whose
            // members are then written alone, where the insert runs at once and a taken id answers false.
            if (writes.grouped()) {
                writes.add(WriteSet.Rank.INTENT_ROWS, INSERT_BATCH, insert -> bindBatch(insert, intent));
            } else if (!insertBatch(connection, intent)) {
                return false;
            }
            writes.add(WriteSet.Rank.INTENT_STEPS, "INSERT INTO batch_intents (batch_id, created_at, steps)"
                    + " VALUES (?, ?, ?)", insert -> {
                        insert.setString(1, intent.batchId());
                        Columns.setInstant(insert, 2, intent.createdAt());
                        insert.setString(3, steps);
                    });
            return true;
        });
        if (stored) {
            return new RequestClaim.Claimed();
        }
        // The request id was taken by another call between its look and ours (nothing of ours was stored).
        return find(intent.stream().userId(), intent.requestId())
                .orElseThrow(() -> new IllegalStateException("request id " + intent.requestId()
                        + " was taken and freed again while storing batch " + intent.batchId()));
    }

    @Override
    public void abandon(String batchId) {
        transactions.inTransaction("abandoning the intent of batch " + batchId, connection -> {
            try (PreparedStatement deleteBatch = connection.prepareStatement(
                    "DELETE FROM batches WHERE batch_id = ? AND state = ?")) {
                deleteBatch.setString(1, batchId);
                deleteBatch.setString(2, INTENT);
                if (deleteBatch.executeUpdate() == 0) {
                    return null; // recorded meanwhile (or never stored): its steps are gone or belong to it
                }
            }
            try (PreparedStatement deleteSteps =
                    connection.prepareStatement("DELETE FROM batch_intents WHERE batch_id = ?")) {
                deleteSteps.setString(1, batchId);
                deleteSteps.executeUpdate();
            }
            return null;
        });
    }

    /** Reconciliation's read, oldest first: a range of {@code batch_intents_oldest_first} (migration 9). */
    static final String UNSETTLED = "SELECT " + BATCH_COLUMNS + ", i.created_at, i.steps FROM batch_intents i"
            + " JOIN batches b ON b.batch_id = i.batch_id WHERE i.created_at < ? ORDER BY i.created_at LIMIT ?";

    @Override
    public List<BatchIntent> unsettled(Instant before, int limit) {
        return transactions.autoCommit("reading unsettled intents", connection -> {
            try (PreparedStatement select = connection.prepareStatement(UNSETTLED)) {
                Columns.setInstant(select, 1, before);
                select.setInt(2, limit);
                List<BatchIntent> intents = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        intents.add(intent(row));
                    }
                }
                return intents;
            }
        });
    }

    @Override
    public Optional<BatchReceipt> receipt(String batchId) {
        return transactions.autoCommit("reading the receipt of batch " + batchId, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT event_seq, results FROM batches WHERE batch_id = ? AND state = ?")) {
                select.setString(1, batchId);
                select.setString(2, BatchRows.COMPLETED);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(receipt(connection, batchId, Columns.getLong(row, "event_seq"),
                            row.getString("results")));
                }
            }
        });
    }

    /** Inserts the INTENT row; false when the request id is taken (the transaction is then rolled back to before). */
    private static boolean insertBatch(Connection connection, BatchIntent intent) throws SQLException {
        var beforeInsert = intent.requestId().isEmpty() ? null : connection.setSavepoint();
        try (PreparedStatement insert = connection.prepareStatement(INSERT_BATCH)) {
            bindBatch(insert, intent);
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (beforeInsert != null && UniqueViolation.is(e)) {
                connection.rollback(beforeInsert);
                return false;
            }
            throw e;
        }
    }

    private static void bindBatch(PreparedStatement insert, BatchIntent intent) throws SQLException {
        insert.setString(1, intent.batchId());
        insert.setString(2, intent.stream().userId());
        insert.setLong(3, intent.stream().strategyId());
        insert.setString(4, intent.requestId().isEmpty() ? null : intent.requestId());
        insert.setString(5, intent.requestHash());
        insert.setString(6, INTENT);
        Columns.setInstant(insert, 7, intent.createdAt());
    }

    private RequestClaim claim(Connection connection, ResultSet row) throws SQLException {
        String requestHash = row.getString("request_hash");
        return switch (row.getString("state")) {
            case BatchRows.PENDING -> new RequestClaim.Pending(requestHash, Columns.getInstant(row, "claimed_at"));
            case INTENT -> new RequestClaim.Unsettled(requestHash, intent(row));
            default -> new RequestClaim.Completed(requestHash, receipt(connection, row.getString("batch_id"),
                    Columns.getLong(row, "event_seq"), row.getString("results")));
        };
    }

    private static BatchIntent intent(ResultSet row) throws SQLException {
        String requestId = row.getString("request_id");
        String steps = row.getString("steps");
        if (steps == null) {
            throw new SQLException("intent of batch " + row.getString("batch_id") + " has no steps", "23000");
        }
        return new BatchIntent(row.getString("batch_id"),
                new StreamKey(row.getString("user_id"), row.getLong("strategy_id")),
                requestId == null ? "" : requestId, row.getString("request_hash"), BatchJson.decode(steps),
                Columns.getInstant(row, "created_at"));
    }

    private BatchReceipt receipt(Connection connection, String batchId, Long eventSeq, String resultsColumn)
            throws SQLException {
        List<OperationResult> results = BatchRows.readResults(connection, batchId, resultsColumn);
        Optional<EventId> eventId = eventSeq == null ? Optional.empty() : Optional.of(new EventId(epoch, eventSeq));
        return new BatchReceipt(batchId, results, BatchAggregation.summarize(results), eventId);
    }
}
