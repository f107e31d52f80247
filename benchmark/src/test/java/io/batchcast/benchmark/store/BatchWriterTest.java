package io.batchcast.benchmark.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BatchWriterTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = StoreKind.class, names = {"SQLITE_FULL", "H2"})
    void aGroupWritesEachBatchsRowItsTenOrdersAndItsEventInBothSequences(StoreKind kind) throws Exception {
        try (Connection connection = kind.openFresh(dir.resolve(kind.label), "")) {
            BatchWriter writer = new BatchWriter(kind, connection);

            writer.writeGroup(8);
            writer.writeGroup(8);

            assertEquals(16, count(connection, "SELECT COUNT(*) FROM batches WHERE results LIKE '[{\"outcome\":\"CREATED\"%'"
                    + " AND event_seq IS NOT NULL"));
            assertEquals(160, count(connection, "SELECT COUNT(*) FROM orders"));
            assertEquals(16, count(connection, "SELECT COUNT(*) FROM events"));
            assertEquals(16, count(connection, "SELECT SUM(head_seq) FROM streams"));
            assertEquals(8, count(connection, "SELECT head_seq FROM user_streams WHERE user_id = 'user-1'"));
            assertEquals(16, count(connection, "SELECT SUM(batches) FROM statistics_batches"));
            assertEquals(160, count(connection, "SELECT SUM(created) FROM statistics_order_types"));
            assertEquals(2, writer.head(3));
        }
    }

    @ParameterizedTest
    @EnumSource(value = StoreKind.class, names = {"SQLITE_FULL", "H2"})
    void pruningKeepsOnlyTheBatchesFromTheCutoffOn(StoreKind kind) throws Exception {
        try (Connection connection = kind.openFresh(dir.resolve(kind.label), "")) {
            BatchWriter writer = new BatchWriter(kind, connection);
            writer.writeGroup(8);
            Instant between = Instant.now();
            Thread.sleep(2);
            writer.writeGroup(8);
            long[] lastSeq = new long[BatchWriter.STRATEGIES + 1];
            java.util.Arrays.fill(lastSeq, 1);

            writer.prune(8, lastSeq, between);

            assertEquals(8, count(connection, "SELECT COUNT(*) FROM batches"));
            assertEquals(80, count(connection, "SELECT COUNT(*) FROM orders"));
            assertEquals(8, count(connection, "SELECT COUNT(*) FROM events"));
            assertEquals(5, count(connection, "SELECT MIN(user_seq) FROM events WHERE user_id = 'user-0'"));
            assertEquals(1 + 2 + 3 + 4, count(connection, "SELECT SUM(pruned_user_seq) FROM streams"
                    + " WHERE strategy_id <= 4"));
        }
    }

    private static long count(Connection connection, String sql) throws Exception {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
