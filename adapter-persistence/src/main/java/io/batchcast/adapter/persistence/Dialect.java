package io.batchcast.adapter.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The three databases Batchcast runs on, told apart by their JDBC URL. */
enum Dialect {

    /**
     * Embedded, one process: the default. A WAL journal with {@code synchronous=FULL}, so that every commit is synced
     * to the device before it returns (the group commit needs nothing after it), and readers never wait for the
     * writer. The file stays bounded without a background compactor: pages freed by deletes are reused, and the WAL
     * is checkpointed back into the file by the committing connection every 1,000 pages. Decimals and instants are
     * text (see {@link Columns}); its schema has a migration location of its own.
     */
    SQLITE("jdbc:sqlite:", "TEXT", ""),

    /**
     * Embedded, one process: the earlier default, still supported. H2's NUMERIC without a scale rounds to whole
     * numbers, so decimals use DECFLOAT (exact, any scale) instead; a longer lock timeout than H2's 1 s default keeps a
     * busy stream from failing its writers. {@code WRITE_DELAY 100} keeps H2's background writer running, which is what
     * reuses and compacts the file's space ({@code WRITE_DELAY 0} stops it, and the file grew by every commit's chunk,
     * about 170 KB per batch); acknowledged writes do not depend on it, since every group commit is synced before it is
     * answered. The space of replaced chunks is reused after {@code RETENTION_TIME 1000} ms instead of 45 s: the writer
     * syncs whatever H2 wrote by itself within {@link GroupCommitter#IDLE_SYNC} (100 ms), so a chunk is overwritten
     * only after the chunks that replaced it are on the device.
     */
    H2("jdbc:h2:", "DECFLOAT", "SET LOCK_TIMEOUT 10000; SET WRITE_DELAY 100; SET RETENTION_TIME 1000"),

    /** Production: many instances on one database, with LISTEN/NOTIFY for the cross-instance doorbell. */
    POSTGRESQL("jdbc:postgresql:", "NUMERIC", "");

    /**
     * Parsed statements H2 keeps per connection, by SQL text. Its default of 8 is fewer than the distinct statements
     * one submit runs (about a dozen), so with the default every statement was parsed again on every submit (9% of
     * the server's CPU in the ingest benchmark). An operator's own {@code QUERY_CACHE_SIZE} in the URL wins.
     */
    static final int H2_QUERY_CACHE_SIZE = 64;

    /**
     * How eagerly H2's background writer rewrites partly dead chunks (H2's default 90). While the database is busy
     * it rewrites when the rewritable chunks' fill rate f satisfies 50 + f/2 < rate²/100: with 90 that is f < 62%,
     * with 75 only f < 12%; when idle it compacts up to the rate itself. Each rewrite pass holds H2's store lock for
     * tens of milliseconds, and every group commit's {@code CHECKPOINT SYNC} waits for it: end-to-end p99 with
     * 1,000 SSE readers at 100 batches/s (G1) was 137-226 ms with 90, 20-44 ms with 75 (two runs). The file stays
     * bounded: chunks whose pages were all replaced are reused after {@code RETENTION_TIME}, and the few rewrites
     * left keep the rest in check (the bound test's 3,000 batches: 133 MB at most, against 112 MB with 90 and 466 MB
     * with 70, where no chunk is rewritten under load). An operator's own value in the URL wins.
     */
    static final int H2_AUTO_COMPACT_FILL_RATE = 75;

    private static final Map<String, String> SQLITE_CONNECTION = Map.of("journal_mode", "WAL", "synchronous", "FULL",
            "busy_timeout", "10000", "transaction_mode", "IMMEDIATE");

    private final String urlPrefix;
    private final String decimalType;
    private final String sessionSetup;

    Dialect(String urlPrefix, String decimalType, String sessionSetup) {
        this.urlPrefix = urlPrefix;
        this.decimalType = decimalType;
        this.sessionSetup = sessionSetup;
    }

    static Dialect of(String jdbcUrl) {
        for (Dialect dialect : values()) {
            if (jdbcUrl.startsWith(dialect.urlPrefix)) {
                return dialect;
            }
        }
        throw new IllegalArgumentException("url must start with jdbc:sqlite:, jdbc:h2: or jdbc:postgresql:, was '"
                + PersistenceSettings.redact(jdbcUrl) + "'");
    }

    /**
     * The URL the pool connects with. An embedded H2 file database is opened through H2's {@code retry:} file system:
     * with the plain one, interrupting any thread in the middle of a file write (virtual threads of cancelled calls
     * get interrupted) closes the file channel and with it the whole database ("The database has been closed") until
     * restart. {@code retry:} reopens the channel instead. The files on disk are the same either way, but within one
     * JVM H2 sees the two URL forms as two databases: other in-process connections must use this URL too.
     */
    String poolUrl(String jdbcUrl) {
        if (this != H2) {
            return jdbcUrl;
        }
        String rest = jdbcUrl.substring(urlPrefix.length());
        boolean embeddedFile = rest.startsWith("file:") || rest.startsWith("./") || rest.startsWith("../")
                || rest.startsWith("/") || rest.startsWith("~");
        String url = embeddedFile ? urlPrefix + "retry:" + rest : jdbcUrl;
        url = withDefault(url, "QUERY_CACHE_SIZE", Integer.toString(H2_QUERY_CACHE_SIZE));
        url = withDefault(url, "AUTO_COMPACT_FILL_RATE", Integer.toString(H2_AUTO_COMPACT_FILL_RATE));
        // the server closes the database itself, last in its shutdown, after the batches in flight are written:
        // H2's own close at JVM exit would pull it from under them
        boolean remote = rest.startsWith("tcp:") || rest.startsWith("ssl:");
        return remote ? url : withDefault(url, "DB_CLOSE_ON_EXIT", "FALSE");
    }

