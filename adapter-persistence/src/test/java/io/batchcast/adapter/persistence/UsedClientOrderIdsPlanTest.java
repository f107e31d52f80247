package io.batchcast.adapter.persistence;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * The duplicate-client-order-id check looks each id up in the unique index. Its first form, "client_order_id IN
 * (...)", made H2 walk every order of the strategy and compare it with every id (found with JFR in the benchmark:
 * a submit grew with the strategy's history). H2 only: PostgreSQL plans either form as index lookups.
 */
class UsedClientOrderIdsPlanTest {

    @Test
    void h2LooksUpEveryClientOrderIdInTheUniqueIndexInsteadOfScanningTheStrategy() throws SQLException {
        try (H2TestDatabase database = H2TestDatabase.embedded();
                Persistence persistence = Persistence.open(database.settings(), Clock.systemUTC());
                Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            String query = JdbcOrderStore.usedClientOrderIdsQuery(2).replaceFirst("\\?", "'a'")
                    .replaceFirst("\\?", "'b'").replaceFirst("\\?", "7");
            try (ResultSet plan = statement.executeQuery("EXPLAIN " + query)) {
                plan.next();
                String text = plan.getString(1).replaceAll("\\s+", " ");
                assertTrue(text.contains("STRATEGY_ID = CAST(7 AS BIGINT) AND CLIENT_ORDER_ID = WANTED.ID */"),
                        text);
            }
        }
    }
}
