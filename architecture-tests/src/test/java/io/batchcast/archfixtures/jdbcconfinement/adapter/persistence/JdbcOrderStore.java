package io.batchcast.archfixtures.jdbcconfinement.adapter.persistence;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Valid: the persistence adapter owns the pool, the connections and the migrations. */
public class JdbcOrderStore {

    HikariDataSource pool;
    DataSource dataSource;
    Connection connection;
    Flyway flyway;
}
