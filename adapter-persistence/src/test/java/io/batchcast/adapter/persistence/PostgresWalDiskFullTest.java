package io.batchcast.adapter.persistence;

import static io.batchcast.adapter.persistence.TradingFixtures.NOON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchcast.application.port.in.StoreUnavailableException;
import io.batchcast.domain.Strategy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL's write-ahead log on a disk that runs full (a 24 MB tmpfs filled by a filler file, under a cluster of
 * its own, so that the machine's shared server is never touched). The backend that cannot write the log at a commit
 * PANICs, which ends every backend; the recovery that follows needs room in the log too, fails, and the server shuts
 * down. The write fails as the store being unavailable with {@code 53100}, readiness says the storage is full, every
 * write acknowledged before is there once the operator has made room and started the server again, and the pool
 * reconnects by itself.
 */
class PostgresWalDiskFullTest {

    @Test
    void aFullWalDiskStopsTheServerAndLosesNoAcknowledgedWrite() {
        try (SmallFilesystem disk = SmallFilesystem.mount(24);
                ThrowawayCluster cluster = ThrowawayCluster.withWalIn(disk.directoryOwnedBy("postgres"));
                Persistence persistence = Persistence.open(PersistenceSettings.of(cluster.url(), "postgres", "")
                        .withConnectionTimeout(Duration.ofMillis(500)), Clock.systemUTC())) {
            Strategy before = persistence.strategyStore().create("u1", "before the disk filled", NOON);
            assertTrue(persistence.databaseReady());
            disk.fill();
            List<Long> acknowledged = new ArrayList<>();

            StoreUnavailableException full = assertThrows(StoreUnavailableException.class, () -> {
                for (int i = 0; i < 100_000; i++) { // what the log's last segment still has room for goes first
                    acknowledged.add(persistence.strategyStore().create("u1", "strategy-" + i, NOON).id());
                }
            });

            assertTrue(full.getMessage().startsWith("database unavailable while creating a strategy (SQLState 53100):"
                    + " PANIC: could not write to file \"pg_wal/xlogtemp.") && full.getMessage()
                    .endsWith("No space left on device"), full.getMessage());
            // the backend that could not write the log took the server down; its recovery needs room in the log too
            Await.until("the server stops", () -> !cluster.running());
            assertTrue(cluster.log().contains("shutting down due to startup process failure"), cluster.log());
            Persistence.DatabaseHealth down = persistence.databaseHealth();
            assertFalse(down.ready());
            assertTrue(down.storage().orElseThrow().matches("full: writes fail since \\S+Z: 53100"), down.toString());

            disk.free();
            cluster.start();
            Await.until("the pool reconnects", persistence::databaseReady);
            Strategy after = persistence.strategyStore().create("u1", "after", NOON);
            List<Long> stored = persistence.strategyStore().listByUser("u1", 0, 1_000_000).stream()
                    .map(Strategy::id).toList();
            List<Long> expected = new ArrayList<>(List.of(before.id()));
            expected.addAll(acknowledged);
            expected.add(after.id());
            assertEquals(expected, stored.stream().filter(expected::contains).toList(),
                    "every acknowledged strategy survived the stop, in order (" + acknowledged.size() + ")");
            assertTrue(List.of(0, 1).contains(stored.size() - expected.size()),
                    "besides those only the write that failed, whose outcome its caller was not told: " + stored.size());
            assertTrue(acknowledged.size() > 0, "some writes fitted in the log's last segment");
        }
    }
}
