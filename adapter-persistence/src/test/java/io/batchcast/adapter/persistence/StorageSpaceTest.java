package io.batchcast.adapter.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** What marks the storage full, and the probe that clears the mark (PostgreSQL; SQLite: SqliteDiskFullTest). */
class StorageSpaceTest {

    private final Instant start = Instant.parse("2026-12-03T10:00:00Z");
    private final SettableClock clock = new SettableClock(start);

    @Test
    void postgresDiskFullMarksTheStorageFullAndAProbeIntoATemporaryTableClearsIt() {
        try (TestDatabase database = Engine.POSTGRESQL.newDatabase(); Persistence migrated = database.open();
                HikariDataSource pool = ConnectionPool.open(database.settings(), Dialect.POSTGRESQL)) {
            StorageSpace space = new StorageSpace(Dialect.POSTGRESQL, clock);
            Transactions probe = new Transactions(pool);
            space.noteFailure(new SQLException("could not extend file: No space left on device", "53100"));
            clock.set(start.plusSeconds(5));

            assertEquals(Optional.empty(), space.fullness(probe), "the probe committed: there is room");
            assertEquals(Optional.empty(), space.fullness(probe));
        }
    }

    @Test
    void otherFailuresLeaveTheStorageAloneAndAFailingProbeRunsAtMostOnceASecond() {
        StorageSpace space = new StorageSpace(Dialect.POSTGRESQL, clock);
        space.noteFailure(new SQLException("canceling statement due to lock timeout", "55P03"));
        space.noteFailure(new SQLException("connection refused", "08001"));
        int[] probes = {0};
        Transactions failing = new Transactions(countingFailures(probes));
        assertEquals(Optional.empty(), space.fullness(failing), "not full: no probe runs");
        assertEquals(0, probes[0]);

        SQLException full = new SQLException("batch failed", "22000");
        full.setNextException(new SQLException("could not extend file", "53100"));
        space.noteFailure(full);
        clock.set(start.plusSeconds(3));
        space.noteFailure(new SQLException("could not write to file", "53100"));
        Optional<String> since = Optional.of("full: writes fail since 2026-12-03T10:00:00Z: 53100");
        assertEquals(since, space.fullness(failing), "the first failure names the instant");
        clock.set(start.plusSeconds(3).plusMillis(999));
        assertEquals(since, space.fullness(failing));
        assertEquals(1, probes[0], "one probe within the second");
        clock.set(start.plusSeconds(4));
        assertEquals(since, space.fullness(failing));
        assertEquals(2, probes[0]);
    }

    /** A database whose every connection attempt fails, counting them. */
    private static DataSource countingFailures(int[] attempts) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, arguments) -> {
                    if (!method.getName().equals("getConnection")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    attempts[0]++;
                    throw new SQLException("could not write to file: No space left on device", "53100");
                });
    }
}
