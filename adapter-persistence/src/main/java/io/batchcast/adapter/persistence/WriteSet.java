package io.batchcast.adapter.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * The rows the members of one group transaction write, sent as one JDBC batch per statement for the whole group
 * (PostgreSQL rewrites batched inserts into multi-row {@code INSERT … VALUES (…), (…)}) instead of each member's own
 * statements. A member queues its rows while it runs; {@link #flush} sends them after the group's last member and
 * before the group's merged work and commit (GroupCommitter). A failure of any statement fails the whole group, which
 * is then written member by member, each with a write set of its own, so that only the failing member fails.
 *
 * <p>Also the transaction's view of the sequence heads it locked ({@code streams}, {@code user_streams}): a member
 * that appends to a stream or user sequence another member of the group appended to already continues from that
 * member's number (the head is not written back until the flush, once per row for the whole group).
 *
 * <p>Statements are flushed in the order of their {@link Rank}, rows in the order they were queued (the group's
 * members run in lock order, each member's orders in order-id order), so that every group takes the row locks of new
 * and changed rows in the same order.
 */
final class WriteSet {

    /** The order in which the group's statements are sent. */
    enum Rank {
        /** {@code batches} rows of intents (only when grouped: alone, an intent is inserted at once). */
        INTENT_ROWS,
        /** {@code batch_intents} rows of intents. */
        INTENT_STEPS,
        /** Intents settled by recordings (INTENT to COMPLETED); each must change exactly one row. */
        SETTLES,
        /** {@code batch_intents} rows deleted by recordings. */
        SETTLED_STEPS,
        /** New orders. */
        ORDER_INSERTS,
        /** Status changes (cancels); each must change exactly one row. */
        ORDER_UPDATES,
        /** Events of batches and period summaries. */
        EVENTS
    }

    /** Sets one row's parameters. */
    @FunctionalInterface
    interface Row {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** Checks one row's update count; throws to fail the group. */
    @FunctionalInterface
    interface Check {
        void check(int updated);
    }

    private record Queued(Row row, Check check) {
    }

    private record HeadKey(String table, String keyColumn, Object key) {
    }

    private static final class Head {
        long value;
        boolean advanced;

        Head(long value) {
            this.value = value;
        }
    }

    private final boolean grouped;
    private final Map<Rank, Map<String, List<Queued>>> statements = new TreeMap<>();
    private final Map<HeadKey, Head> heads = new LinkedHashMap<>();
    private final Set<String> plannedPerExecution = new HashSet<>();

    /** @param grouped whether the transaction has other members (a member written alone gets {@code false}) */
    WriteSet(boolean grouped) {
        this.grouped = grouped;
    }

    /** Whether other members share the transaction. */
    boolean grouped() {
        return grouped;
    }

    /** Queues a row of {@code sql}. */
    void add(Rank rank, String sql, Row row) {
        add(rank, sql, row, null);
    }

    /** Queues a row of {@code sql} whose update count {@code check} must accept. */
    void add(Rank rank, String sql, Row row, Check check) {
        statements.computeIfAbsent(rank, r -> new LinkedHashMap<>())
                .computeIfAbsent(sql, s -> new ArrayList<>()).add(new Queued(row, check));
    }

    /** Queues a row of {@code sql} whose update count {@code check} must accept; see {@link PlannedPerExecution}. */
    void addPlannedPerExecution(Rank rank, String sql, Row row, Check check) {
        plannedPerExecution.add(sql);
        add(rank, sql, row, check);
    }

    /** The head of a sequence row this transaction locked already, as this transaction's members left it. */
    OptionalLong head(String table, String keyColumn, Object key) {
        Head head = heads.get(new HeadKey(table, keyColumn, key));
        return head == null ? OptionalLong.empty() : OptionalLong.of(head.value);
    }

    /** Remembers the head of a sequence row just locked ({@code SELECT … FOR UPDATE}). */
    void locked(String table, String keyColumn, Object key, long head) {
        heads.putIfAbsent(new HeadKey(table, keyColumn, key), new Head(head));
    }

    /** Moves a locked row's head; the row is updated once, at the flush. */
    void advance(String table, String keyColumn, Object key, long head) {
        Head locked = heads.get(new HeadKey(table, keyColumn, key));
        if (locked == null) {
            throw new IllegalStateException(table + " row " + key + " was not locked in this transaction");
        }
        locked.value = head;
        locked.advanced = true;
    }

    /** Sends every queued row, one JDBC batch per statement, then the heads that moved (one row each). */
    void flush(Connection connection) throws SQLException {
        for (Map<String, List<Queued>> ranked : statements.values()) {
            for (Map.Entry<String, List<Queued>> statement : ranked.entrySet()) {
                execute(connection, statement.getKey(), statement.getValue());
            }
        }
        Map<String, List<Queued>> headUpdates = new LinkedHashMap<>();
        heads.forEach((key, head) -> {
            if (head.advanced) {
                long value = head.value;
                headUpdates.computeIfAbsent("UPDATE " + key.table() + " SET head_seq = ? WHERE " + key.keyColumn()
                        + " = ?", s -> new ArrayList<>()).add(new Queued(update -> {
                            update.setLong(1, value);
                            update.setObject(2, key.key());
                        }, null));
            }
        });
        for (Map.Entry<String, List<Queued>> statement : headUpdates.entrySet()) {
            execute(connection, statement.getKey(), statement.getValue());
        }
        statements.clear();
        heads.clear();
        plannedPerExecution.clear();
    }

    private void execute(Connection connection, String sql, List<Queued> rows) throws SQLException {
        try (PreparedStatement statement = plannedPerExecution.contains(sql)
                ? PlannedPerExecution.prepare(connection, sql) : connection.prepareStatement(sql)) {
            if (rows.size() == 1) {
                rows.getFirst().row().bind(statement);
                check(rows.getFirst(), statement.executeUpdate());
                return;
            }
            for (Queued row : rows) {
                row.row().bind(statement);
                statement.addBatch();
            }
            int[] counts = statement.executeBatch();
            for (int i = 0; i < rows.size(); i++) {
                check(rows.get(i), counts[i]);
            }
        }
    }

    private static void check(Queued row, int count) {
        if (row.check() != null) {
            row.check().check(count);
        }
    }
}
