package io.batchcast.archfixtures.jdbcconfinement.benchmark.store;

import java.sql.Connection;

/** Allowed: the store measurement writes to the databases it measures, without the server. */
public class StoreWriter {

    Connection connection;
}
