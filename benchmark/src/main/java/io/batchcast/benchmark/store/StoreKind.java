package io.batchcast.benchmark.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A store under measurement: how to open it with the settings the comparison is about, what makes a commit
 * durable, and how much disk it uses. Every option syncs at every group commit except {@link #SQLITE_NORMAL}, which
 * is measured for completeness (in WAL mode it syncs only at checkpoints).
 */
enum StoreKind {

    /** journal_mode=WAL, synchronous=FULL: the WAL is synced at every commit. */
    SQLITE_FULL("sqlite-full"),
    /** journal_mode=WAL, synchronous=NORMAL: commits are not synced; checkpoints are. */
    SQLITE_NORMAL("sqlite-normal"),
    /** The server's embedded default: H2 file mode with its URL and session settings, CHECKPOINT SYNC per commit. */
    H2("h2"),
    /** PostgreSQL with its defaults (fsync on, synchronous_commit on): the commit waits for the WAL flush. */
    POSTGRESQL("postgresql");

    static final String H2_SESSION = "SET LOCK_TIMEOUT 10000; SET WRITE_DELAY 100; SET RETENTION_TIME 1000";
    private static final String PG_DATABASE = "batchcast_store_bench";
    /** SQLite has no time type: fixed-width ISO-8601 text, which sorts as the instant does. */
    private static final DateTimeFormatter SQLITE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    final String label;

    StoreKind(String label) {
        this.label = label;
    }

    static StoreKind of(String label) {
        for (StoreKind kind : values()) {
            if (kind.label.equals(label)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("store must be one of sqlite-full, sqlite-normal, h2, postgresql, was '"
                + label + "'");
    }

    boolean sqlite() {
        return this == SQLITE_FULL || this == SQLITE_NORMAL;
    }

    /** Opens a new, empty database of this kind in {@code dir} (PostgreSQL: a recreated database), schema included. */
    Connection openFresh(Path dir, String pgUrl) throws SQLException, IOException {
        Connection connection = switch (this) {
            case SQLITE_FULL, SQLITE_NORMAL -> {
                deleteTree(dir);
                Files.createDirectories(dir);
                Properties properties = new Properties();
                // BEGIN IMMEDIATE: the one writer takes the write lock when its transaction starts
                properties.setProperty("transaction_mode", "IMMEDIATE");
                Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("batchcast.db"), properties);
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA journal_mode=WAL");
                    s.execute("PRAGMA synchronous=" + (this == SQLITE_FULL ? "FULL" : "NORMAL"));
                    s.execute("PRAGMA foreign_keys=ON");
                    s.execute("PRAGMA busy_timeout=10000");
                }
                yield c;
            }
            case H2 -> {
                deleteTree(dir);
                Files.createDirectories(dir);
                // the server's pool URL (retry: file system, QUERY_CACHE_SIZE=64, AUTO_COMPACT_FILL_RATE=75) and its
                // session settings
                Connection c = DriverManager.getConnection("jdbc:h2:retry:" + dir.resolve("batchcast").toAbsolutePath()
                        + ";QUERY_CACHE_SIZE=64;AUTO_COMPACT_FILL_RATE=75", "", "");
                try (Statement s = c.createStatement()) {
                    for (String setting : H2_SESSION.split("; ")) {
                        s.execute(setting);
                    }
                }
                yield c;
            }
            case POSTGRESQL -> {
                try (Connection admin = DriverManager.getConnection(pgUrl + "postgres", "postgres", "");
                        Statement s = admin.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + PG_DATABASE + " WITH (FORCE)");
                    s.execute("CREATE DATABASE " + PG_DATABASE);
                }
                yield DriverManager.getConnection(pgUrl + PG_DATABASE, "postgres", "");
            }
        };
        connection.setTransactionIsolation(sqlite() ? Connection.TRANSACTION_SERIALIZABLE
                : Connection.TRANSACTION_READ_COMMITTED);
        try (Statement s = connection.createStatement()) {
            for (String ddl : StoreSchema.statements(this)) {
                s.execute(ddl);
            }
        }
        connection.setAutoCommit(false);
        return connection;
    }

    /** Run right after each commit to make it durable before the group's callers would be answered. */
    String syncAfterCommit() {
        return this == H2 ? "CHECKPOINT SYNC" : "";
    }

    /** Row lock of a sequence row; SQLite has none (its one writer holds the database's write lock). */
    String forUpdate() {
        return sqlite() ? "" : " FOR UPDATE";
    }

    void setTime(PreparedStatement statement, int index, Instant instant) throws SQLException {
        Instant micros = instant.truncatedTo(ChronoUnit.MICROS);
        if (sqlite()) {
            statement.setString(index, SQLITE_TIME.format(micros));
        } else {
            statement.setObject(index, OffsetDateTime.ofInstant(micros, ZoneOffset.UTC));
        }
    }

    /** Decimals: SQLite's NUMERIC affinity would turn them into doubles, so it gets their exact text. */
    void setDecimal(PreparedStatement statement, int index, java.math.BigDecimal value) throws SQLException {
        if (sqlite()) {
            statement.setString(index, value.toPlainString());
        } else {
            statement.setBigDecimal(index, value);
        }
    }

    /** The database's process on the other end of the connection (PostgreSQL's backend), or -1 when in-process. */
    long backendPid(Connection connection) throws SQLException {
        if (this != POSTGRESQL) {
            return -1;
        }
        try (Statement s = connection.createStatement(); ResultSet row = s.executeQuery("SELECT pg_backend_pid()")) {
            row.next();
            return row.getLong(1);
        }
    }

    /** What the store occupies now: its files, or for PostgreSQL its tables with their indexes and TOAST. */
    DiskUse diskUse(Connection connection, Path dir) throws SQLException, IOException {
        if (this == POSTGRESQL) {
            try (Statement s = connection.createStatement(); ResultSet row = s.executeQuery(
                    "SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c"
                            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                            + " WHERE n.nspname = 'public' AND c.relkind = 'r'")) {
                row.next();
                return new DiskUse(row.getLong(1), 0, "");
            }
        }
        long total = 0;
        long wal = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                long size = Files.size(file);
                total += size;
                if (file.getFileName().toString().endsWith("-wal")) {
                    wal = size;
                }
            }
        }
        String detail = "";
        if (sqlite()) {
            detail = "page_count " + pragma(connection, "page_count") + ", freelist_count "
                    + pragma(connection, "freelist_count") + ", page_size " + pragma(connection, "page_size");
        }
        return new DiskUse(total, wal, detail);
    }

    private static long pragma(Connection connection, String name) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet row = s.executeQuery("PRAGMA " + name)) {
            row.next();
            return row.getLong(1);
        }
    }

    /** Drops the PostgreSQL database this measurement made; embedded files are left for inspection. */
    void dropFresh(String pgUrl) throws SQLException {
        if (this == POSTGRESQL) {
            try (Connection admin = DriverManager.getConnection(pgUrl + "postgres", "postgres", "");
                    Statement s = admin.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + PG_DATABASE + " WITH (FORCE)");
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Bytes on disk; {@code walBytes} is the part in SQLite's -wal file. */
    record DiskUse(long bytes, long walBytes, String detail) {
    }
}
