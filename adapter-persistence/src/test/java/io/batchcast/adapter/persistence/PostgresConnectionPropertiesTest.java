package io.batchcast.adapter.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The pool's PostgreSQL connections get the driver properties the pool sets: a socket timeout (a vanished server
 * fails a call instead of blocking it) and batched inserts rewritten into one multi-row statement. Both were once
 * given as a {@code Long} and a {@code Boolean}, which the driver never saw (it reads only text values), so every
 * connection ran on the driver's defaults: no timeout, one statement per row.
 */
class PostgresConnectionPropertiesTest {

    @Test
    void pooledConnectionsHaveTheSocketTimeoutAndRewriteBatchedInserts() throws Exception {
        try (PostgresTestDatabase database = PostgresTestDatabase.create();
                HikariDataSource pool = ConnectionPool.open(PersistenceSettings.of(database.url(), "postgres", ""),
                        Dialect.POSTGRESQL);
                Connection connection = pool.getConnection()) {
            assertEquals(30_000, connection.getNetworkTimeout());
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE TABLE rows_in_one_statement (id INT PRIMARY KEY)");
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO rows_in_one_statement (id) VALUES (?)")) {
                for (int id = 1; id <= 4; id++) {
                    insert.setInt(1, id);
                    insert.addBatch();
                }
                // one rewritten statement reports no count per row; row by row, each would report 1
                assertArrayEquals(new int[] {Statement.SUCCESS_NO_INFO, Statement.SUCCESS_NO_INFO,
                        Statement.SUCCESS_NO_INFO, Statement.SUCCESS_NO_INFO}, insert.executeBatch());
            }
        }
    }

    @Test
    void thePropertiesAreTextAsTheDriverReadsThem() {
        assertEquals(java.util.Map.of("connectTimeout", "3", "socketTimeout", "30", "tcpKeepAlive", "true",
                "ApplicationName", "batchcast", "reWriteBatchedInserts", "true"),
                ConnectionPool.postgresProperties(3_000));
    }
}
