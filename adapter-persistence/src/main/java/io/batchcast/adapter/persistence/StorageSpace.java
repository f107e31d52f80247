package io.batchcast.adapter.persistence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.sqlite.SQLiteErrorCode;

/**
 * Whether the database's storage has room for writes. Every failure a pooled connection reports passes
 * {@link #noteFailure}; a full disk (SQLite's {@code SQLITE_FULL}, PostgreSQL's SQLState {@code 53100},
 * {@code disk_full}) marks the storage full from that instant. While it is marked, {@link #fullness} runs a probe
 * write at most once every {@link #PROBE_INTERVAL} and clears the mark when the probe commits (and, for a database
 * file, its filesystem has {@link #FILE_MARGIN_BYTES} free): the space is back, and nothing needs a restart.
 * Lock-free on the failing side: a writer that fails must never wait for a probe, which may itself be waiting for
 * that writer's lock in the database.
 */
final class StorageSpace {

    static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);
    /**
     * The room a database file's filesystem must have, besides the probe committing, before a full disk counts as
     * freed: twice the log SQLite keeps before it checkpoints (1,000 pages of 4 KB), so that the log can fill and
     * the checkpoint can grow the database file by as much. A probe alone is not enough on SQLite: the log keeps its
     * size when a checkpoint restarts it, so the probe's one row fits in it on a disk that has no room left.
     */
    static final long FILE_MARGIN_BYTES = 8L * 1024 * 1024;
    private static final String POSTGRES_DISK_FULL = "53100";
    private static final int PROBE_TIMEOUT_SECONDS = 2;

    private record Full(Instant since, String code) {
    }

    private final Dialect dialect;
    private final Clock clock;
    private final Optional<Path> databaseFile;
    private final AtomicReference<Full> full = new AtomicReference<>();
    private final AtomicReference<Instant> lastProbe = new AtomicReference<>(Instant.MIN);

    StorageSpace(Dialect dialect, Clock clock) {
        this(dialect, clock, Optional.empty());
    }

    /** @param databaseFile the database's file, when it has one (SQLite): the room on its filesystem is checked too */
    StorageSpace(Dialect dialect, Clock clock, Optional<Path> databaseFile) {
        this.dialect = dialect;
        this.clock = clock;
        this.databaseFile = databaseFile;
    }

    /** Marks the storage full when {@code e} says the disk is full; any other failure changes nothing. */
    void noteFailure(SQLException e) {
        for (SQLException next = e; next != null; next = next.getNextException()) {
            Optional<String> code = diskFullCode(next);
            if (code.isPresent()) {
                full.compareAndSet(null, new Full(clock.instant(), code.get()));
                return;
            }
        }
    }

    /**
     * Empty while writes are not known to fail for lack of space; otherwise {@code "full: writes fail since
     * <instant>: <code>"} (the driver's message is left out: it names files). While full, at most one probe write
     * per {@link #PROBE_INTERVAL} runs on {@code probe}'s connections, and a probe that commits clears the mark.
     */
    Optional<String> fullness(Transactions probe) {
        Full seen = full.get();
        if (seen == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Instant last = lastProbe.get();
        if (!now.isBefore(last.plus(PROBE_INTERVAL)) && lastProbe.compareAndSet(last, now) && fileHasRoom()
                && probeWrites(probe)) {
            full.compareAndSet(seen, null);
            return Optional.empty();
        }
        return Optional.of("full: writes fail since " + seen.since() + ": " + seen.code());
    }

    /** True when the database has no file, or the file's filesystem has {@link #FILE_MARGIN_BYTES} free for us. */
    private boolean fileHasRoom() {
        if (databaseFile.isEmpty()) {
            return true;
        }
        try {
            return Files.getFileStore(databaseFile.get()).getUsableSpace() >= FILE_MARGIN_BYTES;
        } catch (IOException e) {
            return false; // the file or its filesystem cannot be read: not known to have room
        }
    }

    /** A small write that must find room on the storage to commit: a row of a temporary table on PostgreSQL. */
    private boolean probeWrites(Transactions probe) {
        try {
            probe.inTransaction("probing for storage space", connection -> {
                if (dialect == Dialect.POSTGRESQL) {
                    execute(connection, "CREATE TEMPORARY TABLE batchcast_storage_probe (written_at TEXT) ON COMMIT DROP");
                    write(connection, "INSERT INTO batchcast_storage_probe (written_at) VALUES (?)");
                } else {
                    execute(connection, "DELETE FROM meta WHERE meta_key = 'storage_probe'");
                    write(connection, "INSERT INTO meta (meta_key, meta_value) VALUES ('storage_probe', ?)");
                }
                return null;
            });
            return true;
        } catch (RuntimeException stillFailing) {
            return false;
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(PROBE_TIMEOUT_SECONDS);
            statement.execute(sql);
        }
    }

    private void write(Connection connection, String sql) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setQueryTimeout(PROBE_TIMEOUT_SECONDS);
            insert.setString(1, clock.instant().toString());
            insert.executeUpdate();
        }
    }

    /** {@code SQLITE_FULL} or {@code 53100} when {@code e} says the disk is full. */
    static Optional<String> diskFullCode(SQLException e) {
        if (SqliteAbortedTransactions.primaryCode(e) == SQLiteErrorCode.SQLITE_FULL.code) {
            return Optional.of(SQLiteErrorCode.SQLITE_FULL.name());
        }
        return POSTGRES_DISK_FULL.equals(e.getSQLState()) ? Optional.of(POSTGRES_DISK_FULL) : Optional.empty();
    }
}
