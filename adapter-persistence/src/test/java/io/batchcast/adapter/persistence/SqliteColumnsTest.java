package io.batchcast.adapter.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What SQLite's columns hold, as text, when written through the pool (HikariCP's proxies in between): sqlite-jdbc's
 * own {@code setBigDecimal} stores {@code 1E-8} and its {@code setObject(OffsetDateTime)} a variable-width text that
 * does not sort as time does.
 */
class SqliteColumnsTest {

    @Test
    void decimalsAreStoredInPlainNotationAndInstantsAsFixedWidthUtcText() throws SQLException {
        try (SqliteTestDatabase database = SqliteTestDatabase.create();
                HikariDataSource pool = ConnectionPool.open(database.settings(), Dialect.SQLITE);
                Connection connection = pool.getConnection()) {
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE TABLE t (d TEXT, at TEXT)");
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t (d, at) VALUES (?, ?)")) {
                Columns.setDecimal(insert, 1, new BigDecimal("0.00000001"));
                Columns.setInstant(insert, 2, Instant.parse("2026-12-02T05:49:25.51Z"));
                insert.executeUpdate();
                Columns.setDecimal(insert, 1, null);
                Columns.setInstant(insert, 2, Instant.parse("2026-12-02T05:49:25.510909999Z"));
                insert.executeUpdate();
            }
            try (Statement select = connection.createStatement();
                    ResultSet rows = select.executeQuery("SELECT d, at FROM t ORDER BY at")) {
                rows.next();
                assertEquals("0.00000001", rows.getString("d"));
                assertEquals("2026-12-02T05:49:25.510000Z", rows.getString("at"));
                assertEquals(new BigDecimal("0.00000001"), Columns.getDecimal(rows, "d"));
                assertEquals(Instant.parse("2026-12-02T05:49:25.51Z"), Columns.getInstant(rows, "at"));
                rows.next();
                assertNull(rows.getString("d"));
                assertNull(Columns.getDecimal(rows, "d"));
                assertEquals("2026-12-02T05:49:25.510909Z", rows.getString("at"));
                assertEquals(Instant.parse("2026-12-02T05:49:25.510909Z"), Columns.getInstantOrNull(rows, "at"));
            }
        }
    }
}
