package io.batchcast.adapter.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Retention of receipts: deletes COMPLETED {@code batches} rows whose {@code completed_at} is before the cutoff,
 * together with their {@code batch_results}. There is no index on {@code completed_at} (each index would cost every
 * submit's commit more B-tree pages); instead the walk follows the primary key from the oldest row, because
 * {@code id} grows in claim/insert order and {@code completed_at} follows it within seconds. It stops at the first
 * COMPLETED row at or after the cutoff, so a run reads the old rows it deletes, the PENDING claims among them, and
 * at most one chunk more. PENDING claims are never deleted here: an abandoned claim answers FAILED_PRECONDITION and
 * must keep doing so.
 */
final class ReceiptPruner {

    static final int CHUNK = 1_000;

    private final Transactions transactions;
    private final int chunk;

    ReceiptPruner(Transactions transactions, int chunk) {
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be at least 1, was " + chunk);
        }
        this.transactions = transactions;
        this.chunk = chunk;
    }

    /** Deletes the receipts completed before {@code cutoff}, a chunk per transaction; returns how many batches. */
    long prune(Instant cutoff) {
        long deleted = 0;
        long after = 0;
        while (true) {
            long from = after;
            Chunk pruned = transactions.inTransaction("pruning old receipts", connection ->
                    pruneChunk(connection, from, cutoff));
            deleted += pruned.deleted();
            if (pruned.done()) {
                return deleted;
            }
            after = pruned.lastId();
        }
    }

    /** What one chunk did: batches deleted, the last id it looked at, and whether the walk is over. */
    private record Chunk(int deleted, long lastId, boolean done) {
    }

    private record Row(long id, String batchId, boolean completed, Instant completedAt) {
    }

    private Chunk pruneChunk(Connection connection, long after, Instant cutoff) throws SQLException {
        List<Row> rows = rowsAfter(connection, after);
        List<Long> ids = new ArrayList<>();
        List<String> batchIds = new ArrayList<>();
        for (Row row : rows) {
            if (row.completed() && !row.completedAt().isBefore(cutoff)) {
                return new Chunk(deleteReceipts(connection, ids, batchIds), row.id(), true);
            }
            if (row.completed()) {
                ids.add(row.id());
                batchIds.add(row.batchId());
            }
        }
        long lastId = rows.isEmpty() ? after : rows.getLast().id();
        return new Chunk(deleteReceipts(connection, ids, batchIds), lastId, rows.size() < chunk);
    }

    private List<Row> rowsAfter(Connection connection, long after) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT id, batch_id, state, completed_at"
                + " FROM batches WHERE id > ? ORDER BY id LIMIT " + chunk)) {
            select.setLong(1, after);
            List<Row> rows = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    boolean completed = BatchRows.COMPLETED.equals(row.getString("state"));
                    rows.add(new Row(row.getLong("id"), row.getString("batch_id"), completed,
                            completed ? Columns.getInstant(row, "completed_at") : null));
                }
            }
            return rows;
        }
    }

    /**
     * Results first: they reference the batch. Completed rows never change again, so the ids read stay valid; the
     * count is what this transaction deleted (another instance pruning at the same time may have taken some).
     */
    private static int deleteReceipts(Connection connection, List<Long> ids, List<String> batchIds)
            throws SQLException {
        if (ids.isEmpty()) {
            return 0;
        }
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM batch_results WHERE batch_id IN (" + placeholders(batchIds.size()) + ")")) {
            for (int i = 0; i < batchIds.size(); i++) {
                delete.setString(i + 1, batchIds.get(i));
            }
            delete.executeUpdate();
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM batches WHERE state = ? AND id IN ("
                + placeholders(ids.size()) + ")")) {
            delete.setString(1, BatchRows.COMPLETED);
            for (int i = 0; i < ids.size(); i++) {
                delete.setLong(i + 2, ids.get(i));
            }
            return delete.executeUpdate();
        }
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }
}
