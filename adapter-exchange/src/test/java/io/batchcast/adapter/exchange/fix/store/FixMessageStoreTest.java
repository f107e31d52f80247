package io.batchcast.adapter.exchange.fix.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quickfix.MessageStore;
import quickfix.SessionID;
import quickfix.SessionSettings;

/** The QuickFIX/J JDBC store on the gateway's databases: H2 (shared with adapter-persistence in one JVM) and PostgreSQL. */
class FixMessageStoreTest {

    private static final SessionID SESSION = new SessionID("FIX.4.4", "BATCHCAST", "PAPERVENUE");
    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/";

    @TempDir
    Path dir;

    @Test
    void keepsSequenceNumbersAndMessagesAcrossReopeningOnH2() throws IOException {
        keepsSequenceNumbersAndMessagesAcrossReopening(new StoreDatabase(h2Url(), "", ""));
    }

    @Test
    void keepsSequenceNumbersAndMessagesAcrossReopeningOnSqlite() throws IOException {
        keepsSequenceNumbersAndMessagesAcrossReopening(new StoreDatabase(sqliteUrl(), "", ""));
    }

    /** The gateway's default: one SQLite file, which adapter-persistence holds open (and writes) beside the store. */
    @Test
    void sharesAnEmbeddedSqliteDatabaseThatAdapterPersistenceHoldsOpen() throws Exception {
        String gatewayUrl = sqliteUrl();
        try (Connection persistence = DriverManager.getConnection(gatewayUrl + "?journal_mode=WAL")) {
            try (Statement statement = persistence.createStatement()) {
                statement.execute("CREATE TABLE orders (id INT)");
            }
            try (FixMessageStore store = FixMessageStore.open(new StoreDatabase(gatewayUrl, "", ""))) {
                MessageStore messages = store.factory(new SessionSettings()).create(SESSION);
                messages.set(1, "8=FIX.4.4|35=D");
                try (Statement statement = persistence.createStatement()) {
                    statement.execute("INSERT INTO orders VALUES (1)");
                }

                assertEquals(1, count(persistence,
                        "SELECT COUNT(*) FROM fix_messages WHERE sendercompid = 'BATCHCAST'"), "one file: the store's row is visible to the other adapter's connection");
                assertEquals(1, count(persistence, "SELECT COUNT(*) FROM orders"));
            }
        }
    }

    @Test
    void keepsSequenceNumbersAndMessagesAcrossReopeningOnPostgres() throws IOException {
        String name = createPostgresDatabase();
        try {
            keepsSequenceNumbersAndMessagesAcrossReopening(new StoreDatabase(POSTGRES + name, "postgres", ""));
        } finally {
            postgresAdmin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    private void keepsSequenceNumbersAndMessagesAcrossReopening(StoreDatabase database) throws IOException {
        try (FixMessageStore store = FixMessageStore.open(database)) {
            MessageStore messages = store.factory(new SessionSettings()).create(SESSION);
            messages.set(1, "8=FIX.4.4|35=A");
            messages.set(2, "8=FIX.4.4|35=D");
            messages.setNextSenderMsgSeqNum(3);
            messages.setNextTargetMsgSeqNum(7);
        }
        try (FixMessageStore reopened = FixMessageStore.open(database)) {
            MessageStore messages = reopened.factory(new SessionSettings()).create(SESSION);
            List<String> stored = new ArrayList<>();
            messages.get(1, 2, stored);

            assertEquals(List.of("8=FIX.4.4|35=A", "8=FIX.4.4|35=D"), stored);
            assertEquals(3, messages.getNextSenderMsgSeqNum());
            assertEquals(7, messages.getNextTargetMsgSeqNum());
        }
    }

    @Test
    void sharesAnEmbeddedH2DatabaseThatAdapterPersistenceHoldsOpen() throws SQLException {
        String gatewayUrl = h2Url();
        // how adapter-persistence opens the same database: through H2's retry: file system, with its own settings
        try (Connection persistence = DriverManager.getConnection(
                "jdbc:h2:retry:" + gatewayUrl.substring("jdbc:h2:".length()) + ";QUERY_CACHE_SIZE=64")) {
            try (Statement statement = persistence.createStatement()) {
                statement.execute("SET LOCK_TIMEOUT 10000");
                statement.execute("CREATE TABLE orders (id INT)");
            }
            try (FixMessageStore store = FixMessageStore.open(new StoreDatabase(gatewayUrl, "", ""))) {
                store.factory(new SessionSettings()).create(SESSION);

                assertEquals(1, count(persistence, "SELECT COUNT(*) FROM fix_sessions WHERE sendercompid = 'BATCHCAST'"),
                        "one database: the store's row is visible to the other adapter's connection");
            }
        }
    }

    @Test
    void instancesStartingAtOnceOnOnePostgresDatabaseAllCreateTheTables() throws Exception {
        String name = createPostgresDatabase();
        StoreDatabase database = new StoreDatabase(POSTGRES + name, "postgres", "");
        try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
            List<Future<FixMessageStore>> opening = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                opening.add(threads.submit(() -> FixMessageStore.open(database)));
            }
            for (Future<FixMessageStore> store : opening) {
                store.get().close();
            }
        } finally {
            postgresAdmin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    @Test
    void anUnreachableDatabaseFailsTheOpenNamingIt() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> FixMessageStore.open(
                new StoreDatabase("jdbc:postgresql://127.0.0.1:1/nowhere?password=secret", "postgres", "")));

        String expected = "cannot reach the FIX message store database at "
                + "jdbc:postgresql://127.0.0.1:1/nowhere?password=***: ";
        assertEquals(expected, e.getMessage().substring(0, expected.length()), "then Hikari's own words");
    }

