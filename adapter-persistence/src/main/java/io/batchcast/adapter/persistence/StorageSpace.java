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
 * {@code disk_full}, H2's "No space left on device" as {@code ENOSPC}) marks the storage full from that instant. While it is marked, {@link #fullness} runs a probe
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
     * size when a checkpoint restarts it, so the probe's one row fits in it on a disk that has no room left. H2's
     * file, which grows a chunk at a time, gets the same margin.
     */
    static final long FILE_MARGIN_BYTES = 8L * 1024 * 1024;
    private static final String POSTGRES_DISK_FULL = "53100";
    /** What the JDK says on Linux for a write that failed with {@code ENOSPC}. */
    private static final String NO_SPACE = "No space left on device";
    private static final String ENOSPC = "ENOSPC";
    private static final int H2_DATABASE_IS_CLOSED = 90098;
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

    /** @param databaseFile the database's file, if any (SQLite, embedded H2): its filesystem's room is checked too */
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

    /**
     * A small write that must find room on the storage to commit: a row of a temporary table on PostgreSQL, a row of
     * {@code meta} on SQLite and H2, there followed by H2's sync.
     */
    private boolean probeWrites(Transactions probe) {
        try {
            probeOnce(probe);
            return true;
        } catch (RuntimeException failed) {
            if (!(failed.getCause() instanceof SQLException sql && sql.getErrorCode() == H2_DATABASE_IS_CLOSED)) {
                return false;
            }
        }
        // H2 closed the database after a write to its file failed, and the pool has just evicted every connection
        // to it: a fresh connection opens the database again from its file
        try {
            probeOnce(probe);
            return true;
        } catch (RuntimeException stillFailing) {
            return false;
        }
    }

    private void probeOnce(Transactions probe) {
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
        if (!dialect.syncAfterCommit().isEmpty()) {
            // H2 commits in memory: only its sync says the probe's row reached the file
            probe.autoCommit("syncing the storage probe", connection -> {
                execute(connection, dialect.syncAfterCommit());
                return null;
            });
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

    /**
     * {@code SQLITE_FULL}, {@code 53100} or {@code ENOSPC} when {@code e} says the disk is full. H2 has no code of its
     * own for it: it reports a general error (50000) whose causes end in the operating system's "No space left on
     * device" from the file write.
     */
    static Optional<String> diskFullCode(SQLException e) {
        if (SqliteAbortedTransactions.primaryCode(e) == SQLiteErrorCode.SQLITE_FULL.code) {
            return Optional.of(SQLiteErrorCode.SQLITE_FULL.name());
        }
        if (POSTGRES_DISK_FULL.equals(e.getSQLState())) {
            return Optional.of(POSTGRES_DISK_FULL);
        }
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof IOException && NO_SPACE.equals(cause.getMessage())) {
                return Optional.of(ENOSPC);
            }
        }
        return Optional.empty();
    }
}
