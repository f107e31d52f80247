package io.batchcast.adapter.persistence;

/** The databases every persistence test runs on. */
enum Engine {
    H2,
    POSTGRESQL;

    /** A fresh, empty database; embedded for H2, as in the default deployment. */
    TestDatabase newDatabase() {
        return this == H2 ? H2TestDatabase.embedded() : PostgresTestDatabase.create();
    }

    /** A fresh database that a test can take offline and bring back (H2 then runs as a TCP server). */
    TestDatabase newDatabaseThatCanGoOffline() {
        return this == H2 ? H2TestDatabase.server() : PostgresTestDatabase.create();
    }
}
