package io.batchcast.adapter.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.PGStatement;

/**
 * Statements on {@code orders} that PostgreSQL plans anew, with their parameters, at every execution: the lookups of
 * one order or one client order id of a strategy, and the status update of a cancel.
 *
 * <p>Three indexes of {@code orders} start with {@code strategy_id} (the primary key, the unique client-order-id
 * index and {@code orders_newest_first}). While the table has no statistics (a new database, before autovacuum's
 * first ANALYZE), the planner estimates one row for each of them and takes whichever it meets last, often
 * {@code orders_newest_first}, which finds an order only by reading every order of the strategy. The driver's
 * default is to prepare a statement on the server after five executions, and PostgreSQL then keeps the generic plan
 * it made at that moment until the next ANALYZE: on a fresh database that was measured at 7.5 ms and 1,700 pages
 * per client-order-id lookup, for as long as the benchmark ran. Planned at each execution, the statement is planned
 * against the table's real size, which picks the unique index as soon as the table holds a few thousand orders (and
 * reading a smaller table costs little). Planning costs 0.06-0.1 ms of the backend's time per statement. The other
 * databases plan their own way (their plan tests pin it); for them this is a plain {@code prepareStatement}.
 */
final class PlannedPerExecution {

    private PlannedPerExecution() {
    }

    static PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        if (connection.isWrapperFor(PGConnection.class)) {
            statement.unwrap(PGStatement.class).setPrepareThreshold(0);
        }
        return statement;
    }
}
