package io.batchcast.adapter.persistence;

import io.batchcast.application.port.in.BatchReceipt;
import io.batchcast.application.port.out.RequestClaim;
import io.batchcast.application.port.out.RequestClaims;
import io.batchcast.domain.BatchAggregation;
import io.batchcast.domain.EventId;
import io.batchcast.domain.OperationResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Request-id claims as PENDING rows of {@code batches}. The unique (user_id, request_id) constraint decides races:
 * of concurrent inserts, on any number of instances, exactly one succeeds; the others read what is there.
 */
final class JdbcRequestClaims implements RequestClaims {

    private static final String UNIQUE_VIOLATION = "23505";
    /** A claim released between our read and our insert, or the other way round, makes us look again. */
    private static final int ATTEMPTS = 3;

    private final Transactions transactions;
    private final String epoch;

    JdbcRequestClaims(Transactions transactions, String epoch) {
        this.transactions = transactions;
        this.epoch = epoch;
    }

    @Override
    public RequestClaim claim(String userId, String requestId, String requestHash, Instant at) {
        ColumnLimits.check("userId", Objects.requireNonNull(userId, "userId"), ColumnLimits.ID);
        ColumnLimits.check("requestId", Objects.requireNonNull(requestId, "requestId"), ColumnLimits.ID);
        ColumnLimits.check("requestHash", requestHash, ColumnLimits.ID);
        if (requestId.isEmpty()) {
            throw new IllegalArgumentException("requestId must not be empty when claiming");
        }
        return transactions.autoCommit("claiming request id " + requestId, connection -> {
            // Read first: retries (and callers polling a pending claim) then cost a lookup, not a failed insert
            // that PostgreSQL would log as an error each time.
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                Optional<RequestClaim> existing = existing(connection, userId, requestId);
                if (existing.isPresent()) {
                    return existing.get();
                }
                if (insertPending(connection, userId, requestId, requestHash, at)) {
                    return new RequestClaim.Claimed();
                }
            }
            throw new SQLException("request id " + requestId + " kept being claimed and released; gave up after "
                    + ATTEMPTS + " attempts");
        });
    }

    @Override
    public void release(String userId, String requestId) {
        transactions.autoCommit("releasing request id " + requestId, connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM batches WHERE user_id = ? AND request_id = ? AND state = ?")) {
                delete.setString(1, userId);
                delete.setString(2, requestId);
                delete.setString(3, BatchRows.PENDING);
                return delete.executeUpdate();
            }
        });
    }

    /** Auto-commit insert: the claim is visible to every other instance the moment it succeeds. */
    private static boolean insertPending(Connection connection, String userId, String requestId, String requestHash,
            Instant at) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO batches"
                + " (user_id, request_id, request_hash, state, claimed_at) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, userId);
            insert.setString(2, requestId);
            insert.setString(3, requestHash);
            insert.setString(4, BatchRows.PENDING);
            Columns.setInstant(insert, 5, at);
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    private Optional<RequestClaim> existing(Connection connection, String userId, String requestId)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT batch_id, request_hash, state,"
                + " event_seq, claimed_at FROM batches WHERE user_id = ? AND request_id = ?")) {
            select.setString(1, userId);
            select.setString(2, requestId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                String requestHash = row.getString("request_hash");
                if (BatchRows.PENDING.equals(row.getString("state"))) {
                    return Optional.of(new RequestClaim.Pending(requestHash, Columns.getInstant(row, "claimed_at")));
                }
                String batchId = row.getString("batch_id");
                Long eventSeq = Columns.getLong(row, "event_seq");
                return Optional.of(new RequestClaim.Completed(requestHash, receipt(connection, batchId, eventSeq)));
            }
        }
    }

    private BatchReceipt receipt(Connection connection, String batchId, Long eventSeq) throws SQLException {
        List<OperationResult> results = BatchRows.readResults(connection, batchId);
        Optional<EventId> eventId = eventSeq == null ? Optional.empty() : Optional.of(new EventId(epoch, eventSeq));
        return new BatchReceipt(batchId, results, BatchAggregation.summarize(results), eventId);
    }
}
