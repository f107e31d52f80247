package io.batchcast.adapter.persistence;

import java.sql.PreparedStatement;
import java.time.Instant;

/**
 * Retention of statistics: buckets (with their per-type rows) and summary marks of periods that started before the
 * cutoff, oldest first through the {@code bucket_start} / {@code period_start} indexes, {@value #CHUNK} per
 * transaction. A summary event itself is pruned with the event log.
 */
final class StatisticsPruner {

    static final int CHUNK = 1_000;
    private static final String OLDEST_BUCKETS = "SELECT strategy_id, bucket_start FROM statistics_batches"
            + " WHERE bucket_start < ? ORDER BY bucket_start, strategy_id LIMIT " + CHUNK;

    private final Transactions transactions;

    StatisticsPruner(Transactions transactions) {
        this.transactions = transactions;
    }

    /** Deletes what started before {@code cutoff}; returns how many buckets (strategy and hour or period) went. */
    long prune(Instant cutoff) {
        long deleted = 0;
        int chunk;
        do {
            chunk = transactions.inTransaction("pruning old statistics", connection -> {
                // the per-type rows first, with the same (deterministically ordered) chunk of buckets
                try (PreparedStatement types = connection.prepareStatement("DELETE FROM statistics_order_types"
                        + " WHERE (strategy_id, bucket_start) IN (" + OLDEST_BUCKETS + ")");
                        PreparedStatement buckets = connection.prepareStatement("DELETE FROM statistics_batches"
                                + " WHERE (strategy_id, bucket_start) IN (" + OLDEST_BUCKETS + ")")) {
                    Columns.setInstant(types, 1, cutoff);
                    types.executeUpdate();
                    Columns.setInstant(buckets, 1, cutoff);
                    return buckets.executeUpdate();
                }
            });
            deleted += chunk;
        } while (chunk == CHUNK);
        int marks;
        do {
            marks = transactions.autoCommit("pruning old summary marks", connection -> {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM summary_periods"
                        + " WHERE (strategy_id, period_start) IN (SELECT strategy_id, period_start FROM summary_periods"
                        + " WHERE period_start < ? ORDER BY period_start, strategy_id LIMIT " + CHUNK + ")")) {
                    Columns.setInstant(delete, 1, cutoff);
                    return delete.executeUpdate();
                }
            });
        } while (marks == CHUNK);
        return deleted;
    }
}
