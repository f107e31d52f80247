package io.batchcast.adapter.persistence;

import static io.batchcast.adapter.persistence.TradingFixtures.NOON;
import static io.batchcast.adapter.persistence.TradingFixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchcast.application.port.in.StoreUnavailableException;
import io.batchcast.domain.StoredEvent;
import io.batchcast.domain.Strategy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Cancelled gRPC calls and closed SSE connections interrupt their (virtual) threads, possibly in the middle of a
 * store call. That call may fail; the database must stay usable for everyone else. (With H2's plain file system an
 * interrupt during a write closed the whole embedded database.)
 */
class InterruptedCallerTest {

    /** The caller's interrupt flag is already set when its write reaches the file (fails with H2's plain file:). */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void callerInterruptedBeforeItsWriteDoesNotTakeTheDatabaseDown(Engine engine) {
        try (TestDatabase database = engine.newDatabase(); Persistence persistence = database.open()) {
            Strategy strategy = persistence.strategyStore().create(unique("alice"), "Grid BTC", NOON);

            Thread.currentThread().interrupt();
            try {
                persistence.batchRecorder().record(TradingFixtures.oneLimitOrder(strategy, NOON));
            } catch (StoreUnavailableException interruptedCall) {
                // allowed: this call was interrupted
            } finally {
                Thread.interrupted();
            }

            long head = persistence.eventLog().window(strategy.id()).headSeq();
            StoredEvent next = persistence.batchRecorder().record(TradingFixtures.oneLimitOrder(strategy, NOON))
                    .orElseThrow();
            assertEquals(head + 1, next.id().seq());
        }
    }
}
