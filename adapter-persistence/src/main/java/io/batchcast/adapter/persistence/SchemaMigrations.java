package io.batchcast.adapter.persistence;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/** Brings the schema up to date with Flyway (classpath:db/migration plus the epoch migration) and reads the epoch. */
final class SchemaMigrations {

    private SchemaMigrations() {
    }

    static void migrate(DataSource dataSource, Dialect dialect) {
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .javaMigrations(new DatabaseEpochMigration())
                    .placeholders(dialect.migrationPlaceholders())
                    .cleanDisabled(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new IllegalStateException("database schema migration failed: " + e.getMessage(), e);
        }
    }

    static String readEpoch(Transactions transactions) {
        return transactions.read("reading the database epoch", connection -> {
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
