package io.batchcast.archfixtures.jdbcconfinement.adapter.exchange.fix;

import java.sql.Connection;

/** Planted: JDBC in the FIX adapter outside its message store package. */
public class FixSession {

    Connection connection;
}
