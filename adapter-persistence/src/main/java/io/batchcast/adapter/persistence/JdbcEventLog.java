package io.batchcast.adapter.persistence;

import io.batchcast.application.port.out.EventLog;
import io.batchcast.application.port.out.StreamWindow;
import io.batchcast.domain.EventId;
import io.batchcast.domain.HourlyStatistics;
import io.batchcast.domain.OrderBatchEvent;
import io.batchcast.domain.OrderHourlySummary;
import io.batchcast.domain.StoredEvent;
import io.batchcast.domain.StreamEvent;
import java.time.OffsetDateTime;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads a stream's events through the (strategy_id, seq) primary key: every read is a bounded index range. */
final class JdbcEventLog implements EventLog {

    private final Transactions transactions;
    private final String epoch;

    JdbcEventLog(Transactions transactions, String epoch) {
        this.transactions = transactions;
        this.epoch = epoch;
    }

    /** Head and oldest retained seq in one statement, so that both come from the same snapshot. */
    @Override
    public StreamWindow window(long strategyId) {
        return transactions.autoCommit("reading the event window", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT s.head_seq,"
                    + " (SELECT MIN(e.seq) FROM events e WHERE e.strategy_id = s.strategy_id) AS oldest_seq"
                    + " FROM streams s WHERE s.strategy_id = ?")) {
                select.setLong(1, strategyId);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return new StreamWindow(epoch, 1, 0);
                    }
                    long head = row.getLong("head_seq");
                    Long oldest = Columns.getLong(row, "oldest_seq");
                    return new StreamWindow(epoch, oldest == null ? head + 1 : oldest, head);
                }
            }
        });
    }

    @Override
    public List<StoredEvent> eventsAfter(long strategyId, long afterSeq, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, was " + limit);
        }
        if (limit == 0) {
            return List.of();
        }
        return transactions.autoCommit("reading events", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT strategy_id, seq, batch_id,"
                    + " user_id, summaries, occurred_at, period_start, batches FROM events WHERE strategy_id = ? AND seq > ?"
                    + " ORDER BY seq LIMIT ?")) {
                select.setLong(1, strategyId);
                select.setLong(2, afterSeq);
                select.setInt(3, limit);
                List<StoredEvent> events = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        events.add(event(row));
                    }
                }
                return List.copyOf(events);
            }
        });
    }

    /** A row with a {@code period_start} is a period's summary; the others are batch events. */
    private StoredEvent event(ResultSet row) throws SQLException {
        OffsetDateTime periodStart = row.getObject("period_start", OffsetDateTime.class);
        StreamEvent event = periodStart == null
                ? new OrderBatchEvent(SummaryCodec.decode(row.getString("summaries")), row.getLong("strategy_id"),
                        row.getString("user_id"), row.getString("batch_id"), Columns.getInstant(row, "occurred_at"))
                : new OrderHourlySummary(row.getLong("strategy_id"), row.getString("user_id"),
                        new HourlyStatistics(periodStart.toInstant(), row.getInt("batches"),
                                SummaryCodec.decodeStatistics(row.getString("summaries"))),
                        Columns.getInstant(row, "occurred_at"));
        return new StoredEvent(new EventId(epoch, row.getLong("seq")), event);
    }
}
