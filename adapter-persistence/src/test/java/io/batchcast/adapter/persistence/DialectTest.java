package io.batchcast.adapter.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DialectTest {

    @Test
    void h2PoolUrlsReadEmbeddedFilesThroughRetryAndCacheEnoughParsedStatements() {
        assertEquals("jdbc:h2:retry:file:./data/batchcast;QUERY_CACHE_SIZE=64;AUTO_COMPACT_FILL_RATE=75"
                + ";DB_CLOSE_ON_EXIT=FALSE",
                Dialect.H2.poolUrl("jdbc:h2:file:./data/batchcast"));
        assertEquals("jdbc:h2:retry:./data/batchcast;MODE=REGULAR;QUERY_CACHE_SIZE=64;AUTO_COMPACT_FILL_RATE=75"
                + ";DB_CLOSE_ON_EXIT=FALSE",
                Dialect.H2.poolUrl("jdbc:h2:./data/batchcast;MODE=REGULAR"));
        assertEquals("jdbc:h2:tcp://127.0.0.1:9092/batchcast;QUERY_CACHE_SIZE=64;AUTO_COMPACT_FILL_RATE=75",
                Dialect.H2.poolUrl("jdbc:h2:tcp://127.0.0.1:9092/batchcast"));
    }

    @Test
    void anOperatorsOwnQueryCacheSizeWins() {
        assertEquals("jdbc:h2:retry:file:/srv/bc;query_cache_size=16;AUTO_COMPACT_FILL_RATE=75;DB_CLOSE_ON_EXIT=FALSE",
                Dialect.H2.poolUrl("jdbc:h2:file:/srv/bc;query_cache_size=16"));
    }

    @Test
    void anOperatorsOwnAutoCompactFillRateWins() {
        assertEquals("jdbc:h2:retry:file:/srv/bc;auto_compact_fill_rate=90;QUERY_CACHE_SIZE=64"
                + ";DB_CLOSE_ON_EXIT=FALSE",
                Dialect.H2.poolUrl("jdbc:h2:file:/srv/bc;auto_compact_fill_rate=90"));
    }

    @Test
    void postgresqlUrlsAreUsedAsGiven() {
        assertEquals("jdbc:postgresql://db/batchcast?ssl=true",
                Dialect.POSTGRESQL.poolUrl("jdbc:postgresql://db/batchcast?ssl=true"));
    }

    @Test
    void theDialectFollowsTheUrlsPrefix() {
        assertEquals(Dialect.SQLITE, Dialect.of("jdbc:sqlite:./data/batchcast.db"));
        assertEquals(Dialect.H2, Dialect.of("jdbc:h2:file:./data/batchcast"));
        assertEquals(Dialect.POSTGRESQL, Dialect.of("jdbc:postgresql://db/batchcast"));
        assertEquals("jdbc:sqlite:./data/batchcast.db", Dialect.SQLITE.poolUrl("jdbc:sqlite:./data/batchcast.db"));
    }

    /** WAL, a sync at every commit (FULL is 2), a writer that waits 10 s for the write lock: on every pooled connection. */
    @Test
    void everySqliteConnectionOfThePoolWritesAheadSyncsEachCommitAndWaitsForTheWriteLock() throws SQLException {
        try (SqliteTestDatabase database = SqliteTestDatabase.create();
                HikariDataSource pool = ConnectionPool.open(database.settings(), Dialect.SQLITE)) {
            for (int i = 0; i < 2; i++) {
                try (Connection first = pool.getConnection(); Connection second = pool.getConnection()) {
                    for (Connection connection : List.of(first, second)) {
                        assertEquals("wal", pragma(connection, "journal_mode"));
                        assertEquals("2", pragma(connection, "synchronous"));
                        assertEquals("10000", pragma(connection, "busy_timeout"));
                    }
                }
            }
        }
    }

    @Test
    void anOperatorsOwnSqliteSettingInTheUrlWins() throws SQLException {
        try (SqliteTestDatabase database = SqliteTestDatabase.create();
                HikariDataSource pool = ConnectionPool.open(
                        PersistenceSettings.of(database.url() + "?busy_timeout=1234", "", ""), Dialect.SQLITE);
                Connection connection = pool.getConnection()) {
            assertEquals("1234", pragma(connection, "busy_timeout"));
            assertEquals("2", pragma(connection, "synchronous"));
        }
    }

    /** SQLite creates a missing file but not its directory; the default ./data/batchcast.db works on a fresh checkout. */
    @Test
    void theDirectoryOfANewSqliteFileIsCreated(@TempDir Path dir) {
        Path file = dir.resolve("data").resolve("nested").resolve("batchcast.db");
        try (Persistence persistence = Persistence.open(PersistenceSettings.of("jdbc:sqlite:" + file, "", ""),
                Clock.systemUTC())) {
            assertTrue(Files.isRegularFile(file), file + " was not created");
            assertEquals(8, persistence.epoch().length());
        }
    }

    /** A directory that cannot be made (its parent is a file) stops the start with a message naming it. */
    @Test
    void aSqliteDirectoryThatCannotBeCreatedIsNamed(@TempDir Path dir) throws java.io.IOException {
        Path notADirectory = Files.writeString(dir.resolve("data"), "a file where the directory should be");
        java.io.UncheckedIOException refused = assertThrows(java.io.UncheckedIOException.class,
                () -> Dialect.SQLITE.createDatabaseDirectory("jdbc:sqlite:" + notADirectory.resolve("db/batchcast.db")));

        assertEquals("cannot create the directory of the database file " + notADirectory.resolve("db"),
                refused.getMessage());
    }

    /** H2 makes its own directories; only SQLite's are made for it. */
    @Test
    void noDirectoryIsMadeForAnH2File(@TempDir Path dir) {
        Dialect.H2.createDatabaseDirectory("jdbc:h2:file:" + dir.resolve("h2/batchcast"));

        assertTrue(Files.notExists(dir.resolve("h2")));
    }

    @Test
    void theDatabaseFileIsTheSqliteUrlsPathMadeAbsolute() {
        Path here = Path.of("").toAbsolutePath();
        assertEquals(java.util.Optional.of(here.resolve("data/batchcast.db")),
                Dialect.SQLITE.databaseFile("jdbc:sqlite:./data/batchcast.db").map(Path::normalize));
        assertEquals(java.util.Optional.of(Path.of("/srv/bc/b.db")),
                Dialect.SQLITE.databaseFile("jdbc:sqlite:file:/srv/bc/b.db?busy_timeout=5000"));
        assertEquals(java.util.Optional.empty(), Dialect.SQLITE.databaseFile("jdbc:sqlite::memory:"));
        assertEquals(java.util.Optional.empty(), Dialect.SQLITE.databaseFile("jdbc:sqlite:"));
        assertEquals(java.util.Optional.empty(), Dialect.POSTGRESQL.databaseFile("jdbc:postgresql://db/batchcast"));
    }

    @Test
    void anEmbeddedH2DatabasesFileIsItsMvDbFile() {
        Path here = Path.of("").toAbsolutePath();
        assertEquals(java.util.Optional.of(here.resolve("data/batchcast.mv.db")),
                Dialect.H2.databaseFile("jdbc:h2:file:./data/batchcast").map(Path::normalize));
        assertEquals(java.util.Optional.of(Path.of("/srv/bc.mv.db")),
                Dialect.H2.databaseFile("jdbc:h2:/srv/bc;MODE=REGULAR"));
        assertEquals(java.util.Optional.of(Path.of(System.getProperty("user.home"), "bc.mv.db")),
                Dialect.H2.databaseFile("jdbc:h2:~/bc"));
        assertEquals(java.util.Optional.empty(), Dialect.H2.databaseFile("jdbc:h2:mem:test"));
        assertEquals(java.util.Optional.empty(), Dialect.H2.databaseFile("jdbc:h2:tcp://127.0.0.1:9092/batchcast"));
    }

    private static String pragma(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("PRAGMA " + name)) {
            assertTrue(row.next(), name);
            return row.getString(1);
        }
    }

    /** H2's default of 8 is fewer than the distinct statements of one submit: each was parsed on every submit. */
    @Test
    void theEmbeddedDatabaseTheServerOpensCachesSixtyFourStatementsPerConnection() throws SQLException {
        assertEquals("64", settingOfTheOpenedDatabase("QUERY_CACHE_SIZE"));
    }

    /** H2's default of 90 rewrote chunks under load while holding the store lock each group commit's sync waits for. */
    @Test
    void theEmbeddedDatabaseTheServerOpensRewritesChunksUnderLoadOnlyWhenTheyAreNearlyEmpty() throws SQLException {
        assertEquals("75", settingOfTheOpenedDatabase("AUTO_COMPACT_FILL_RATE"));
    }

    private static String settingOfTheOpenedDatabase(String name) throws SQLException {
        try (H2TestDatabase database = H2TestDatabase.embedded();
                Persistence persistence = Persistence.open(database.settings(), Clock.systemUTC());
                Connection connection = database.connect();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = ?")) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next(), name + " is not among the database's settings");
                return row.getString(1);
            }
        }
    }
}
