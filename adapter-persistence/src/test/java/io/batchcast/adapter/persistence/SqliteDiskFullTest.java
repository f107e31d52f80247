package io.batchcast.adapter.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.batchcast.application.port.in.StoreUnavailableException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A SQLite file on a real filesystem that runs full. SQLite rolls a transaction back by itself when a statement fails
 * with {@code SQLITE_FULL}, so the connection it ran on is in auto-commit mode while the driver still believes it is
 * in a transaction: a pool that kept it would run the next caller's statements one by one, each committed on its own.
 */
class SqliteDiskFullTest {

    private SmallFilesystem filesystem;
    private String url;
    private HikariDataSource pool;
    private Transactions transactions;

    @BeforeEach
    void mountASmallFilesystem() {
        filesystem = SmallFilesystem.mount(32);
        url = "jdbc:sqlite:" + filesystem.root().resolve("batchcast.db");
    }

    @AfterEach
    void unmount() {
        try {
            if (pool != null) {
                pool.close();
            }
        } finally {
            filesystem.close();
        }
    }

    private void openAPoolOfOneConnection() {
        pool = ConnectionPool.open(PersistenceSettings.of(url, "", "").withPoolSize(1), Dialect.SQLITE);
        transactions = new Transactions(pool);
        transactions.autoCommit("creating the table", connection -> {
            try (Statement create = connection.createStatement()) {
                return create.execute("CREATE TABLE rows_written (id INTEGER PRIMARY KEY, v BLOB NOT NULL)");
            }
        });
    }

    @Test
    void afterAStatementFailedOnAFullDiskNoLaterWorkIsWrittenOutsideItsTransaction() throws SQLException {
        openAPoolOfOneConnection();
        filesystem.fill();
        StoreUnavailableException full = assertThrows(StoreUnavailableException.class,
                () -> transactions.inTransaction("writing 4 MB", connection -> {
                    insert(connection, 1, "zeroblob(10)");
                    return insert(connection, 2, "randomblob(4194304)"); // more than SQLite's page cache: it spills
                }));
        assertEquals(13, SqliteAbortedTransactions.primaryCode((SQLException) full.getCause()), "SQLITE_FULL");
        assertTrue(full.getMessage().startsWith("database unavailable while writing 4 MB (SQLITE_FULL): "),
                full.getMessage());
        filesystem.free();

        assertThrows(IllegalStateException.class, () -> transactions.inTransaction("failing after a row",
                connection -> {
                    insert(connection, 3, "zeroblob(10)");
                    throw new IllegalStateException("the work fails after its first row");
                }));
        assertEquals(0, count(), "neither the transaction that ran out of space nor the one that failed wrote a row");

        transactions.inTransaction("writing after the disk was freed", connection -> insert(connection, 4, "zeroblob(10)"));
        assertEquals(1, count(), "the pool healed: a new connection writes");
    }

    /**
     * The log keeps its size when a checkpoint restarts it, so small writes still fit in it on a full disk while every
     * write larger than its spare room fails: a probe that only has to commit one small row would call such a disk
     * ready, and readiness would flap up and down while the disk stays full.
     */
    @Test
    void aProbeThatFitsInTheLogsSpareRoomDoesNotCallAFullDiskReady() throws SQLException {
        Instant start = Instant.parse("2026-12-03T10:00:00Z");
        SettableClock clock = new SettableClock(start);
        Persistence.open(PersistenceSettings.of(url, "", ""), clock).close(); // the schema, with the probe's table
        StorageSpace space = new StorageSpace(Dialect.SQLITE, clock, Dialect.SQLITE.databaseFile(url));
        pool = ConnectionPool.open(PersistenceSettings.of(url, "", "").withPoolSize(1), Dialect.SQLITE, null, space);
        transactions = new Transactions(pool);
        transactions.autoCommit("creating the table", connection -> {
            try (Statement create = connection.createStatement()) {
                return create.execute("CREATE TABLE rows_written (id INTEGER PRIMARY KEY, v BLOB NOT NULL)");
            }
        });
        transactions.inTransaction("writing 4 MB", connection -> insert(connection, 1, "randomblob(4194304)"));
        transactions.autoCommit("restarting the log", connection -> {
            try (Statement checkpoint = connection.createStatement()) {
                return checkpoint.execute("PRAGMA wal_checkpoint(RESTART)");
            }
        });
        filesystem.fill();
        assertThrows(StoreUnavailableException.class, () -> transactions.inTransaction("writing 8 MB",
                connection -> insert(connection, 2, "randomblob(8388608)")));
        Optional<String> full = Optional.of("full: writes fail since 2026-12-03T10:00:00Z: SQLITE_FULL");

        clock.set(start.plusSeconds(1));
        assertEquals(full, space.fullness(transactions), "the probe's row fits in the log, but the disk is full");
        transactions.inTransaction("a small write", connection -> insert(connection, 3, "zeroblob(10)"));
        filesystem.free();
        clock.set(start.plusSeconds(2));
        assertEquals(Optional.empty(), space.fullness(transactions), "room again: ready");
    }

    private static int insert(Connection connection, int id, String value) throws SQLException {
        try (Statement insert = connection.createStatement()) {
            return insert.executeUpdate("INSERT INTO rows_written (id, v) VALUES (" + id + ", " + value + ")");
        }
    }

    private long count() throws SQLException {
        try (Connection reader = DriverManager.getConnection(url); Statement query = reader.createStatement();
                ResultSet rows = query.executeQuery("SELECT COUNT(*) FROM rows_written")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
