package io.batchcast.adapter.persistence;

/** The databases every persistence test runs on. */
enum Engine {
    SQLITE,
    H2,
    POSTGRESQL;

    /** A fresh, empty database; embedded files for SQLite and H2, as deployed. */
    TestDatabase newDatabase() {
        return switch (this) {
            case SQLITE -> SqliteTestDatabase.create();
            case H2 -> H2TestDatabase.embedded();
            case POSTGRESQL -> PostgresTestDatabase.create();
        };
    }

    /**
     * A fresh database that a test can take offline and bring back (H2 then runs as a TCP server). SQLite has no
     * server to lose: a file cannot go offline.
     */
    TestDatabase newDatabaseThatCanGoOffline() {
        return switch (this) {
            case SQLITE -> throw new UnsupportedOperationException("an embedded SQLite file cannot go offline");
            case H2 -> H2TestDatabase.server();
            case POSTGRESQL -> PostgresTestDatabase.create();
        };
    }
}
