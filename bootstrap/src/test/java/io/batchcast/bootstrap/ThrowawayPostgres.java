package io.batchcast.bootstrap;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/** A fresh database on the machine's PostgreSQL (127.0.0.1:5432, trust auth, user postgres), dropped afterwards. */
final class ThrowawayPostgres implements AutoCloseable {

    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    final String name = "bc_sys_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    private final boolean ownTablespace;

    ThrowawayPostgres() throws SQLException {
        this(null);
    }

    /** {@code tablespace} null: the server's default tablespace. */
    private ThrowawayPostgres(Path tablespace) throws SQLException {
        ownTablespace = tablespace != null;
        if (ownTablespace) {
            admin("CREATE TABLESPACE " + name + " LOCATION '" + tablespace + "'");
        }
        admin("CREATE DATABASE " + name + " TEMPLATE template0" + (ownTablespace ? " TABLESPACE " + name : ""));
    }

    /** A fresh database stored in a tablespace of its own in {@code directory} (empty, owned by postgres). */
    static ThrowawayPostgres inTablespace(Path directory) throws SQLException {
        return new ThrowawayPostgres(directory);
    }

    String url() {
        return "jdbc:postgresql://127.0.0.1:5432/" + name;
    }

    Map<String, String> env() {
        return Map.of("BATCHCAST_DB_URL", url(), "BATCHCAST_DB_USER", "postgres", "BATCHCAST_DB_PASSWORD", "");
    }

    /** Refuses new connections to this database and ends the open ones, as an outage would. */
    void goDown() throws SQLException {
        admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
        admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
    }

    void comeBack() throws SQLException {
        admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, "postgres", ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        if (ownTablespace) {
            admin("DROP TABLESPACE IF EXISTS " + name);
        }
    }
}
