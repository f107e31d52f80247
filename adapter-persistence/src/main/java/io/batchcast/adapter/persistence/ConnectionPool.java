package io.batchcast.adapter.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import com.zaxxer.hikari.pool.HikariPool;
import io.batchcast.application.port.in.StoreUnavailableException;
import java.time.Duration;

/**
 * The HikariCP pool, tuned so that a dead database fails calls within {@code connectionTimeout} instead of hanging
 * them, startup fails clearly when the database is absent, and the service heals by itself when it returns (Hikari
 * drops broken connections and opens new ones on demand).
 */
final class ConnectionPool {

    /** How long the PostgreSQL driver may block on a socket read before it treats the server as gone. */
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(30);

    private ConnectionPool() {
    }

    static HikariDataSource open(PersistenceSettings settings, Dialect dialect) {
        return open(settings, dialect, null);
    }

    /** {@code meters} null: the pool reports no metrics. */
    static HikariDataSource open(PersistenceSettings settings, Dialect dialect, MeterRegistry meters) {
        HikariConfig config = config(settings, dialect);
        if (meters != null) {
            config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meters));
        }
        try {
            return new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            throw new StoreUnavailableException("cannot reach the database at " + settings.redactedUrl() + " within "
                    + settings.connectionTimeout().toMillis() + " ms: " + rootMessage(e), e);
        }
    }

    private static HikariConfig config(PersistenceSettings settings, Dialect dialect) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("batchcast-db");
        dialect.createDatabaseDirectory(settings.url());
        config.setJdbcUrl(dialect.poolUrl(settings.url()));
        dialect.driverProperties(settings.url()).forEach(config::addDataSourceProperty);
        if (!settings.user().isEmpty()) {
            config.setUsername(settings.user());
        }
        if (!settings.password().isEmpty()) {
            config.setPassword(settings.password());
        }
        config.setMaximumPoolSize(settings.poolSize());
        long timeoutMillis = settings.connectionTimeout().toMillis();
        config.setConnectionTimeout(timeoutMillis);
        config.setValidationTimeout(Math.min(timeoutMillis, 1_000));
        // Positive: the constructor tries this long for a first connection, then throws instead of starting broken.
        config.setInitializationFailTimeout(timeoutMillis);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        if (!dialect.connectionInitSql().isEmpty()) {
            config.setConnectionInitSql(dialect.connectionInitSql());
        }
        if (dialect == Dialect.H2) {
            config.setExceptionOverride(new H2BrokenConnections());
        }
        if (dialect == Dialect.SQLITE) {
            config.setExceptionOverride(new SqliteAbortedTransactions());
        }
        if (dialect == Dialect.POSTGRESQL) {
            // Seconds, as the PostgreSQL driver wants them; without them a vanished server blocks calls for minutes.
            config.addDataSourceProperty("connectTimeout", Math.max(1, timeoutMillis / 1_000));
            config.addDataSourceProperty("socketTimeout", SOCKET_TIMEOUT.toSeconds());
            config.addDataSourceProperty("tcpKeepAlive", true);
            config.addDataSourceProperty("ApplicationName", "batchcast");
            // A group commit sends each statement as one JDBC batch for the whole group (WriteSet): inserts go as
            // multi-row INSERT ... VALUES (...), (...) statements instead of one statement per row.
            config.addDataSourceProperty("reWriteBatchedInserts", true);
        }
        return config;
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
