package io.batchcast.adapter.persistence;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** A throwaway database {@code bc_test_<random>} on the PostgreSQL at 127.0.0.1:5432 (user postgres, trust auth). */
final class PostgresTestDatabase implements TestDatabase {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;

    private PostgresTestDatabase(String name) {
        this.name = name;
    }

    static PostgresTestDatabase create() {
        String name = "bc_test_" + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
        // template0: template1 refuses to be copied while anyone else is connected to it.
        admin("CREATE DATABASE " + name + " TEMPLATE template0");
        return new PostgresTestDatabase(name);
    }

    String name() {
        return name;
    }

    @Override
    public String url() {
        return SERVER + name;
    }

    @Override
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), "postgres", "");
    }

    @Override
    public void goOffline() {
        admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
        terminateBackends("true");
    }

    @Override
    public void goOnline() {
        admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
    }

    /** Kills this database's sessions that match {@code condition} (SQL over pg_stat_activity). */
    void terminateBackends(String condition) {
        admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "' AND ("
                + condition + ")");
    }

    @Override
    public void close() {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void admin(String sql) {
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
