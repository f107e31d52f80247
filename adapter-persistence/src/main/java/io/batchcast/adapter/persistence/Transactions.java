package io.batchcast.adapter.persistence;

import io.batchcast.application.port.in.StoreUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

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
                rollbackQuietly(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw unavailable(what, e);
        }
    }

    static StoreUnavailableException unavailable(String what, SQLException e) {
        return new StoreUnavailableException(
                "database unavailable while " + what + " (SQLState " + e.getSQLState() + "): " + e.getMessage(), e);
    }

    /** A failed rollback (e.g. the connection is gone) must not hide why the work failed. */
    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }
}
