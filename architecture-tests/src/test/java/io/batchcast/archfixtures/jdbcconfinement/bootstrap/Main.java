package io.batchcast.archfixtures.jdbcconfinement.bootstrap;

import com.zaxxer.hikari.HikariDataSource;

/** Planted: the composition root building the connection pool that adapter-persistence should own. */
public final class Main {

    HikariDataSource pool;
}
