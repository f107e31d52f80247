package io.batchcast.adapter.persistence;

import static io.batchcast.adapter.persistence.TradingFixtures.NOON;
import static io.batchcast.adapter.persistence.TradingFixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchcast.application.port.out.RecordedBatch;
import io.batchcast.domain.OperationResult;
import io.batchcast.domain.Order;
import io.batchcast.domain.OrderType;
import io.batchcast.domain.Strategy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The embedded database's files stay bounded under constant load with retention on. H2: with {@code WRITE_DELAY 0}
 * (its background writer stopped) every commit's chunk stayed in the file: 3,000 batches of 10 orders grew it to
 * about 530 MB, 170 KB per batch, of which {@code SHUTDOWN COMPACT} kept 7 MB. SQLite reuses the pages retention
 * frees, and its WAL is checkpointed back into the file as it goes; the 30,000 orders (never pruned) are most of
 * what it keeps.
 */
class EmbeddedFileBoundTest {

    private static final int BATCHES = 3_000;
    private static final int ORDERS_PER_BATCH = 10;
    /** At most this many batches per second, so that a faster machine writes no more per retention period. */
    private static final int MAX_RATE = 250;
    private static final long H2_BOUND_BYTES = 300L * 1024 * 1024;
    /** Twice the 16 MB measured (about 5 KB per batch, most of it the orders); a file growing by commit fails it. */
    private static final long SQLITE_BOUND_BYTES = 32L * 1024 * 1024;

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"SQLITE", "H2"})
    void theFilesStayBoundedWhileRetentionPrunesUnderConstantLoad(Engine engine) throws Exception {
        try (TestDatabase database = engine.newDatabase()) {
            SettableClock clock = new SettableClock(NOON);
            PersistenceSettings settings = database.settings().withRetention(100, Duration.ofDays(7))
                    .withReceiptMaxAge(Duration.ofSeconds(100));
            List<Path> files = engine == Engine.SQLITE
                    ? List.of(((SqliteTestDatabase) database).file(),
                            Path.of(((SqliteTestDatabase) database).file() + "-wal"))
                    : List.of(Path.of(database.url().substring("jdbc:h2:file:".length()) + ".mv.db"));
            long bound = engine == Engine.SQLITE ? SQLITE_BOUND_BYTES : H2_BOUND_BYTES;
            long largest = 0;
            long start = System.nanoTime();
            try (Persistence persistence = Persistence.open(settings, clock)) {
                Strategy strategy = persistence.strategyStore().create(unique("alice"), "Grid BTC", NOON);
                for (int i = 1; i <= BATCHES; i++) {
                    Instant now = NOON.plusSeconds(i);
                    clock.set(now);
                    RecordedBatch batch = tenLimitCreates(strategy, now);
                    persistence.batchIntents().open(TradingFixtures.intentOf(batch, now));
                    persistence.batchRecorder().record(batch);
                    if (i % 100 == 0) {
                        persistence.pruner().pruneNow();
                        largest = Math.max(largest, size(files));
                    }
                    long ahead = start + i * 1_000_000_000L / MAX_RATE - System.nanoTime();
                    if (ahead > 0) {
                        Thread.sleep(ahead / 1_000_000);
                    }
                }
                assertEquals(100, persistence.eventLog().eventsAfter(strategy.id(), 0, 1_000).size(),
                        "retention kept the newest 100 events");
            }
            assertTrue(largest < bound, "the files grew to " + largest + " bytes after " + BATCHES
                    + " batches, more than " + bound);
        }
    }

    private static long size(List<Path> files) throws IOException {
        long bytes = 0;
        for (Path file : files) {
            bytes += Files.exists(file) ? Files.size(file) : 0;
        }
        return bytes;
    }

    private static RecordedBatch tenLimitCreates(Strategy strategy, Instant now) {
        List<Order> orders = new ArrayList<>();
        List<OperationResult> results = new ArrayList<>();
        for (int k = 0; k < ORDERS_PER_BATCH; k++) {
            String orderId = unique("ord");
            Order order = TradingFixtures.limitBuy(strategy, orderId, unique("cli"), "1", "100");
            orders.add(order);
            results.add(OperationResult.created(k, orderId, order.clientOrderId(), OrderType.LIMIT));
        }
        return TradingFixtures.batch(strategy, unique("batch"), unique("req"), orders, results, now);
    }
}
