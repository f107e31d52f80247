package io.batchcast.adapter.persistence;

import static io.batchcast.adapter.persistence.TradingFixtures.NOON;
import static io.batchcast.adapter.persistence.TradingFixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.batchcast.application.port.in.EventDoorbellUseCase;
import io.batchcast.domain.Strategy;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** LISTEN/NOTIFY exists on PostgreSQL only; on H2 the factory must hand out the listener that does nothing. */
class DoorbellListenerTest {

    /** What the application's EventFeed would be told. */
    static final class RecordingDoorbell implements EventDoorbellUseCase {
        final BlockingQueue<String> rings = new LinkedBlockingQueue<>();
        final AtomicInteger catchUps = new AtomicInteger();

        @Override
        public void ring(long strategyId, long seq) {
            rings.add(strategyId + ":" + seq);
        }

        @Override
        public void catchUp() {
            catchUps.incrementAndGet();
        }

        String nextRing() throws InterruptedException {
            return rings.poll(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void factoryChoosesTheListenerByDatabase(Engine engine) {
        try (TestDatabase database = engine.newDatabase(); Persistence persistence = database.open()) {
            DoorbellListener listener = persistence.doorbellListener(new RecordingDoorbell());

            Class<?> expected = engine == Engine.POSTGRESQL ? PostgresDoorbellListener.class : EmbeddedDoorbellListener.class;
            assertEquals(expected, listener.getClass());
        }
    }

    @Test
    void listenerRequiresAPostgresUrl() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new PostgresDoorbellListener(PersistenceSettings.defaults(), new RecordingDoorbell()));

        assertEquals("url must be a jdbc:postgresql: URL for LISTEN/NOTIFY", refused.getMessage());
    }

    @Test
    void listenerIsRungForBatchesAnotherInstanceRecorded() throws InterruptedException {
        try (TestDatabase database = Engine.POSTGRESQL.newDatabase();
                Persistence submitting = database.open();
                Persistence listening = database.open()) {
            RecordingDoorbell doorbell = new RecordingDoorbell();
            listening.doorbellListener(doorbell).start();
            Await.until("LISTEN is established", () -> doorbell.catchUps.get() == 1);
            Strategy strategy = submitting.strategyStore().create(unique("alice"), "Grid BTC", NOON);

            submitting.batchRecorder().record(TradingFixtures.oneLimitOrder(strategy, NOON));
            submitting.batchRecorder().record(TradingFixtures.oneLimitOrder(strategy, NOON));

            assertEquals(strategy.id() + ":1", doorbell.nextRing());
            assertEquals(strategy.id() + ":2", doorbell.nextRing());
        }
    }

    @Test
    void listenerReconnectsAfterItsConnectionIsKilledAndCatchesUp() throws InterruptedException {
        try (PostgresTestDatabase database = PostgresTestDatabase.create();
                Persistence submitting = database.open();
                Persistence listening = database.open()) {
            RecordingDoorbell doorbell = new RecordingDoorbell();
            listening.doorbellListener(doorbell).start();
            Await.until("LISTEN is established", () -> doorbell.catchUps.get() == 1);
            Strategy strategy = submitting.strategyStore().create(unique("alice"), "Grid BTC", NOON);

            database.terminateBackends("application_name = 'batchcast-doorbell'");
            // Committed while nobody listens: only catchUp() can deliver it.
            submitting.batchRecorder().record(TradingFixtures.oneLimitOrder(strategy, NOON));
            Await.until("the listener reconnected and caught up", () -> doorbell.catchUps.get() == 2);
            submitting.batchRecorder().record(TradingFixtures.oneLimitOrder(strategy, NOON));

            String ring = doorbell.nextRing();
            if (ring.equals(strategy.id() + ":1")) {
                ring = doorbell.nextRing(); // the first event raced the reconnect and was rung as well
            }
            assertEquals(strategy.id() + ":2", ring);
        }
    }
}