    @Test
    void embeddedH2FileUrlsAreOpenedThroughTheRetryFileSystemLikeAdapterPersistenceDoes() {
        assertEquals("jdbc:h2:retry:file:./data/batchcast", FixMessageStore.connectionUrl("jdbc:h2:file:./data/batchcast"));
        assertEquals("jdbc:h2:retry:./data/batchcast", FixMessageStore.connectionUrl("jdbc:h2:./data/batchcast"));
        assertEquals("jdbc:h2:retry:/abs/db;MODE=PostgreSQL", FixMessageStore.connectionUrl("jdbc:h2:/abs/db;MODE=PostgreSQL"));
        assertEquals("jdbc:h2:retry:file:/x", FixMessageStore.connectionUrl("jdbc:h2:retry:file:/x"));
        assertEquals("jdbc:h2:mem:test", FixMessageStore.connectionUrl("jdbc:h2:mem:test"));
        assertEquals("jdbc:h2:tcp://localhost/db", FixMessageStore.connectionUrl("jdbc:h2:tcp://localhost/db"));
        assertEquals("jdbc:postgresql://h/db", FixMessageStore.connectionUrl("jdbc:postgresql://h/db"));
    }

    @Test
    void theScriptIsTwoIdempotentCreateTableStatements() {
        List<String> statements = FixMessageStore.statements(FixMessageStore.script());

        assertEquals(2, statements.size());
        assertEquals("CREATE TABLE IF NOT EXISTS fix_sessions (", statements.get(0).lines().findFirst().orElseThrow());
        assertEquals("CREATE TABLE IF NOT EXISTS fix_messages (", statements.get(1).lines().findFirst().orElseThrow());
    }

    @Test
    void onlyH2AndPostgresUrlsAreTakenAndPasswordsStayOutOfMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new StoreDatabase("jdbc:mysql://h/db?password=secret", "u", "p"));

        assertEquals("the FIX message store needs a jdbc:sqlite:, jdbc:h2: or jdbc:postgresql: URL,"
                + " was 'jdbc:mysql://h/db?password=***'", e.getMessage());
        assertEquals("StoreDatabase[jdbc:postgresql://h/db?password=***, user u]",
                new StoreDatabase("jdbc:postgresql://h/db?password=secret", "u", "p").toString());
    }

    private String sqliteUrl() {
        return "jdbc:sqlite:" + dir.resolve("batchcast.db").toAbsolutePath();
    }

    private String h2Url() {
        return "jdbc:h2:file:" + dir.resolve("batchcast").toAbsolutePath();
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static String createPostgresDatabase() {
        String name = "bc_fix_" + Long.toString(new SecureRandom().nextLong() & Long.MAX_VALUE, 36);
        postgresAdmin("CREATE DATABASE " + name + " TEMPLATE template0");
        return name;
    }

    private static void postgresAdmin(String sql) {
        try (Connection connection = DriverManager.getConnection(POSTGRES + "postgres", "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
