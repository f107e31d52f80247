package io.batchcast.archfixtures.jdbcconfinement.adapter.exchange.fix.store;

import javax.sql.DataSource;

/** Valid: the FIX adapter's message store hands QuickFIX/J's JdbcStore a pool. */
public class FixMessageStore {

    DataSource pool;
}
