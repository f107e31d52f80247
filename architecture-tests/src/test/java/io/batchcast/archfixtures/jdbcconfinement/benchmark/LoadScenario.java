package io.batchcast.archfixtures.jdbcconfinement.benchmark;

import java.sql.Connection;

/** Planted: JDBC in a benchmark scenario, outside the store measurement and the backend-CPU reader. */
public class LoadScenario {

    Connection connection;
}
