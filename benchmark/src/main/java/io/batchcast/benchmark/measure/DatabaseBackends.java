package io.batchcast.benchmark.measure;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CPU of PostgreSQL's own processes that work for the server under test, read from {@code /proc/<pid>/stat}
 * (PostgreSQL runs on this machine): the backends of the server's connections (the {@code pg_stat_activity} rows of
 * the benchmark's database with the server's {@code application_name}) and, apart, the shared background processes
 * (WAL writer, checkpointer, background writer), which work for every database of the instance and are therefore
 * not charged to the server. The pool may open or close connections while a window runs: the set of pids is read
 * again every second and at every reading, and a backend's last CPU reading is kept after it is gone.
 */
public final class DatabaseBackends implements AutoCloseable {

    static final String HARNESS_APPLICATION_NAME = "batchcast-bench-harness";
    private static final String BACKENDS = "SELECT pid FROM pg_stat_activity WHERE application_name = ?"
            + " AND datname = current_database() AND pid <> pg_backend_pid()";
    private static final String BACKGROUND = "SELECT pid FROM pg_stat_activity"
            + " WHERE backend_type IN ('walwriter', 'checkpointer', 'background writer')";

    private final Connection connection;
    private final String serverApplicationName;
    private final Map<Long, Long> backendNanos = new ConcurrentHashMap<>();
    private final Map<Long, Long> backgroundNanos = new ConcurrentHashMap<>();
    private final Thread sampler;
    private final Map<String, String> settings;

    private DatabaseBackends(Connection connection, String serverApplicationName) throws SQLException {
        this.connection = connection;
        this.serverApplicationName = serverApplicationName;
        this.settings = readSettings(connection);
        this.sampler = Thread.ofPlatform().daemon().name("database-backends").start(this::sampleEverySecond);
    }

    /**
     * Watches the backends named {@code serverApplicationName} in the database of {@code url}; an
     * IllegalStateException when they cannot be watched from here (JDBC stays inside this package).
     */
    public static DatabaseBackends open(String url, String user, String password, String serverApplicationName) {
        try {
            return connect(url, user, password, serverApplicationName);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read PostgreSQL's backends (" + e.getMessage() + ")", e);
        }
    }

    private static DatabaseBackends connect(String url, String user, String password, String serverApplicationName)
            throws SQLException {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", HARNESS_APPLICATION_NAME);
        Connection connection = DriverManager.getConnection(url, properties);
        long own = ownBackend(connection);
        if (!isPostgresProcess(own)) {
            connection.close();
            throw new IllegalStateException("PostgreSQL runs on another machine (its backend " + own
                    + " is no postgres process here): its backends' CPU cannot be read");
        }
        DatabaseBackends backends = new DatabaseBackends(connection, serverApplicationName);
        backends.refresh();
        return backends;
    }

    private static long ownBackend(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_backend_pid()");
             ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /** A pid of a remote server may well be some local process: count only what is PostgreSQL's here. */
    private static boolean isPostgresProcess(long pid) {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(pid), "comm")).trim()
                    .startsWith("postgres");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Cumulative CPU of the server's backends (every one seen so far). */
    public CpuCounter serverBackends() {
        return () -> {
            refresh();
            return backendNanos.values().stream().mapToLong(Long::longValue).sum();
        };
    }

    /** Cumulative CPU of the instance's WAL writer, checkpointer and background writer. */
    public CpuCounter sharedBackground() {
        return () -> {
            refresh();
            return backgroundNanos.values().stream().mapToLong(Long::longValue).sum();
        };
    }

    /**
     * The instance's settings that move the figures, as the run found them: a test server may run without
     * autovacuum (then no ANALYZE or VACUUM ever runs, and the tables keep every dead row) or without fsync.
     */
    public Map<String, String> settings() {
        return settings;
    }

    private static Map<String, String> readSettings(Connection connection) throws SQLException {
        Map<String, String> settings = new java.util.TreeMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT name, setting, unit FROM pg_settings"
                + " WHERE name IN ('server_version', 'autovacuum', 'fsync', 'synchronous_commit', 'shared_buffers',"
                + " 'max_parallel_workers_per_gather')");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                String unit = rows.getString(3);
                settings.put(rows.getString(1), rows.getString(2) + (unit == null ? "" : " × " + unit));
            }
        }
        return java.util.Collections.unmodifiableMap(settings);
    }

    /** How many distinct backends of the server were seen so far. */
    public int backendsSeen() {
        return backendNanos.size();
    }

    private synchronized void refresh() {
        try {
            read(pids(BACKENDS, serverApplicationName), backendNanos);
            read(pids(BACKGROUND, null), backgroundNanos);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read pg_stat_activity: " + e.getMessage(), e);
        }
    }

    private static void read(List<Long> pids, Map<Long, Long> nanos) {
        for (long pid : pids) {
            ProcStat.cpuNanos(pid).ifPresent(n -> nanos.put(pid, n));
        }
    }

    private List<Long> pids(String sql, String applicationName) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (applicationName != null) {
                statement.setString(1, applicationName);
            }
            List<Long> pids = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    pids.add(rows.getLong(1));
                }
            }
            return pids;
        }
    }

    private void sampleEverySecond() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(1_000);
                refresh();
            }
        } catch (InterruptedException | IllegalStateException stopped) {
            // closed, or the database went away: the readings so far stand
        }
    }

    @Override
    public void close() throws InterruptedException {
        sampler.interrupt();
        sampler.join(5_000);
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the harness's own connection: nothing was written through it
        }
    }
}
