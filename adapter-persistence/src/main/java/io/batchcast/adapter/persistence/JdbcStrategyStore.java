package io.batchcast.adapter.persistence;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.batchcast.application.port.out.StrategyStore;
import io.batchcast.domain.Strategy;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Strategies and who owns them. A strategy never changes and is never deleted, so the ones found are kept in a
 * bounded cache: every submit checks its strategy's owner, and that no longer costs a query (nor, across instances,
 * can the cached row go stale). Unknown ids are not cached: another instance may create them a moment later.
 */
final class JdbcStrategyStore implements StrategyStore {

    private static final String COLUMNS = "id, user_id, name, created_at";
    static final int CACHED_STRATEGIES = 10_000;

    private final GroupCommitter writer;
    private final Transactions transactions;
    private final Cache<Long, Strategy> found = Caffeine.newBuilder().maximumSize(CACHED_STRATEGIES).build();

    JdbcStrategyStore(Transactions transactions, GroupCommitter writer) {
        this.transactions = transactions;
        this.writer = writer;
    }

    @Override
    public Strategy create(String userId, String name, Instant createdAt) {
        ColumnLimits.check("userId", Objects.requireNonNull(userId, "userId"), ColumnLimits.ID);
        ColumnLimits.check("name", Objects.requireNonNull(name, "name"), ColumnLimits.NAME);
        Instant stored = Columns.storable(createdAt);
        // Through the writer, so that a created strategy is durable (synced) before it is acknowledged.
        return writer.inTransaction("creating a strategy", 0, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO strategies (user_id, name, created_at) VALUES (?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, userId);
                insert.setString(2, name);
                Columns.setInstant(insert, 3, stored);
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    // by position: SQLite's generated-key row has no column named id
                    return new Strategy(keys.getLong(1), userId, name, stored);
                }
            }
        });
    }

    @Override
    public Optional<Strategy> find(long strategyId) {
        Strategy cached = found.getIfPresent(strategyId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Strategy> stored = select(strategyId);
        stored.ifPresent(strategy -> found.put(strategyId, strategy));
        return stored;
    }

    private Optional<Strategy> select(long strategyId) {
        return transactions.autoCommit("finding a strategy", connection -> {
            try (PreparedStatement select =
                    connection.prepareStatement("SELECT " + COLUMNS + " FROM strategies WHERE id = ?")) {
                select.setLong(1, strategyId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(strategy(row)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<Strategy> listByUser(String userId, long afterId, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, was " + limit);
        }
        return transactions.autoCommit("listing strategies", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM strategies WHERE user_id = ? AND id > ? ORDER BY id LIMIT ?")) {
                select.setString(1, userId);
                select.setLong(2, afterId);
                select.setInt(3, limit);
                try (ResultSet row = select.executeQuery()) {
                    List<Strategy> strategies = new ArrayList<>();
                    while (row.next()) {
                        strategies.add(strategy(row));
                    }
                    return List.copyOf(strategies);
                }
            }
        });
    }

    private static Strategy strategy(ResultSet row) throws SQLException {
        return new Strategy(row.getLong("id"), row.getString("user_id"), row.getString("name"),
                Columns.getInstant(row, "created_at"));
    }
}
