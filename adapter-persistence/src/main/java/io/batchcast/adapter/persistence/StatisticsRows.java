package io.batchcast.adapter.persistence;

import io.batchcast.domain.OrderType;
import io.batchcast.domain.OrderTypeStatistics;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts recorded batches into the statistics tables, as the group commit's {@link GroupCommitter.BeforeCommit}
 * work: the shares of the group's batches are merged in memory, then each (strategy, bucket) and each (strategy,
 * bucket, order type) gets one upsert, all sent as two JDBC batches. Rows are upserted in key order, so two groups
 * (two instances) that touch the same rows lock them in the same order.
 */
final class StatisticsRows implements GroupCommitter.BeforeCommit {

    /** One recorded batch's contribution: it counts once in its bucket, plus its per-type counts. */
    record Share(long strategyId, Instant bucketStart, List<OrderTypeStatistics> orderTypes) {
    }

    private record Bucket(long strategyId, Instant start) {
    }

    private static final Comparator<Bucket> KEY_ORDER =
            Comparator.comparingLong(Bucket::strategyId).thenComparing(Bucket::start);

    private final String upsertBatches;
    private final String upsertOrderTypes;

    StatisticsRows(Dialect dialect) {
        if (dialect != Dialect.H2) {
            // PostgreSQL's upsert, which SQLite also runs unchanged
            upsertBatches = "INSERT INTO statistics_batches (strategy_id, bucket_start, batches) VALUES (?, ?, ?)"
                    + " ON CONFLICT (strategy_id, bucket_start)"
                    + " DO UPDATE SET batches = statistics_batches.batches + EXCLUDED.batches";
            upsertOrderTypes = "INSERT INTO statistics_order_types (strategy_id, bucket_start, order_type, created,"
                    + " cancelled, rejected) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (strategy_id, bucket_start, order_type)"
                    + " DO UPDATE SET created = statistics_order_types.created + EXCLUDED.created,"
                    + " cancelled = statistics_order_types.cancelled + EXCLUDED.cancelled,"
                    + " rejected = statistics_order_types.rejected + EXCLUDED.rejected";
        } else {
            // H2 has no ON CONFLICT; its standard MERGE adds to a matched row (its MERGE ... KEY would replace it)
            upsertBatches = "MERGE INTO statistics_batches t USING (VALUES (CAST(? AS BIGINT),"
                    + " CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS INTEGER))) s (strategy_id, bucket_start, batches)"
                    + " ON t.strategy_id = s.strategy_id AND t.bucket_start = s.bucket_start"
                    + " WHEN MATCHED THEN UPDATE SET batches = t.batches + s.batches"
                    + " WHEN NOT MATCHED THEN INSERT (strategy_id, bucket_start, batches)"
                    + " VALUES (s.strategy_id, s.bucket_start, s.batches)";
            upsertOrderTypes = "MERGE INTO statistics_order_types t USING (VALUES (CAST(? AS BIGINT),"
                    + " CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS VARCHAR(16)), CAST(? AS INTEGER),"
                    + " CAST(? AS INTEGER), CAST(? AS INTEGER)))"
                    + " s (strategy_id, bucket_start, order_type, created, cancelled, rejected)"
                    + " ON t.strategy_id = s.strategy_id AND t.bucket_start = s.bucket_start"
                    + " AND t.order_type = s.order_type"
                    + " WHEN MATCHED THEN UPDATE SET created = t.created + s.created,"
                    + " cancelled = t.cancelled + s.cancelled, rejected = t.rejected + s.rejected"
                    + " WHEN NOT MATCHED THEN INSERT (strategy_id, bucket_start, order_type, created, cancelled, rejected)"
                    + " VALUES (s.strategy_id, s.bucket_start, s.order_type, s.created, s.cancelled, s.rejected)";
        }
    }

    @Override
    public void run(Connection connection, List<Object> shares) throws SQLException {
        Map<Bucket, int[]> batches = new TreeMap<>(KEY_ORDER);
        // per bucket: counts[type ordinal * 3 + {0 created, 1 cancelled, 2 rejected}]
        Map<Bucket, int[]> counts = new TreeMap<>(KEY_ORDER);
        for (Object object : shares) {
            if (!(object instanceof Share share)) {
                continue;
            }
            Bucket bucket = new Bucket(share.strategyId(), share.bucketStart());
            batches.computeIfAbsent(bucket, b -> new int[1])[0]++;
            int[] row = counts.computeIfAbsent(bucket, b -> new int[OrderType.values().length * 3]);
            for (OrderTypeStatistics s : share.orderTypes()) {
                int at = s.orderType().ordinal() * 3;
                row[at] += s.created();
                row[at + 1] += s.cancelled();
                row[at + 2] += s.rejected();
            }
        }
        if (batches.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement(upsertBatches)) {
            for (Map.Entry<Bucket, int[]> entry : batches.entrySet()) {
                upsert.setLong(1, entry.getKey().strategyId());
                Columns.setInstant(upsert, 2, entry.getKey().start());
                upsert.setInt(3, entry.getValue()[0]);
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
        upsertOrderTypes(connection, counts);
    }

    private void upsertOrderTypes(Connection connection, Map<Bucket, int[]> counts) throws SQLException {
        boolean any = false;
        try (PreparedStatement upsert = connection.prepareStatement(upsertOrderTypes)) {
            for (Map.Entry<Bucket, int[]> entry : counts.entrySet()) {
                int[] row = entry.getValue();
                for (OrderType type : OrderType.values()) {
                    int at = type.ordinal() * 3;
                    if (row[at] + row[at + 1] + row[at + 2] == 0) {
                        continue;
                    }
                    upsert.setLong(1, entry.getKey().strategyId());
                    Columns.setInstant(upsert, 2, entry.getKey().start());
                    upsert.setString(3, type.name());
                    upsert.setInt(4, row[at]);
                    upsert.setInt(5, row[at + 1]);
                    upsert.setInt(6, row[at + 2]);
                    upsert.addBatch();
                    any = true;
                }
            }
            if (any) {
                upsert.executeBatch();
            }
        }
    }
}
