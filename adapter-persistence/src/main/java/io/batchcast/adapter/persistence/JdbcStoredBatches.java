package io.batchcast.adapter.persistence;

import io.batchcast.application.port.in.BatchReceipt;
import io.batchcast.application.port.out.StoredBatch;
import io.batchcast.application.port.out.StoredBatches;
import io.batchcast.domain.BatchAggregation;
import io.batchcast.domain.EventId;
import io.batchcast.domain.OperationResult;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;

/**
 * A strategy's batch by id, through the unique batch_id index: a COMPLETED row is the receipt, with the results of
 * its row (or of its legacy result rows); an INTENT row is a batch whose outcome is not recorded yet. Legacy PENDING
 * claims have no batch id, and pruned batches have no row, so neither is ever found.
 */
final class JdbcStoredBatches implements StoredBatches {

    private final Transactions transactions;
    private final String epoch;

    JdbcStoredBatches(Transactions transactions, String epoch) {
        this.transactions = transactions;
        this.epoch = epoch;
    }

    @Override
    public Optional<StoredBatch> batch(long strategyId, String batchId) {
        if (batchId.length() > ColumnLimits.ID) {
            return Optional.empty(); // could never have been stored
        }
        return transactions.autoCommit("reading batch " + batchId, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT state, request_id, event_seq, results"
                    + " FROM batches WHERE batch_id = ? AND strategy_id = ?")) {
                select.setString(1, batchId);
                select.setLong(2, strategyId);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    if (JdbcBatchIntents.INTENT.equals(row.getString("state"))) {
                        String requestId = row.getString("request_id");
                        return Optional.of(new StoredBatch.Unsettled(requestId == null ? "" : requestId));
                    }
                    Long eventSeq = Columns.getLong(row, "event_seq");
                    List<OperationResult> results = BatchRows.readResults(connection, batchId, row.getString("results"));
                    return Optional.of(new StoredBatch.Recorded(new BatchReceipt(batchId, results,
                            BatchAggregation.summarize(results),
                            eventSeq == null ? Optional.empty() : Optional.of(new EventId(epoch, eventSeq)))));
                }
            }
        });
    }
}
