package io.batchcast.adapter.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The lean write set: every row a submit writes updates only the indexes that a read or a constraint needs, and no
 * foreign key (docs/persistence.md, "What a submitted batch writes"). A new index on one of these tables has to be
 * added here, with the query that needs it.
 */
class LeanSchemaTest {

    /** Per hot table, its indexes as "unique? (columns)" in key order. */
    private static final Map<String, List<String>> EXPECTED = new TreeMap<>(Map.of(
            "batch_intents", List.of("unique (batch_id)"),
            "batches", List.of("unique (batch_id)", "unique (id)", "unique (user_id, request_id)"),
            "events", List.of("(occurred_at)", "unique (strategy_id, seq)", "unique (user_id, user_seq)"),
            "orders", List.of("(strategy_id, created_at, order_id)", "unique (strategy_id, client_order_id)",
                    "unique (strategy_id, order_id)"),
            "statistics_batches", List.of("(bucket_start)", "unique (strategy_id, bucket_start)"),
            "statistics_order_types", List.of("unique (strategy_id, bucket_start, order_type)"),
            "streams", List.of("unique (strategy_id)"),
            "user_streams", List.of("unique (user_id)")));

    @ParameterizedTest
    @EnumSource(Engine.class)
    void theHotTablesHaveNoForeignKeyAndOnlyTheIndexesAQueryOrAConstraintNeeds(Engine engine) throws SQLException {
        try (TestDatabase database = engine.newDatabase(); Persistence persistence = database.open();
                Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            assertEquals(List.of(), (engine == Engine.SQLITE ? sqliteForeignKeys(statement)
                    : LeanWriteSetMigration.foreignKeys(statement)).stream().map(key -> key[0] + "." + key[1]).toList());
            Map<String, List<String>> indexes = switch (engine) {
                case SQLITE -> sqliteIndexes(statement);
                case H2 -> h2Indexes(statement);
                case POSTGRESQL -> postgresIndexes(statement);
            };
            indexes.keySet().retainAll(EXPECTED.keySet());
            Map<String, List<String>> expected = new TreeMap<>(EXPECTED);
            if (engine != Engine.SQLITE) { // reconciliation's read, oldest first, past the dead rows (migration 9)
                expected.put("batch_intents", List.of("(created_at)", "unique (batch_id)"));
            }
            assertEquals(expected, indexes);
        }
    }

    private static List<String[]> sqliteForeignKeys(Statement statement) throws SQLException {
        List<String[]> keys = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery("SELECT m.name, k.\"table\" FROM sqlite_schema m"
                + " JOIN pragma_foreign_key_list(m.name) k WHERE m.type = 'table' ORDER BY m.name")) {
            while (rows.next()) {
                keys.add(new String[] {rows.getString(1), "references " + rows.getString(2)});
            }
        }
        return keys;
    }

    /** Its indexes, and the rowid key of a table whose primary key is one INTEGER column, read as an index. */
    private static Map<String, List<String>> sqliteIndexes(Statement statement) throws SQLException {
        Map<String, List<String>> indexes = new TreeMap<>();
        try (ResultSet rows = statement.executeQuery("SELECT m.name, i.name, i.\"unique\","
                + " (SELECT group_concat(name, ', ') FROM (SELECT c.name FROM pragma_index_info(i.name) c"
                + " ORDER BY c.seqno)) FROM sqlite_schema m JOIN pragma_index_list(m.name) i"
                + " WHERE m.type = 'table'")) {
            while (rows.next()) {
                indexes.computeIfAbsent(rows.getString(1), t -> new ArrayList<>())
                        .add((rows.getBoolean(3) ? "unique " : "") + "(" + rows.getString(4) + ")");
            }
        }
        try (ResultSet rows = statement.executeQuery("SELECT m.name, c.name FROM sqlite_schema m"
                + " JOIN pragma_table_info(m.name) c WHERE m.type = 'table' AND c.pk = 1 AND c.type = 'INTEGER'"
                + " AND (SELECT COUNT(*) FROM pragma_table_info(m.name) k WHERE k.pk > 0) = 1")) {
            while (rows.next()) {
                indexes.computeIfAbsent(rows.getString(1), t -> new ArrayList<>())
                        .add("unique (" + rows.getString(2) + ")");
            }
        }
        indexes.replaceAll((table, list) -> list.stream().sorted().toList());
        return indexes;
    }

    private static Map<String, List<String>> h2Indexes(Statement statement) throws SQLException {
        Map<String, Map<String, String>> byIndex = new TreeMap<>();
        try (ResultSet rows = statement.executeQuery("SELECT i.table_name, i.index_name, i.index_type_name,"
                + " c.column_name FROM information_schema.indexes i JOIN information_schema.index_columns c"
                + " ON c.index_schema = i.index_schema AND c.index_name = i.index_name"
                + " WHERE i.table_schema = CURRENT_SCHEMA ORDER BY i.table_name, i.index_name, c.ordinal_position")) {
            while (rows.next()) {
                String table = rows.getString(1).toLowerCase(Locale.ROOT);
                String unique = rows.getString(3).equals("INDEX") ? "" : "unique ";
                byIndex.computeIfAbsent(table, t -> new TreeMap<>()).merge(rows.getString(2),
                        unique + "(" + rows.getString(4).toLowerCase(Locale.ROOT),
                        (columns, next) -> columns + ", " + next.substring(next.indexOf('(') + 1));
            }
        }
        Map<String, List<String>> indexes = new TreeMap<>();
        byIndex.forEach((table, named) -> indexes.put(table,
                named.values().stream().map(columns -> columns + ")").sorted().toList()));
        return indexes;
    }

    private static Map<String, List<String>> postgresIndexes(Statement statement) throws SQLException {
        Map<String, List<String>> indexes = new TreeMap<>();
        try (ResultSet rows = statement.executeQuery("SELECT tablename, indexdef FROM pg_indexes"
                + " WHERE schemaname = current_schema")) {
            while (rows.next()) {
                String definition = rows.getString(2);
                String columns = definition.substring(definition.indexOf('(')).replace(" DESC", "");
                indexes.computeIfAbsent(rows.getString(1), t -> new ArrayList<>())
                        .add((definition.startsWith("CREATE UNIQUE") ? "unique " : "") + columns);
            }
        }
        indexes.replaceAll((table, list) -> list.stream().sorted().toList());
        return indexes;
    }
}