    /**
     * SQLite creates a missing database file but not its directory (H2 creates both): the default
     * {@code ./data/batchcast.db} must work on a fresh checkout. In-memory databases have no file; other dialects
     * need nothing.
     */
    void createDatabaseDirectory(String jdbcUrl) {
        Optional<Path> file = this == SQLITE ? databaseFile(jdbcUrl) : Optional.empty();
        if (file.isEmpty()) {
            return;
        }
        Path parent = file.get().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of the database file " + parent, e);
        }
    }

    /**
     * The database file {@code jdbcUrl} names, absolute: SQLite's file, or an embedded H2 database's {@code .mv.db}
     * file. Empty for in-memory databases, H2 servers and PostgreSQL.
     */
    Optional<Path> databaseFile(String jdbcUrl) {
        if (this == H2) {
            return h2File(jdbcUrl.substring(urlPrefix.length()));
        }
        if (this != SQLITE) {
            return Optional.empty();
        }
        String file = jdbcUrl.substring(urlPrefix.length());
        int query = file.indexOf('?');
        file = query < 0 ? file : file.substring(0, query);
        file = file.startsWith("file:") ? file.substring("file:".length()) : file;
        if (file.isEmpty() || file.contains(":memory:") || file.startsWith("//")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(file).toAbsolutePath());
    }

    private static Optional<Path> h2File(String rest) {
        int settings = rest.indexOf(';');
        String name = settings < 0 ? rest : rest.substring(0, settings);
        name = name.startsWith("file:") ? name.substring("file:".length()) : name;
        boolean embeddedFile = name.startsWith("./") || name.startsWith("../") || name.startsWith("/")
                || name.startsWith("~");
        if (!embeddedFile) {
            return Optional.empty(); // mem:, tcp:, ssl: and H2's other file systems
        }
        if (name.startsWith("~")) {
            name = System.getProperty("user.home") + name.substring(1);
        }
        return Optional.of(Path.of(name + ".mv.db").toAbsolutePath());
    }

    /**
     * Driver properties each pooled connection of {@code jdbcUrl} opens with, less those the URL sets itself (an
     * operator's {@code ?busy_timeout=…} wins; sqlite-jdbc would let the properties win). SQLite: a WAL journal, a
     * sync at every commit, a writer that waits up to 10 s for the write lock instead of failing at once, and write
     * transactions that take that lock at {@code BEGIN} ({@code IMMEDIATE}): with the default {@code DEFERRED}, a
     * transaction that reads and then writes fails with {@code SQLITE_BUSY}, without waiting, when another
     * connection wrote in between.
     */
    Map<String, String> driverProperties(String jdbcUrl) {
        if (this != SQLITE) {
            return Map.of();
        }
        Map<String, String> properties = new TreeMap<>(SQLITE_CONNECTION);
        int query = jdbcUrl.indexOf('?');
        if (query >= 0) {
            for (String setting : jdbcUrl.substring(query + 1).split("&")) {
                int equals = setting.indexOf('=');
                properties.remove((equals < 0 ? setting : setting.substring(0, equals)).toLowerCase(Locale.ROOT));
            }
        }
        return properties;
    }

    /** Where this database's Flyway migrations are: SQLite's schema is one baseline of the final shape. */
    String migrationLocation() {
        return this == SQLITE ? "classpath:db/sqlite" : "classpath:db/migration";
    }

    private static String withDefault(String url, String setting, String value) {
        return url.toUpperCase(Locale.ROOT).contains(";" + setting + "=") ? url : url + ";" + setting + "=" + value;
    }

    /** Values for the placeholders in the Flyway migrations. */
    Map<String, String> migrationPlaceholders() {
        return Map.of("decimal", decimalType);
    }

    /** Statements each new pooled connection runs once; empty when the driver's defaults are right. */
    String connectionInitSql() {
        return sessionSetup;
    }

    /**
     * What makes a committed group durable before its callers are answered, run on the committing connection right
     * after the commit; empty when the commit itself is (PostgreSQL, with its default {@code synchronous_commit}).
     * H2 writes a commit to its file but never syncs it: {@code CHECKPOINT SYNC} forces the file to the device
     * ({@code FileChannel.force}), once per group. SQLite with {@code synchronous=FULL} syncs at the commit.
     */
    String syncAfterCommit() {
        return this == H2 ? "CHECKPOINT SYNC" : "";
    }

    /** What locks the rows a {@code SELECT} reads until commit; SQLite's write transaction holds the whole database. */
    String rowLock() {
        return this == SQLITE ? "" : " FOR UPDATE";
    }

    boolean notifies() {
        return this == POSTGRESQL;
    }
}
