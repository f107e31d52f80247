package io.batchcast.adapter.exchange.fix.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import quickfix.JdbcSetting;
import quickfix.JdbcStoreFactory;
import quickfix.MessageStoreFactory;
import quickfix.SessionSettings;

/**
 * QuickFIX/J's JDBC message store on a database of ours: a small pool of its own, the tables of
 * {@code fix-message-store.sql} (created at open when missing) and a {@link JdbcStoreFactory} on that pool. The only
 * place outside adapter-persistence (and the venue's own book) where JDBC is used; see docs/paper-exchange.md.
 *
 * <p>QuickFIX/J opens and closes a connection for every store write (two per message: the message, then the sequence
 * number), so the pool matters on PostgreSQL; two connections are enough because QuickFIX/J writes under the
 * session's sequence lock, one write at a time per session.
 */
public final class FixMessageStore implements AutoCloseable {

    public static final String SESSIONS_TABLE = "fix_sessions";
    public static final String MESSAGES_TABLE = "fix_messages";
    static final String SCRIPT = "fix-message-store.sql";
    private static final int POOL_SIZE = 2;
    private static final long CONNECTION_TIMEOUT_MILLIS = 3_000;

    private final StoreDatabase database;
    private final HikariDataSource pool;

    private FixMessageStore(StoreDatabase database, HikariDataSource pool) {
        this.database = database;
        this.pool = pool;
    }

    /** Opens the pool and creates the store's tables if they are missing; fails when the database is unreachable. */
    public static FixMessageStore open(StoreDatabase database) {
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config(database));
        } catch (HikariPool.PoolInitializationException e) {
            throw new IllegalStateException("cannot reach the FIX message store database at "
                    + database.redactedUrl() + ": " + e.getMessage(), e);
        }
        FixMessageStore store = new FixMessageStore(database, pool);
        try {
            store.createTables();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return store;
    }

    /**
     * A store factory for the sessions of {@code settings}, which this call points at the store's tables (default
     * section, so that sessions an acceptor creates on the fly find them too).
     */
    public MessageStoreFactory factory(SessionSettings settings) {
        settings.setString(JdbcSetting.SETTING_JDBC_STORE_SESSIONS_TABLE_NAME, SESSIONS_TABLE);
        settings.setString(JdbcSetting.SETTING_JDBC_STORE_MESSAGES_TABLE_NAME, MESSAGES_TABLE);
        JdbcStoreFactory factory = new JdbcStoreFactory(settings);
        factory.setDataSource(pool);
        return factory;
    }

    public StoreDatabase database() {
        return database;
    }

    @Override
    public void close() {
        pool.close();
    }

    /**
     * The URL this store connects with. An embedded H2 file database is opened through H2's {@code retry:} file
     * system, exactly as adapter-persistence opens it: within one JVM H2 takes {@code jdbc:h2:file:x} and
     * {@code jdbc:h2:retry:file:x} for two databases, and the second could not lock the file the first holds. So the
     * gateway's plain URL works here too, and both adapters share one open database.
     */
    static String connectionUrl(String url) {
        String prefix = "jdbc:h2:";
        if (!url.startsWith(prefix)) {
            return url;
        }
        String rest = url.substring(prefix.length());
        boolean embeddedFile = rest.startsWith("file:") || rest.startsWith("./") || rest.startsWith("../")
                || rest.startsWith("/") || rest.startsWith("~");
        return embeddedFile ? prefix + "retry:" + rest : url;
    }

    private static HikariConfig config(StoreDatabase database) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("batchcast-fix-store");
        config.setJdbcUrl(connectionUrl(database.url()));
        if (!database.user().isEmpty()) {
            config.setUsername(database.user());
        }
        if (!database.password().isEmpty()) {
            config.setPassword(database.password());
        }
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        config.setValidationTimeout(1_000);
        config.setInitializationFailTimeout(CONNECTION_TIMEOUT_MILLIS);
        config.setAutoCommit(true);
        if (database.url().startsWith("jdbc:sqlite:")) {
            // as adapter-persistence opens the same file: a WAL journal, every commit synced, writers waiting for
            // SQLite's one write lock (the gateway's group commit holds it for a few milliseconds at a time)
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("synchronous", "FULL");
            config.addDataSourceProperty("busy_timeout", "10000");
            config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        }
        if (database.url().startsWith("jdbc:postgresql:")) {
            config.addDataSourceProperty("ApplicationName", "batchcast-fix-store");
            config.addDataSourceProperty("tcpKeepAlive", "true"); // text: the driver reads only String values
        }
        return config;
    }

    /**
     * Runs the script. Two gateway instances starting at once on one PostgreSQL database can race on
     * {@code CREATE TABLE IF NOT EXISTS} (PostgreSQL then fails one of them on its catalog's unique index), so a
     * failure is tried once more: by then the other instance has created the tables and the statements do nothing.
     */
    private void createTables() {
        List<String> statements = statements(script());
        try {
            execute(statements);
        } catch (SQLException first) {
            try {
                Thread.sleep(200);
                execute(statements);
            } catch (SQLException second) {
                second.addSuppressed(first);
                throw new IllegalStateException("cannot create the FIX message store tables in "
                        + database.redactedUrl() + ": " + second.getMessage(), second);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating the FIX message store tables", e);
            }
        }
    }

    private void execute(List<String> statements) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    static String script() {
        try (InputStream in = FixMessageStore.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The script's statements: comment lines dropped, split at semicolons (the script has none elsewhere). */
    static List<String> statements(String script) {
        StringBuilder code = new StringBuilder();
        for (String line : script.split("\n")) {
            if (!line.strip().startsWith("--")) {
                code.append(line).append('\n');
            }
        }
        return Arrays.stream(code.toString().split(";"))
                .map(String::strip)
                .filter(sql -> !sql.isEmpty())
                .toList();
    }
}
