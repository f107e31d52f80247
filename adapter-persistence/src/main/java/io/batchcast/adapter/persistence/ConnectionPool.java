package io.batchcast.adapter.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import com.zaxxer.hikari.pool.HikariPool;
import io.batchcast.application.port.in.StoreUnavailableException;
import java.sql.SQLException;
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
        return open(settings, dialect, null, null);
    }

    /**
     * {@code meters} null: the pool reports no metrics. {@code space}: told of every failure a pooled connection
     * reports, so that it sees a full disk whichever store ran into it; null: nobody is told.
     */
    static HikariDataSource open(PersistenceSettings settings, Dialect dialect, MeterRegistry meters,
            StorageSpace space) {
        HikariConfig config = config(settings, dialect);
        if (space != null) {
            config.setExceptionOverride(new NotingFailures(space, config.getExceptionOverride()));
        }
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

    /** Tells {@link StorageSpace} of each failure, then leaves the eviction to the dialect's own judgement. */
    private record NotingFailures(StorageSpace space, SQLExceptionOverride evictions) implements SQLExceptionOverride {

        @java.lang.Override
        public Override adjudicate(SQLException e) {
            space.noteFailure(e);
            return evictions == null ? Override.CONTINUE_EVICT : evictions.adjudicate(e);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
