package io.batchcast.adapter.persistence;

import com.zaxxer.hikari.HikariDataSource;
import io.batchcast.application.port.in.EventDoorbellUseCase;
import io.batchcast.application.port.out.BatchIntents;
import io.batchcast.application.port.out.BatchRecorder;
import io.batchcast.application.port.out.EventLog;
import io.batchcast.application.port.out.HourlyStatisticsReader;
import io.batchcast.application.port.out.OrderHistory;
import io.batchcast.application.port.out.OrderStore;
import io.batchcast.application.port.out.StoredBatches;
import io.batchcast.application.port.out.StrategyStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.batchcast.application.port.out.SummaryPeriods;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The persistence adapter, wired: opens the pool, migrates the schema, reads the database epoch, and hands out the
 * store ports, the readiness check, the prune schedule and the cross-instance doorbell listener. Bootstrap creates
 * one per process with {@link #open} and closes it on shutdown.
 */
public final class Persistence implements AutoCloseable {

    private static final int READY_TIMEOUT_SECONDS = 2;

    private final PersistenceSettings settings;
    private final Dialect dialect;
    private final HikariDataSource dataSource;
    private final String epoch;
    private final Transactions transactions;
    private final GroupCommitter writer;
    private final StreamAppender appender;
    private final JdbcStrategyStore strategies;
    private final Clock clock;
    private final EventLogPruner pruner;
    private final PruneSchedule pruneSchedule;
    private final List<DoorbellListener> listeners = new ArrayList<>();
    private final StorageSpace space;

    private Persistence(PersistenceSettings settings, Dialect dialect, HikariDataSource dataSource, Clock clock,
            StorageSpace space, CommitObserver commits) {
        this.settings = settings;
        this.space = space;
        this.dialect = dialect;
        this.dataSource = dataSource;
        this.transactions = new Transactions(dataSource);
        this.epoch = SchemaMigrations.readEpoch(transactions);
        this.appender = new StreamAppender(epoch, dialect);
        this.writer = new GroupCommitter(dataSource, GroupCommitter.DEFAULT_MAX_GROUP, dialect.syncAfterCommit(),
                appender::lockAll, new StatisticsRows(dialect),
                dialect.notifies() ? new PostgresDoorbellRing() : (connection, results) -> { },
                commits);
        this.strategies = new JdbcStrategyStore(transactions, writer);
        this.clock = clock;
        this.pruner = new EventLogPruner(transactions, settings, clock);
        this.pruneSchedule = new PruneSchedule(pruner, settings.pruneInterval());
    }

    /**
     * Connects and migrates. Fails with {@link io.batchcast.application.port.in.StoreUnavailableException} when the
     * database cannot be reached within {@code connectionTimeout}, and with {@link IllegalStateException} when the
     * schema cannot be migrated.
     *
     * @param clock the wall clock retention by age measures against
     */
    public static Persistence open(PersistenceSettings settings, Clock clock) {
        return open(settings, clock, null);
    }

    /**
     * {@link #open(PersistenceSettings, Clock)} with the connection pool reporting to {@code meters} through
     * HikariCP's own Micrometer tracker ({@code hikaricp_connections_*}, tag {@code pool}), so operators see active,
     * idle and pending connections and how long callers wait for one.
     */
    public static Persistence open(PersistenceSettings settings, Clock clock, MeterRegistry meters) {
        return open(settings, clock, meters, CommitObserver.NONE);
    }

    /**
     * As {@link #open(PersistenceSettings, Clock, MeterRegistry)}, telling {@code commits} of every transaction the
     * group-commit writer commits (how many writes it carried, how long it took to be durable).
     */
    public static Persistence open(PersistenceSettings settings, Clock clock, MeterRegistry meters,
            CommitObserver commits) {
        Dialect dialect = Dialect.of(settings.url());
        StorageSpace space = new StorageSpace(dialect, clock, dialect.databaseFile(settings.url()));
        HikariDataSource dataSource = ConnectionPool.open(settings, dialect, meters, space);
        try {
            SchemaMigrations.migrate(dataSource, dialect);
            return new Persistence(settings, dialect, dataSource, clock, space, commits);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    /** One per process: it holds the cache of strategies found. */
    public StrategyStore strategyStore() {
        return strategies;
    }

    public OrderStore orderStore() {
        return new JdbcOrderStore(transactions, dialect);
    }

    /** A strategy's orders, newest first, page by page (ListOrders). */
    public OrderHistory orderHistory() {
        return new JdbcOrderHistory(transactions, dialect);
    }

    /** A strategy's batches by id (GetOrderBatch). */
    public StoredBatches storedBatches() {
        return new JdbcStoredBatches(transactions, epoch);
    }

    public BatchIntents batchIntents() {
        return new JdbcBatchIntents(transactions, writer, epoch);
    }

    public BatchRecorder batchRecorder() {
        return new JdbcBatchRecorder(transactions, writer, appender, dialect,
                settings.summaryInterval());
    }

    /** Hourly statistics, as the batch recordings counted them. */
    public HourlyStatisticsReader hourlyStatistics() {
        return new JdbcHourlyStatistics(transactions);
    }

    /** Summaries of closed statistics periods, appended once per strategy and period across instances. */
    public SummaryPeriods summaryPeriods() {
        return new JdbcSummaryPeriods(transactions, writer, appender);
    }

    /** Transactions committed by this instance's writer so far (tests: statistics add none). */
    long commits() {
        return writer.commits();
    }

    public EventLog eventLog() {
        return new JdbcEventLog(transactions, epoch);
    }

    /** The database epoch that prefixes every event id; changes only when the database is recreated. */
    public String epoch() {
        return epoch;
    }

    /**
     * Readiness: ready when a pooled connection answers {@code SELECT 1} within a couple of seconds and writes are not
     * failing for lack of space. Once a write failed on a full disk, the storage is {@code "full: writes fail since
     * <instant>: <code>"} until a probe write commits (one at most every second, run by this call), and the
     * database is not ready meanwhile.
     */
    public DatabaseHealth databaseHealth() {
        Optional<String> storage = space.fullness(transactions);
        return new DatabaseHealth(storage.isEmpty() && databaseReady(), storage);
    }

    /** What readiness reports of the database; {@code storage} is present while writes fail on a full disk. */
    public record DatabaseHealth(boolean ready, Optional<String> storage) {
    }

    /** True when a pooled connection answers {@code SELECT 1} within a couple of seconds. */
    public boolean databaseReady() {
        try (Connection connection = dataSource.getConnection();
                Statement probe = connection.createStatement()) {
            probe.setQueryTimeout(READY_TIMEOUT_SECONDS);
            probe.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Retention work, synchronously (for tests and operators). */
    public EventLogPruner pruner() {
        return pruner;
    }

    /** The same work, reading {@code receiptChunk} batches per transaction (tests cross chunk borders with it). */
    EventLogPruner pruner(int receiptChunk) {
        return new EventLogPruner(transactions, settings, clock, receiptChunk);
    }

    /** Runs the pruner every {@code pruneInterval}; bootstrap calls {@code start()}. Stopped by {@link #close()}. */
    public PruneSchedule pruneSchedule() {
        return pruneSchedule;
    }

    /**
     * The listener that rings {@code doorbell} for events other instances commit: LISTEN/NOTIFY on PostgreSQL, a
     * no-op on an embedded database, SQLite or H2 (one process; the in-process bus delivers). Not started yet; closed by
     * {@link #close()} at the latest.
     */
    public synchronized DoorbellListener doorbellListener(EventDoorbellUseCase doorbell) {
        DoorbellListener listener = dialect.notifies()
                ? new PostgresDoorbellListener(settings, doorbell)
                : new EmbeddedDoorbellListener();
        listeners.add(listener);
        return listener;
    }

    /** Stops the pruner and the listeners, then closes the pool (which closes an embedded database). */
    @Override
    public synchronized void close() {
        pruneSchedule.stop();
        listeners.forEach(DoorbellListener::close);
        listeners.clear();
        writer.close();
        dataSource.close();
    }
}
