package io.batchcast.adapter.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

/** A SQLite database file in a temporary directory, as deployed by default. */
final class SqliteTestDatabase implements TestDatabase {

    private final Path directory;

    private SqliteTestDatabase(Path directory) {
        this.directory = directory;
    }

    static SqliteTestDatabase create() {
        try {
            return new SqliteTestDatabase(Files.createTempDirectory("batchcast-sqlite-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String url() {
        return "jdbc:sqlite:" + directory.resolve("batchcast.db");
    }

    /** With the pool's connection settings (a WAL journal, a busy timeout), so that it can write beside the pool. */
    @Override
    public Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.putAll(Dialect.SQLITE.driverProperties(url()));
        return DriverManager.getConnection(url(), properties);
    }

    @Override
    public String instantLiteral(Instant instant) {
        return "'" + Columns.sqliteText(instant) + "'";
    }

    /** The file the database lives in (its {@code -wal} file lies beside it). */
    Path file() {
        return directory.resolve("batchcast.db");
    }

    @Override
    public void goOffline() {
        throw new IllegalStateException("an embedded SQLite file cannot go offline");
    }

    @Override
    public void goOnline() {
        throw new IllegalStateException("an embedded SQLite file cannot go offline");
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
