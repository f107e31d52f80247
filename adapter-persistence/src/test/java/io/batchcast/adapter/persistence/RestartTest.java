package io.batchcast.adapter.persistence;

import static io.batchcast.adapter.persistence.TradingFixtures.NOON;
import static io.batchcast.adapter.persistence.TradingFixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchcast.domain.EventId;
import io.batchcast.domain.StoredEvent;
import io.batchcast.domain.Strategy;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RestartTest {

    @ParameterizedTest
    @EnumSource(Engine.class)
    void restartOnTheSameDatabaseKeepsTheEpochAndIdsKeepIncreasing(Engine engine) {
        try (TestDatabase database = engine.newDatabase()) {
            Strategy before;
            String epoch;
            List<StoredEvent> eventsBefore;
            try (Persistence first = database.open()) {
                epoch = first.epoch();
                before = first.strategyStore().create(unique("alice"), "Grid BTC", NOON);
                first.batchRecorder().record(TradingFixtures.oneLimitOrder(before, NOON));
                first.batchRecorder().record(TradingFixtures.oneLimitOrder(before, NOON));
                eventsBefore = first.eventLog().eventsAfter(before.id(), 0, 10);
            }

            try (Persistence second = database.open()) {
                assertEquals(epoch, second.epoch());
                assertEquals(Optional.of(before), second.strategyStore().find(before.id()));
                Strategy after = second.strategyStore().create(before.userId(), "Momentum ETH", NOON);
                assertTrue(after.id() > before.id(), after.id() + " > " + before.id());
                StoredEvent third = second.batchRecorder().record(TradingFixtures.oneLimitOrder(before, NOON))
                        .orElseThrow();

                assertEquals(new EventId(epoch, 3), third.id());
                assertEquals(eventsBefore, second.eventLog().eventsAfter(before.id(), 0, 2),
                        "a cursor from before the restart still reads the same events");
                assertEquals(List.of(third), second.eventLog().eventsAfter(before.id(), 2, 10));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aNewDatabaseGetsAnotherEpoch(Engine engine) {
        try (TestDatabase oldDatabase = engine.newDatabase();
                TestDatabase newDatabase = engine.newDatabase();
                Persistence old = oldDatabase.open();
                Persistence fresh = newDatabase.open()) {
            assertTrue(old.epoch().matches("[a-z0-9]{8}"), old.epoch());
            assertTrue(fresh.epoch().matches("[a-z0-9]{8}"), fresh.epoch());
            assertNotEquals(old.epoch(), fresh.epoch());
        }
    }

    /** Flyway's migration lock makes instances that start together on a new database agree on one epoch. */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void instancesOpeningANewDatabaseTogetherAgreeOnItsEpoch(Engine engine) throws Exception {
        try (TestDatabase database = engine.newDatabase()) {
            CyclicBarrier start = new CyclicBarrier(2);
            Future<Persistence> a;
            Future<Persistence> b;
            try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
                a = threads.submit(() -> { start.await(); return database.open(); });
                b = threads.submit(() -> { start.await(); return database.open(); });
            }
            try (Persistence first = a.get(); Persistence second = b.get()) {
                assertEquals(first.epoch(), second.epoch());
                assertEquals(1, database.queryLong("SELECT COUNT(*) FROM meta WHERE meta_key = 'epoch'"));
            }
        }
    }
}
