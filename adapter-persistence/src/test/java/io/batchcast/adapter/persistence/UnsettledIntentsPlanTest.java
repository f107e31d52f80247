package io.batchcast.adapter.persistence;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Reconciliation reads the unsettled intents every second. On PostgreSQL each settled batch leaves a dead
 * {@code batch_intents} row until autovacuum's next visit; without an index that read was a (parallel) scan of every
 * one of them (the benchmark: about 5,000 pages a read at 700 batches/s). With {@code batch_intents_oldest_first}
 * it reads the index from its oldest entry.
 */
class UnsettledIntentsPlanTest {

    @Test
    void postgresReadsTheUnsettledIntentsOldestFirstFromTheIndexPastTheDeadRowsOfSettledOnes() throws SQLException {
        try (PostgresTestDatabase database = PostgresTestDatabase.create();
                Persistence persistence = database.open();
                Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE batch_intents SET (autovacuum_enabled = false)");
            // a minute of settled batches at 700/s: written, then deleted, not yet vacuumed
            statement.execute("INSERT INTO batch_intents (batch_id, created_at, steps) SELECT 'settled-' || i,"
                    + " now() - interval '1 hour' + i * interval '1 millisecond', repeat('x', 400)"
                    + " FROM generate_series(1, 42000) AS i");
            statement.execute("INSERT INTO batches (batch_id, user_id, strategy_id, state, completed_at, results)"
                    + " SELECT 'settled-' || i, 'u', 1, 'COMPLETED', now(), '[]' FROM generate_series(1, 42000) AS i");
            statement.execute("ANALYZE batch_intents");
            statement.execute("ANALYZE batches");
            statement.execute("DELETE FROM batch_intents");
            statement.execute("INSERT INTO batch_intents (batch_id, created_at, steps) SELECT 'open-' || i, now(),"
                    + " '[]' FROM generate_series(1, 3) AS i");
            statement.execute("INSERT INTO batches (batch_id, user_id, strategy_id, state) SELECT 'open-' || i, 'u',"
                    + " 1, 'INTENT' FROM generate_series(1, 3) AS i");

            String plan = plan(statement, JdbcBatchIntents.UNSETTLED.replaceFirst("\\?", "now() - interval '30 seconds'")
                    .replaceFirst("\\?", "100"));
            assertTrue(plan.contains("Index Scan using batch_intents_oldest_first on batch_intents i"), plan);
            // the first read visits each dead row once and marks its index entry dead; later reads skip those
            // entries: the index's pages (about 200 for 42,000 entries), not the table's 2,700
            String again = plan(statement, JdbcBatchIntents.UNSETTLED
                    .replaceFirst("\\?", "now() - interval '30 seconds'").replaceFirst("\\?", "100"));
            Matcher second = Pattern.compile("Buffers: shared hit=(\\d+)").matcher(again);
            assertTrue(second.find() && Integer.parseInt(second.group(1)) < 300, again + "\nfirst:\n" + plan);
        }
    }

    private static String plan(Statement statement, String query) throws SQLException {
        return UsedClientOrderIdsPlanTest.plan(statement, "(ANALYZE, BUFFERS, TIMING OFF) " + query);
    }
}
