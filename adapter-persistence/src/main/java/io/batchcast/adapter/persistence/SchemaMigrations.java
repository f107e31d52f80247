package io.batchcast.adapter.persistence;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Brings the schema up to date with Flyway (the dialect's migration location plus the Java migrations) and reads the
 * epoch.
 */
final class SchemaMigrations {

    /**
     * Flyway's own lock (an advisory lock on PostgreSQL) serializes instances in different processes. Within one JVM
     * (tests, or two adapters on one embedded database) H2 itself trips over two concurrent Flyway runs reading its
     * schema (ConcurrentModificationException inside H2), so in-process runs also take turns.
     */
    private static final Object IN_PROCESS = new Object();

    private SchemaMigrations() {
    }

    static void migrate(DataSource dataSource, Dialect dialect) {
        synchronized (IN_PROCESS) {
            runFlyway(dataSource, dialect);
        }
    }

    private static void runFlyway(DataSource dataSource, Dialect dialect) {
        try {
            // SQLite's baseline already has the lean write set's shape (no foreign keys): migration 8 is not its
            JavaMigration[] javaMigrations = dialect == Dialect.SQLITE
                    ? new JavaMigration[] {new DatabaseEpochMigration()}
                    : new JavaMigration[] {new DatabaseEpochMigration(), new LeanWriteSetMigration()};
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations(dialect.migrationLocation())
                    .javaMigrations(javaMigrations)
                    .placeholders(dialect.migrationPlaceholders())
                    .cleanDisabled(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new IllegalStateException("database schema migration failed: " + e.getMessage(), e);
        }
    }

    static String readEpoch(Transactions transactions) {
        return transactions.autoCommit("reading the database epoch", connection -> {
            try (PreparedStatement select =
                    connection.prepareStatement("SELECT meta_value FROM meta WHERE meta_key = ?")) {
                select.setString(1, DatabaseEpochMigration.EPOCH_KEY);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        throw new IllegalStateException("the meta table holds no epoch; was migration 2 removed?");
                    }
                    return row.getString(1);
                }
            }
        });
    }
}
