package io.batchcast.adapter.persistence;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Migration 8, the lean write set: drops every foreign key of the schema. Each one cost every submit work that no
 * query needs: on PostgreSQL a lookup and a share lock of the parent row per inserted order, batch, stream and event;
 * on H2 also an index of its own ({@code orders (strategy_id)}, {@code batches (strategy_id)}), which H2 drops with
 * its constraint. What they guarded is guaranteed before the write: a batch is recorded only for a strategy whose
 * owner the caller is (the strategy was found), streams and events are written only by the recorder, under the
 * stream row it created, and batch_results rows are no longer written.
 *
 * <p>A Java migration because V1 declared the keys inline: their names are the database's own (H2:
 * {@code CONSTRAINT_8A}, PostgreSQL: {@code orders_strategy_id_fkey}), so they are read from the information schema.
 */
final class LeanWriteSetMigration implements JavaMigration {

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("8");
    }

    @Override
    public String getDescription() {
        return "lean write set";
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
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            for (String[] key : foreignKeys(statement)) {
                statement.execute("ALTER TABLE " + quoted(key[0]) + " DROP CONSTRAINT " + quoted(key[1]));
            }
        }
    }

    static List<String[]> foreignKeys(Statement statement) throws SQLException {
        List<String[]> keys = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery("SELECT table_name, constraint_name"
                + " FROM information_schema.table_constraints WHERE constraint_type = 'FOREIGN KEY'"
                + " AND table_schema = CURRENT_SCHEMA ORDER BY table_name, constraint_name")) {
            while (rows.next()) {
                keys.add(new String[] {rows.getString(1), rows.getString(2)});
            }
        }
        return keys;
    }

    private static String quoted(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
