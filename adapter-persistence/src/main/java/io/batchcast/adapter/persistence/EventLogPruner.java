package io.batchcast.adapter.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Retention: keeps the newest {@code retentionCount} events per stream and nothing older than {@code retentionAge},
 * and drops receipts (completed batches and their results) older than {@code receiptMaxAge} ({@link ReceiptPruner}).
 * Every delete is a bounded range of an index (the primary key per stream, the age index, the batches' primary
 * key), in chunks of {@value #CHUNK} rows per transaction; statistics older than {@code statisticsMaxAge} go too
 * ({@link StatisticsPruner}), so pruning never scans a table nor holds long locks. Orders
 * are never pruned: they are the strategy's order book. Runs on a {@link PruneSchedule}; {@link #pruneNow()} is the
 * same work, synchronously.
 */
public final class EventLogPruner {

    /**
     * What one run deleted.
     *
     * @param byCount  events over the per-stream count
     * @param byAge    events older than the retention age
     * @param receipts completed batches (each with its results) older than the receipt max age
     * @param statistics statistics buckets (a strategy's hour, or shorter period) older than the statistics max age
     */
    public record Pruned(long byCount, long byAge, long receipts, long statistics) {

        public Pruned(long byCount, long byAge, long receipts) {
            this(byCount, byAge, receipts, 0);
        }
    }

    static final int CHUNK = 1_000;

    private final Transactions transactions;
    private final int retentionCount;
    private final Duration retentionAge;
    private final Duration receiptMaxAge;
    private final ReceiptPruner receipts;
    private final Duration statisticsMaxAge;
    private final StatisticsPruner statistics;
    private final Clock clock;

    EventLogPruner(Transactions transactions, PersistenceSettings settings, Clock clock) {
        this(transactions, settings, clock, ReceiptPruner.CHUNK);
    }

    /** With {@code receiptChunk} batches read per transaction (tests walk with small chunks). */
    EventLogPruner(Transactions transactions, PersistenceSettings settings, Clock clock, int receiptChunk) {
        this.transactions = transactions;
        this.retentionCount = settings.retentionCount();
        this.retentionAge = settings.retentionAge();
        this.receiptMaxAge = settings.receiptMaxAge();
        this.receipts = new ReceiptPruner(transactions, receiptChunk);
        this.statisticsMaxAge = settings.statisticsMaxAge();
        this.statistics = new StatisticsPruner(transactions);
        this.clock = clock;
    }

    /** Prunes once, now; throws StoreUnavailableException when the database is down. */
    public Pruned pruneNow() {
        long byCount = 0;
        for (StreamHead stream : streamsOverCount()) {
            byCount += pruneStream(stream.strategyId(), stream.headSeq() - retentionCount);
        }
        Instant now = clock.instant();
        long byAge = pruneByAge(now.minus(retentionAge));
        long receiptsPruned = receipts.prune(now.minus(receiptMaxAge));
        return new Pruned(byCount, byAge, receiptsPruned, statistics.prune(now.minus(statisticsMaxAge)));
    }

    private record StreamHead(long strategyId, long headSeq) {
    }

    /** Reads the streams table (one row per strategy), never the log. */
    private List<StreamHead> streamsOverCount() {
        return transactions.autoCommit("finding streams to prune", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT strategy_id, head_seq FROM streams WHERE head_seq > ?")) {
                select.setLong(1, retentionCount);
                List<StreamHead> streams = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        streams.add(new StreamHead(row.getLong(1), row.getLong(2)));
                    }
                }
                return streams;
            }
        });
    }

    /** Deletes the stream's events with seq up to {@code lastToDrop}, oldest first, a chunk per transaction. */
    private long pruneStream(long strategyId, long lastToDrop) {
        long deleted = 0;
        Long oldest = oldestSeq(strategyId);
        while (oldest != null && oldest <= lastToDrop) {
            long from = oldest;
            long to = Math.min(lastToDrop, from + CHUNK - 1);
            deleted += transactions.inTransaction("pruning stream " + strategyId, connection ->
                    deleteRange(connection, strategyId, from, to));
            oldest = to + 1;
        }
        return deleted;
    }

    private Long oldestSeq(long strategyId) {
        return transactions.autoCommit("reading the oldest event", connection -> {
            try (PreparedStatement select =
                    connection.prepareStatement("SELECT MIN(seq) AS oldest FROM events WHERE strategy_id = ?")) {
                select.setLong(1, strategyId);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return Columns.getLong(row, "oldest");
                }
            }
        });
    }

    private static int deleteRange(Connection connection, long strategyId, long from, long to) throws SQLException {
        // the stream's pruning mark first, in the same transaction: user cursors below it have lost events
        // the highest number deleted if it is above the mark, else the mark (the three databases share no GREATEST)
        try (PreparedStatement mark = connection.prepareStatement("UPDATE streams SET pruned_user_seq ="
                + " COALESCE((SELECT MAX(user_seq) FROM events WHERE strategy_id = ? AND seq >= ? AND seq <= ?"
                + " AND user_seq > streams.pruned_user_seq), pruned_user_seq) WHERE strategy_id = ?")) {
            mark.setLong(1, strategyId);
            mark.setLong(2, from);
            mark.setLong(3, to);
            mark.setLong(4, strategyId);
            mark.executeUpdate();
        }
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM events WHERE strategy_id = ? AND seq >= ? AND seq <= ?")) {
            delete.setLong(1, strategyId);
            delete.setLong(2, from);
            delete.setLong(3, to);
            return delete.executeUpdate();
        }
    }

    private long pruneByAge(Instant cutoff) {
        long deleted = 0;
        int chunk;
        do {
            chunk = transactions.inTransaction("pruning old events", connection -> {
                // marks cover every event past the cutoff, which this loop deletes chunk by chunk; if it stops early
                // a mark is higher than what was deleted, so a cursor gets a resync rather than a silent gap
                try (PreparedStatement mark = connection.prepareStatement("UPDATE streams SET pruned_user_seq ="
                        + " COALESCE((SELECT MAX(e.user_seq) FROM events e WHERE e.strategy_id = streams.strategy_id"
                        + " AND e.occurred_at < ? AND e.user_seq > streams.pruned_user_seq), pruned_user_seq)"
                        + " WHERE strategy_id IN (SELECT strategy_id FROM events WHERE occurred_at < ?)")) {
                    Columns.setInstant(mark, 1, cutoff);
                    Columns.setInstant(mark, 2, cutoff);
                    mark.executeUpdate();
                }
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM events"
                        + " WHERE (strategy_id, seq) IN (SELECT strategy_id, seq FROM events"
                        + " WHERE occurred_at < ? ORDER BY occurred_at LIMIT " + CHUNK + ")")) {
                    Columns.setInstant(delete, 1, cutoff);
                    return delete.executeUpdate();
                }
            });
            deleted += chunk;
        } while (chunk == CHUNK);
        return deleted;
    }
}
