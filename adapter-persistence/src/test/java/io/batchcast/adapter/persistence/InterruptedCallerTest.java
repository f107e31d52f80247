package io.batchcast.adapter.persistence;

import static io.batchcast.adapter.persistence.TradingFixtures.NOON;
import static io.batchcast.adapter.persistence.TradingFixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchcast.application.port.in.StoreUnavailableException;
import io.batchcast.domain.StoredEvent;
import io.batchcast.domain.Strategy;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Cancelled gRPC calls and closed SSE connections interrupt their (virtual) threads, possibly in the middle of a
 * store call. That call may fail; the database must stay usable for everyone else. (With H2's plain file system an
 * interrupt during a write closed the whole embedded database.)
 */
class InterruptedCallerTest {

    @ParameterizedTest
    @EnumSource(Engine.class)
    void interruptingCallersMidWriteLeavesTheDatabaseUsableAndTheSequenceGapFree(Engine engine) throws Exception {
        try (TestDatabase database = engine.newDatabase(); Persistence persistence = database.open()) {
            Strategy strategy = persistence.strategyStore().create(unique("alice"), "Grid BTC", NOON);
            Thread writer = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 200; i++) {
                    try {
                        persistence.batchRecorder().record(TradingFixtures.oneLimitOrder(strategy, NOON));
                    } catch (StoreUnavailableException interruptedCall) {
                        // this caller was interrupted; only its own batch may fail
                    }
                    Thread.interrupted();
                }
            });
            while (writer.isAlive()) {
                writer.interrupt();
                Thread.sleep(1);
            }

            StoredEvent next = persistence.batchRecorder().record(TradingFixtures.oneLimitOrder(strategy, NOON))
                    .orElseThrow();
            long head = next.id().seq();
            List<Long> seqs = persistence.eventLog().eventsAfter(strategy.id(), 0, (int) head + 10).stream()
                    .map(event -> event.id().seq()).toList();
            assertEquals(LongStream.rangeClosed(1, head).boxed().toList(), seqs);
        }
    }
}
