package io.batchcast.adapter.persistence;

import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Migration 2: gives the database its epoch, a random {@code [a-z0-9]{8}}. Flyway runs it exactly once per database
 * (under its migration lock, so two instances starting together agree), which is what makes the epoch change when
 * the database is wiped and stay when the service restarts.
 */
final class DatabaseEpochMigration implements JavaMigration {

    static final String EPOCH_KEY = "epoch";
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int LENGTH = 8;

    private final SecureRandom random = new SecureRandom();

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("2");
    }

    @Override
    public String getDescription() {
        return "database epoch";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        try (PreparedStatement insert = context.getConnection()
                .prepareStatement("INSERT INTO meta (meta_key, meta_value) VALUES (?, ?)")) {
            insert.setString(1, EPOCH_KEY);
            insert.setString(2, newEpoch());
            insert.executeUpdate();
        }
    }

    String newEpoch() {
        StringBuilder epoch = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            epoch.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return epoch.toString();
    }
}
