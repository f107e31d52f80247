package io.batchcast.adapter.persistence;

import io.batchcast.application.port.out.EventLog;
import io.batchcast.application.port.out.StreamWindow;
import io.batchcast.domain.EventId;
import io.batchcast.domain.HourlyStatistics;
import io.batchcast.domain.OrderBatchEvent;
import io.batchcast.domain.OrderHourlySummary;
import io.batchcast.domain.StoredEvent;
import io.batchcast.domain.StreamEvent;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

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
        return read("WHERE strategy_id = ? AND seq > ? ORDER BY seq", strategyId, afterSeq, limit);
    }

    /**
     * Head from the user's row; oldest from the streams' pruning marks, so that a cursor is judged only by the
     * strategies it subscribes to (the ids are numbers, checked by their type, so they are written into the SQL).
     */
    @Override
    public StreamWindow userWindow(String userId, Set<Long> strategyIds) {
        String only = strategyIds.isEmpty() ? "" : " AND s.strategy_id IN ("
                + strategyIds.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")";
        return transactions.autoCommit("reading the user's event window", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT"
                    + " (SELECT u.head_seq FROM user_streams u WHERE u.user_id = ?) AS head_seq,"
                    + " (SELECT MAX(s.pruned_user_seq) FROM streams s JOIN strategies st ON st.id = s.strategy_id"
                    + " WHERE st.user_id = ?" + only + ") AS pruned FROM meta WHERE meta_key = 'epoch'")) {
                select.setString(1, userId);
                select.setString(2, userId);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    Long head = Columns.getLong(row, "head_seq");
                    Long pruned = Columns.getLong(row, "pruned");
                    return new StreamWindow(epoch, (pruned == null ? 0 : pruned) + 1, head == null ? 0 : head);
                }
            }
        });
    }

    @Override
    public List<StoredEvent> userEventsAfter(String userId, long afterUserSeq, int limit) {
        return read("WHERE user_id = ? AND user_seq > ? ORDER BY user_seq", userId, afterUserSeq, limit);
    }

    private List<StoredEvent> read(String where, Object key, long after, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, was " + limit);
        }
        if (limit == 0) {
            return List.of();
        }
        return transactions.autoCommit("reading events", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT strategy_id, seq, batch_id,"
                    + " user_id, summaries, occurred_at, period_start, batches, user_seq FROM events " + where
                    + " LIMIT ?")) {
                select.setObject(1, key);
                select.setLong(2, after);
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
        Instant periodStart = Columns.getInstantOrNull(row, "period_start");
        StreamEvent event = periodStart == null
                ? new OrderBatchEvent(SummaryCodec.decode(row.getString("summaries")), row.getLong("strategy_id"),
                        row.getString("user_id"), row.getString("batch_id"), Columns.getInstant(row, "occurred_at"))
                : new OrderHourlySummary(row.getLong("strategy_id"), row.getString("user_id"),
                        new HourlyStatistics(periodStart, row.getInt("batches"),
                                SummaryCodec.decodeStatistics(row.getString("summaries"))),
                        Columns.getInstant(row, "occurred_at"));
        Long userSeq = Columns.getLong(row, "user_seq");
        return new StoredEvent(new EventId(epoch, row.getLong("seq")), event, userSeq == null ? 0 : userSeq);
    }
}
