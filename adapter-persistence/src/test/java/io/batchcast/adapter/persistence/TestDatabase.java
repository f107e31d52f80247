package io.batchcast.adapter.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** A throwaway database for one test or test class; {@link #close()} drops it. */
interface TestDatabase extends AutoCloseable {

    String url();

    /** A connection outside any pool, for setting up and checking what the stores wrote. */
    Connection connect() throws SQLException;

    /** Refuses new connections and cuts the open ones, like a crashed or unreachable server. */
    void goOffline();

    void goOnline();

    @Override
    void close();

    /** Small pools (other engineers share the PostgreSQL server) and a short timeout so outage tests are quick. */
    default PersistenceSettings settings() {
        return PersistenceSettings.of(url(), "postgres", "")
                .withPoolSize(4)
                .withConnectionTimeout(Duration.ofSeconds(2));
    }

    /** An instant as a SQL literal of this database, for rows a test writes by hand. */
    default String instantLiteral(Instant instant) {
        return "TIMESTAMP WITH TIME ZONE '" + instant.toString().replace('T', ' ').replace("Z", "+00:00") + "'";
    }

    default Persistence open() {
        return Persistence.open(settings(), Clock.systemUTC());
    }

    default long queryLong(String sql, Object... parameters) {
        return query(sql, row -> row.getLong(1), parameters);
    }

    /** The first column of the first row, as text; null when the row holds NULL. */
    default String queryString(String sql, Object... parameters) {
        return query(sql, row -> row.getString(1), parameters);
    }

    /** Reads one value of a query's first row. */
    @FunctionalInterface
    interface FirstRow<T> {
        T read(ResultSet row) throws SQLException;
    }

    private <T> T query(String sql, FirstRow<T> value, Object... parameters) {
        try (Connection connection = connect();
                PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setObject(i + 1, parameters[i]);
            }
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("no row: " + sql);
                }
                return value.read(row);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    default void execute(String sql) {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
