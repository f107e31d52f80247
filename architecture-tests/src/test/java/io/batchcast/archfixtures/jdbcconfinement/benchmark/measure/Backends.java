package io.batchcast.archfixtures.jdbcconfinement.benchmark.measure;

import java.sql.Connection;

/** Allowed: the harness reads pg_stat_activity to count the server's PostgreSQL backends. */
public class Backends {

    Connection connection;
}
