package io.batchcast.archfixtures.jdbcconfinement.venue;

import java.sql.Connection;

/** Valid: the paper venue keeps its book in a database of its own, over plain JDBC. */
public class VenueBook {

    Connection connection;
}
