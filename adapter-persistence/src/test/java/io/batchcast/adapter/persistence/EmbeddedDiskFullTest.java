package io.batchcast.adapter.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.batchcast.application.port.in.StoreUnavailableException;
import io.batchcast.domain.Strategy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An embedded database file on a real filesystem that runs full (a tmpfs; mounting it needs root, as CI has):
 * readiness goes DOWN with the write that failed, stays DOWN while there is no room, and comes back without a
 * restart once there is, with what was committed before still there. H2 has no error code for a full disk: the
 * write fails with a general error whose causes end in the operating system's "No space left on device", and H2 then
 * closes the database, which the pool's next connection opens again from its file.
 */
class EmbeddedDiskFullTest {

    enum EmbeddedDatabase {
        SQLITE(root -> "jdbc:sqlite:" + root.resolve("batchcast.db"), "SQLITE_FULL"),
        H2(root -> "jdbc:h2:file:" + root.resolve("batchcast"), "ENOSPC");

        final Function<Path, String> url;
        final String code;

        EmbeddedDatabase(Function<Path, String> url, String code) {
            this.url = url;
            this.code = code;
        }
    }

    @ParameterizedTest
    @EnumSource(EmbeddedDatabase.class)
    void aWriteOnAFullDiskMakesTheDatabaseNotReadyUntilThereIsRoomAndAProbeCommits(EmbeddedDatabase database) {
        Instant start = Instant.parse("2026-12-03T10:00:00.123456Z");
        SettableClock clock = new SettableClock(start);
        try (SmallFilesystem filesystem = SmallFilesystem.mount(32); Persistence persistence = Persistence.open(
                PersistenceSettings.of(database.url.apply(filesystem.root()), "", ""), clock)) {
            Strategy before = persistence.strategyStore().create("u1", "before the disk filled", start);
            assertEquals(new Persistence.DatabaseHealth(true, Optional.empty()), persistence.databaseHealth());
            filesystem.fill();
            StoreUnavailableException full = assertThrows(StoreUnavailableException.class, () -> {
                for (int i = 0; i < 10_000; i++) { // what the database still had room for goes first
                    persistence.strategyStore().create("u1", "strategy-" + i, start);
                }
            });

            Persistence.DatabaseHealth down = new Persistence.DatabaseHealth(false,
                    Optional.of("full: writes fail since 2026-12-03T10:00:00.123456Z: " + database.code));
            assertEquals(down, persistence.databaseHealth(), "the first probe fails: still full (" + full + ")");
            clock.set(start.plusMillis(999));
            filesystem.free();
            assertEquals(down, persistence.databaseHealth(), "no second probe within a second");
            clock.set(start.plusSeconds(1));
            assertEquals(new Persistence.DatabaseHealth(true, Optional.empty()), persistence.databaseHealth(),
                    "the probe a second later commits: ready again, no restart");
            Strategy after = persistence.strategyStore().create("u1", "after", start);
            assertEquals(List.of(before.id(), after.id()), persistence.strategyStore().listByUser("u1", 0, 1_000)
                    .stream().map(Strategy::id).filter(id -> id == before.id() || id == after.id()).toList(),
                    "what was committed before the disk filled is still there");
        }
    }
}
