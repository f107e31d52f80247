package io.batchcast.adapter.persistence;

import com.zaxxer.hikari.HikariDataSource;
import io.batchcast.application.port.in.StoreUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.sqlite.SQLiteException;

/**
 * Runs store work on a pooled connection and turns every database failure into
 * {@link StoreUnavailableException}. Writes run in one transaction that is rolled back on any failure, so nothing is
 * half-written.
 */
final class Transactions {

    /** Work on a connection; may throw {@link SQLException}. */
    @FunctionalInterface
    interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;

    Transactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Runs {@code work} in auto-commit mode: reads, and writes that are one statement each. {@code what} names the
     * operation in the error message.
     */
    <T> T autoCommit(String what, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.apply(connection);
        } catch (SQLException e) {
            throw unavailable(what, e);
        }
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    <T> T inTransaction(String what, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.apply(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackOrDiscard(dataSource, connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw unavailable(what, e);
        }
    }

    static StoreUnavailableException unavailable(String what, SQLException e) {
        return new StoreUnavailableException(
                "database unavailable while " + what + " (" + code(e) + "): " + e.getMessage(), e);
    }

    /** The SQLState, or SQLite's result code ({@code SQLITE_FULL}): sqlite-jdbc gives no SQLState. */
    private static String code(SQLException e) {
        return e.getSQLState() == null && e instanceof SQLiteException sqlite ? sqlite.getResultCode().name()
                : "SQLState " + e.getSQLState();
    }

    /**
     * Rolls back. A failed rollback must not hide why the work failed (it is added to {@code cause}), and leaves the
     * connection in a state nobody knows: SQLite may have ended the transaction by itself, and the driver would run
     * the next caller's statements in auto-commit mode. So the connection is evicted from the pool and closed, and
     * whatever it still held of the transaction ends with it.
     */
    static void rollbackOrDiscard(DataSource dataSource, Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
            discard(dataSource, connection);
        }
    }

    private static void discard(DataSource dataSource, Connection connection) {
        try {
            if (dataSource.isWrapperFor(HikariDataSource.class)) {
                dataSource.unwrap(HikariDataSource.class).evictConnection(connection);
            }
        } catch (SQLException notAPool) {
            // nothing to evict from: the connection is closed by its caller as usual
        }
    }
}
