package io.batchcast.adapter.persistence;

import io.batchcast.application.port.out.SummaryPeriods;
import io.batchcast.domain.HourlyStatistics;
import io.batchcast.domain.OrderHourlySummary;
import io.batchcast.domain.StoredEvent;
import io.batchcast.domain.SummaryInterval;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Summaries of closed periods. Summarizing inserts the period's {@code summary_periods} row and appends the event in
 * one transaction (a member of the group commit, so the doorbell rings for it like for a batch event); the row's
 * primary key lets one instance win: a second insert, on any instance, fails on the key (on PostgreSQL after waiting
 * for the first transaction) and appends nothing.
 */
final class JdbcSummaryPeriods implements SummaryPeriods {

    private final Transactions transactions;
    private final GroupCommitter writer;
    private final StreamAppender appender;

    JdbcSummaryPeriods(Transactions transactions, GroupCommitter writer, StreamAppender appender) {
        this.transactions = transactions;
        this.writer = writer;
        this.appender = appender;
    }

    @Override
    public List<Unsummarized> unsummarized(SummaryInterval interval, Instant from, Instant to) {
        return transactions.autoCommit("finding periods to summarize", connection -> {
            Set<Unsummarized> done = new HashSet<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT strategy_id, period_start"
                    + " FROM summary_periods WHERE period_start >= ? AND period_start < ?")) {
                Columns.setInstant(select, 1, from);
                Columns.setInstant(select, 2, to);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        done.add(new Unsummarized(row.getLong(1), Columns.getInstant(row, "period_start")));
                    }
                }
            }
            Set<Unsummarized> due = new TreeSet<>(Comparator.comparing(Unsummarized::periodStart)
                    .thenComparingLong(Unsummarized::strategyId));
            try (PreparedStatement select = connection.prepareStatement("SELECT strategy_id, bucket_start"
                    + " FROM statistics_batches WHERE bucket_start >= ? AND bucket_start < ?")) {
                Columns.setInstant(select, 1, from);
                Columns.setInstant(select, 2, to);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        Unsummarized period = new Unsummarized(row.getLong(1),
                                interval.periodStart(Columns.getInstant(row, "bucket_start")));
                        if (!done.contains(period)) {
                            due.add(period);
                        }
                    }
                }
            }
            return List.copyOf(due);
        });
    }

    @Override
    public Optional<StoredEvent> summarize(SummaryInterval interval, long strategyId, Instant periodStart,
            Instant closedAt) {
        Instant periodEnd = periodStart.plus(interval.length());
        // the owner first, outside the writing transaction (a strategy's owner never changes): the group orders its
        // members by user, so this one locks its user's sequence row in the same order as every batch does
        Optional<String> owner = transactions.autoCommit("finding strategy " + strategyId + "'s owner",
                connection -> owner(connection, strategyId));
        if (owner.isEmpty()) {
            return Optional.empty();
        }
        return writer.inGroup("summarizing strategy " + strategyId + "'s period " + periodStart, owner.get(),
                strategyId, null, new StreamAppender.Heads(owner.get(), strategyId), (connection, writes) -> {
                    long userHead = appender.lockUser(connection, writes, owner.get());
                    if (!markSummarized(connection, strategyId, periodStart, closedAt)) {
                        return Optional.empty();
                    }
                    List<HourlyStatistics> period = StatisticsQueries.read(connection, strategyId, periodStart,
                            periodEnd, bucket -> periodStart);
                    if (period.isEmpty()) {
                        return Optional.empty();
                    }
                    return Optional.of(appender.append(connection, writes,
                            new OrderHourlySummary(strategyId, owner.get(), period.getFirst(), closedAt), userHead));
                });
    }

    /** False when the period is summarized already (by this or another instance). */
    private static boolean markSummarized(Connection connection, long strategyId, Instant periodStart,
            Instant closedAt) throws SQLException {
        // under a savepoint: a unique violation would otherwise abort the whole (group's) PostgreSQL transaction
        Savepoint before = connection.setSavepoint();
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO summary_periods (strategy_id, period_start, closed_at) VALUES (?, ?, ?)")) {
            insert.setLong(1, strategyId);
            Columns.setInstant(insert, 2, periodStart);
            Columns.setInstant(insert, 3, closedAt);
            insert.executeUpdate();
            connection.releaseSavepoint(before);
            return true;
        } catch (SQLException e) {
            if (!UniqueViolation.is(e)) {
                throw e;
            }
            connection.rollback(before);
            return false;
        }
    }

    private static Optional<String> owner(Connection connection, long strategyId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT user_id FROM strategies WHERE id = ?")) {
            select.setLong(1, strategyId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        }
    }
}
