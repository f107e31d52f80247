package io.batchcast.adapter.persistence;

import io.batchcast.domain.BatchStatistics;
import io.batchcast.domain.HourlyStatistics;
import io.batchcast.domain.OrderType;
import io.batchcast.domain.OrderTypeStatistics;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Reads a strategy's statistics buckets in a range and sums them per span (an hour, a summary period). One statement
 * (a join), so batches and per-type counts come from one snapshot.
 */
final class StatisticsQueries {

    private StatisticsQueries() {
    }

    /** Spans ascending; {@code spanOf} maps a bucket's start to its span's start. */
    static List<HourlyStatistics> read(Connection connection, long strategyId, Instant from, Instant to,
            UnaryOperator<Instant> spanOf) throws SQLException {
        Map<Instant, int[]> batches = new LinkedHashMap<>();
        Map<Instant, List<OrderTypeStatistics>> types = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT b.bucket_start, b.batches, t.order_type,"
                + " t.created, t.cancelled, t.rejected FROM statistics_batches b LEFT JOIN statistics_order_types t"
                + " ON t.strategy_id = b.strategy_id AND t.bucket_start = b.bucket_start"
                + " WHERE b.strategy_id = ? AND b.bucket_start >= ? AND b.bucket_start < ?"
                + " ORDER BY b.bucket_start")) {
            select.setLong(1, strategyId);
            Columns.setInstant(select, 2, from);
            Columns.setInstant(select, 3, to);
            Instant lastBucket = null;
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    Instant bucket = Columns.getInstant(row, "bucket_start");
                    Instant span = spanOf.apply(bucket);
                    if (!bucket.equals(lastBucket)) {
                        // the join repeats a bucket's batches on each of its type rows: count it once
                        batches.computeIfAbsent(span, s -> new int[1])[0] += row.getInt("batches");
                        lastBucket = bucket;
                    }
                    OrderType type = Columns.getEnum(row, "order_type", OrderType.class);
                    List<OrderTypeStatistics> spanTypes = types.computeIfAbsent(span, s -> new ArrayList<>());
                    if (type != null) {
                        spanTypes.add(new OrderTypeStatistics(type, row.getInt("created"), row.getInt("cancelled"),
                                row.getInt("rejected")));
                    }
                }
            }
        }
        List<HourlyStatistics> spans = new ArrayList<>(batches.size());
        batches.forEach((span, count) -> spans.add(
                new HourlyStatistics(span, count[0], BatchStatistics.sum(types.get(span)))));
        return List.copyOf(spans);
    }
}
