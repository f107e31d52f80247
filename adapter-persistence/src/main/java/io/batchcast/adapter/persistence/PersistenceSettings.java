package io.batchcast.adapter.persistence;

import io.batchcast.domain.SummaryInterval;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to reach the database and how long to keep events and receipts.
 *
 * @param url               JDBC URL; {@code jdbc:sqlite:...} (embedded, single process, the default),
 *                          {@code jdbc:h2:...} (embedded) or {@code jdbc:postgresql:...}
 * @param user              database user; empty means the driver's default
 * @param password          database password; empty means none
 * @param poolSize          connections in the pool (fixed size)
 * @param connectionTimeout how long a store call waits for a connection before it fails with
 *                          {@link io.batchcast.application.port.in.StoreUnavailableException}; also how long startup
 *                          tries to reach the database
 * @param retentionCount    events kept per stream (the newest ones)
 * @param retentionAge      events older than this are pruned
 * @param receiptMaxAge     completed batches (the stored receipts of request ids) and their results older than this
 *                          are pruned; a request id is honoured for this long
 * @param pruneInterval     how often the pruner runs
 * @param summaryInterval   the statistics summary period; statistics are counted per hour, or per period when
 *                          that is shorter
 * @param statisticsMaxAge  statistics of hours (periods) that started longer ago than this are pruned
 */
public record PersistenceSettings(
        String url,
        String user,
        String password,
        int poolSize,
        Duration connectionTimeout,
        int retentionCount,
        Duration retentionAge,
        Duration receiptMaxAge,
        Duration pruneInterval,
        SummaryInterval summaryInterval,
        Duration statisticsMaxAge) {

    public static final String DEFAULT_URL = "jdbc:sqlite:./data/batchcast.db";
    public static final int DEFAULT_POOL_SIZE = 10;
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(3);
    public static final int DEFAULT_RETENTION_COUNT = 10_000;
    public static final Duration DEFAULT_RETENTION_AGE = Duration.ofDays(7);
    public static final Duration DEFAULT_RECEIPT_MAX_AGE = Duration.ofDays(7);
    public static final Duration DEFAULT_PRUNE_INTERVAL = Duration.ofMinutes(1);
    public static final Duration DEFAULT_STATISTICS_MAX_AGE = Duration.ofDays(90);

    static final int MAX_POOL_SIZE = 200;
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");
    // Hikari refuses connection timeouts below 250 ms.
    private static final Duration MIN_CONNECTION_TIMEOUT = Duration.ofMillis(250);

    public PersistenceSettings {
        Objects.requireNonNull(url, "url");
        if (url.isBlank()) {
            throw new IllegalArgumentException("url must be a JDBC URL, was empty");
        }
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        if (poolSize < 1 || poolSize > MAX_POOL_SIZE) {
            throw new IllegalArgumentException(
                    "poolSize must be between 1 and " + MAX_POOL_SIZE + ", was " + poolSize);
        }
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        if (connectionTimeout.compareTo(MIN_CONNECTION_TIMEOUT) < 0) {
            throw new IllegalArgumentException("connectionTimeout must be at least 250ms, was " + connectionTimeout);
        }
        if (retentionCount < 1) {
            throw new IllegalArgumentException("retentionCount must be at least 1, was " + retentionCount);
        }
        requirePositive("retentionAge", retentionAge);
        requirePositive("receiptMaxAge", receiptMaxAge);
        requirePositive("pruneInterval", pruneInterval);
        Objects.requireNonNull(summaryInterval, "summaryInterval");
        requirePositive("statisticsMaxAge", statisticsMaxAge);
    }

    /** The embedded SQLite default with every other setting at its default. */
    public static PersistenceSettings defaults() {
        return of(DEFAULT_URL, "", "");
    }

    /** The given database with every other setting at its default. */
    public static PersistenceSettings of(String url, String user, String password) {
        return new PersistenceSettings(url, user, password, DEFAULT_POOL_SIZE, DEFAULT_CONNECTION_TIMEOUT,
                DEFAULT_RETENTION_COUNT, DEFAULT_RETENTION_AGE, DEFAULT_RECEIPT_MAX_AGE, DEFAULT_PRUNE_INTERVAL,
                SummaryInterval.HOURLY, DEFAULT_STATISTICS_MAX_AGE);
    }

    public PersistenceSettings withPoolSize(int newPoolSize) {
        return new PersistenceSettings(url, user, password, newPoolSize, connectionTimeout, retentionCount,
                retentionAge, receiptMaxAge, pruneInterval, summaryInterval, statisticsMaxAge);
    }

    public PersistenceSettings withConnectionTimeout(Duration timeout) {
        return new PersistenceSettings(url, user, password, poolSize, timeout, retentionCount, retentionAge,
                receiptMaxAge, pruneInterval, summaryInterval, statisticsMaxAge);
    }

    public PersistenceSettings withRetention(int count, Duration age) {
        return new PersistenceSettings(url, user, password, poolSize, connectionTimeout, count, age, receiptMaxAge,
                pruneInterval, summaryInterval, statisticsMaxAge);
    }

    /** Completed batches and their results older than {@code maxAge} are pruned (request ids are honoured so long). */
    public PersistenceSettings withReceiptMaxAge(Duration maxAge) {
        return new PersistenceSettings(url, user, password, poolSize, connectionTimeout, retentionCount,
                retentionAge, maxAge, pruneInterval, summaryInterval, statisticsMaxAge);
    }

    public PersistenceSettings withPruneInterval(Duration interval) {
        return new PersistenceSettings(url, user, password, poolSize, connectionTimeout, retentionCount,
                retentionAge, receiptMaxAge, interval, summaryInterval, statisticsMaxAge);
    }

    /** Statistics are counted per {@code interval}'s bucket and pruned when older than {@code maxAge}. */
    public PersistenceSettings withStatistics(SummaryInterval interval, Duration maxAge) {
        return new PersistenceSettings(url, user, password, poolSize, connectionTimeout, retentionCount,
                retentionAge, receiptMaxAge, pruneInterval, interval, maxAge);
    }

    /** The URL for logs and messages: a password given as a URL parameter is masked. */
    public String redactedUrl() {
        return redact(url);
    }

    static String redact(String jdbcUrl) {
        return URL_PASSWORD.matcher(jdbcUrl).replaceAll("$1***");
    }

    /** Never prints the password: settings end up in logs and exception messages. */
    @Override
    public String toString() {
        return "PersistenceSettings[url=" + redactedUrl() + ", user=" + user + ", password=" + (password.isEmpty() ? "" : "***")
                + ", poolSize=" + poolSize + ", connectionTimeout=" + connectionTimeout
                + ", retentionCount=" + retentionCount + ", retentionAge=" + retentionAge
                + ", receiptMaxAge=" + receiptMaxAge
                + ", pruneInterval=" + pruneInterval + ", summaryInterval=" + summaryInterval.length()
                + ", statisticsMaxAge=" + statisticsMaxAge + "]";
    }

    private static void requirePositive(String field, Duration value) {
        Objects.requireNonNull(value, field);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(field + " must be positive, was " + value);
        }
    }
}
