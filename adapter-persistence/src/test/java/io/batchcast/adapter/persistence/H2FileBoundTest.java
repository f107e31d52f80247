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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The embedded H2 file stays bounded under constant load with retention on. With {@code WRITE_DELAY 0} (H2's
 * background writer stopped) every commit's chunk stayed in the file: 3,000 batches of 10 orders grew it to about
 * 530 MB, 170 KB per batch, of which {@code SHUTDOWN COMPACT} kept 7 MB.
 */
class H2FileBoundTest {

    private static final int BATCHES = 3_000;
    private static final int ORDERS_PER_BATCH = 10;
    /** At most this many batches per second, so that a faster machine writes no more per retention period. */
    private static final int MAX_RATE = 250;
    private static final long BOUND_BYTES = 300L * 1024 * 1024;

    @Test
    void theFileStaysBoundedWhileRetentionPrunesUnderConstantLoad() throws Exception {
        try (H2TestDatabase database = H2TestDatabase.embedded()) {
            SettableClock clock = new SettableClock(NOON);
            PersistenceSettings settings = database.settings().withRetention(100, Duration.ofDays(7))
                    .withReceiptMaxAge(Duration.ofSeconds(100));
            Path file = Path.of(database.url().substring("jdbc:h2:file:".length()) + ".mv.db");
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
                        largest = Math.max(largest, Files.size(file));
                    }
                    long ahead = start + i * 1_000_000_000L / MAX_RATE - System.nanoTime();
                    if (ahead > 0) {
                        Thread.sleep(ahead / 1_000_000);
                    }
                }
                assertEquals(100, persistence.eventLog().eventsAfter(strategy.id(), 0, 1_000).size(),
                        "retention kept the newest 100 events");
            }
            assertTrue(largest < BOUND_BYTES, "the file grew to " + largest + " bytes after " + BATCHES
                    + " batches, more than " + BOUND_BYTES);
        }
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
