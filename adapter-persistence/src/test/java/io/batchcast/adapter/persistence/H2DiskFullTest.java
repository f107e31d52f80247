package io.batchcast.adapter.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.batchcast.application.port.in.StoreUnavailableException;
import io.batchcast.domain.Strategy;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An embedded H2 file on a real filesystem that runs full. H2 has no error code for it: the write fails with a
 * general error whose causes end in the operating system's "No space left on device", and H2 then closes the
 * database; the pool's new connections open it again from what was synced.
 */
class H2DiskFullTest {

    private SmallFilesystem filesystem;
    private String url;

    @BeforeEach
    void mountASmallFilesystem() {
        filesystem = SmallFilesystem.mount(32);
        url = "jdbc:h2:file:" + filesystem.root().resolve("batchcast");
    }

    @AfterEach
    void unmount() {
        filesystem.close();
    }

    @Test
    void aWriteOnAFullDiskMakesTheDatabaseNotReadyUntilThereIsRoomAndAProbeIsSynced() {
        Instant start = Instant.parse("2026-12-03T10:00:00.123456Z");
        SettableClock clock = new SettableClock(start);
        try (Persistence persistence = Persistence.open(PersistenceSettings.of(url, "", ""), clock)) {
            Strategy before = persistence.strategyStore().create("u1", "before the disk filled", start);
            assertEquals(new Persistence.DatabaseHealth(true, Optional.empty()), persistence.databaseHealth());
            filesystem.fill();
            assertThrows(StoreUnavailableException.class, () -> {
                for (int i = 0; i < 10_000; i++) {
                    persistence.strategyStore().create("u1", "strategy-" + i, start);
                }
            });

            Persistence.DatabaseHealth down = new Persistence.DatabaseHealth(false,
                    Optional.of("full: writes fail since 2026-12-03T10:00:00.123456Z: ENOSPC"));
            assertEquals(down, persistence.databaseHealth(), "the first probe fails: still full");
            clock.set(start.plusMillis(999));
            filesystem.free();
            assertEquals(down, persistence.databaseHealth(), "no second probe within a second");
            clock.set(start.plusSeconds(1));
            assertEquals(new Persistence.DatabaseHealth(true, Optional.empty()), persistence.databaseHealth(),
                    "the probe a second later is synced: ready again, no restart");
            Strategy after = persistence.strategyStore().create("u1", "after", start);
            assertEquals(List.of(before.id(), after.id()), persistence.strategyStore().listByUser("u1", 0, 1_000).stream()
                    .map(Strategy::id).filter(id -> id == before.id() || id == after.id()).toList(),
                    "what was synced before the disk filled is still there");
        }
    }
}
