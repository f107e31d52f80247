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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

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
        // the pool, once it exists: the H2 override evicts all of its connections when the database was closed
        AtomicReference<HikariDataSource> pool = new AtomicReference<>();
        HikariConfig config = config(settings, dialect, () -> {
            HikariDataSource opened = pool.get();
            if (opened != null && opened.getHikariPoolMXBean() != null) {
                opened.getHikariPoolMXBean().softEvictConnections();
            }
        });
        if (space != null) {
            config.setExceptionOverride(new NotingFailures(space, config.getExceptionOverride()));
        }
        if (meters != null) {
            config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meters));
        }
        try {
            HikariDataSource opened = new HikariDataSource(config);
            pool.set(opened);
            return opened;
        } catch (HikariPool.PoolInitializationException e) {
            throw new StoreUnavailableException("cannot reach the database at " + settings.redactedUrl() + " within "
                    + settings.connectionTimeout().toMillis() + " ms: " + rootMessage(e), e);
        }
    }

    private static HikariConfig config(PersistenceSettings settings, Dialect dialect, Runnable evictAll) {
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
            config.setExceptionOverride(new H2BrokenConnections(evictAll));
        }
        if (dialect == Dialect.SQLITE) {
            config.setExceptionOverride(new SqliteAbortedTransactions());
        }
        if (dialect == Dialect.POSTGRESQL) {
            postgresProperties(timeoutMillis).forEach(config::addDataSourceProperty);
        }
        return config;
    }

    /**
     * The PostgreSQL driver's connection properties, as text: HikariCP hands them to the driver as they are, and the
     * driver reads each with {@code Properties.getProperty}, which sees only {@code String} values. Given as a
     * {@code Boolean} or a number, each of these was silently left at the driver's default: no socket timeout at
     * all, and one statement per row where a batch should have been one multi-row insert.
     */
    static Map<String, String> postgresProperties(long timeoutMillis) {
        Map<String, String> properties = new LinkedHashMap<>();
        // Seconds, as the PostgreSQL driver wants them; without them a vanished server blocks calls for minutes.
        properties.put("connectTimeout", Long.toString(Math.max(1, timeoutMillis / 1_000)));
        properties.put("socketTimeout", Long.toString(SOCKET_TIMEOUT.toSeconds()));
        properties.put("tcpKeepAlive", "true");
        properties.put("ApplicationName", "batchcast");
        // A group commit sends each statement as one JDBC batch for the whole group (WriteSet): inserts go as
        // multi-row INSERT ... VALUES (...), (...) statements instead of one statement per row.
        properties.put("reWriteBatchedInserts", "true");
        return properties;
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
