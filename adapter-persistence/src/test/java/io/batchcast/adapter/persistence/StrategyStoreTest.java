package io.batchcast.adapter.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchcast.application.port.in.StoreUnavailableException;
import io.batchcast.application.port.out.StrategyStore;
import io.batchcast.domain.Strategy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StrategyStoreTest {

    private static final Databases DATABASES = new Databases();

    @AfterAll
    static void dropDatabases() {
        DATABASES.close();
    }

    private static StrategyStore store(Engine engine) {
        return DATABASES.persistence(engine).strategyStore();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void createdStrategyIsFoundWithItsOwnerNameAndCreationTime(Engine engine) {
        String alice = TradingFixtures.unique("alice");
        Strategy created = store(engine).create(alice, "Grid BTC", Instant.parse("2025-10-30T12:34:56.123456789Z"));

        assertTrue(created.id() > 0);
        assertEquals(new Strategy(created.id(), alice, "Grid BTC", Instant.parse("2025-10-30T12:34:56.123456Z")),
                created, "kept to the microsecond, as both databases store it");
        assertEquals(Optional.of(created), store(engine).find(created.id()));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void unknownStrategyIsNotFound(Engine engine) {
        assertEquals(Optional.empty(), store(engine).find(Long.MAX_VALUE));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void listingShowsOnlyTheOwnersStrategiesInIdOrderAfterTheCursor(Engine engine) {
        StrategyStore store = store(engine);
        String alice = TradingFixtures.unique("alice");
        String bob = TradingFixtures.unique("bob");
        Strategy first = store.create(alice, "Grid BTC", TradingFixtures.NOON);
        Strategy bobs = store.create(bob, "Momentum ETH", TradingFixtures.NOON);
        Strategy second = store.create(alice, "Mean reversion SOL", TradingFixtures.NOON);
        Strategy third = store.create(alice, "Breakout BTC", TradingFixtures.NOON);

        assertEquals(List.of(first, second, third), store.listByUser(alice, 0, 10));
        assertEquals(List.of(second), store.listByUser(alice, first.id(), 1));
        assertEquals(List.of(third), store.listByUser(alice, second.id(), 10));
        assertEquals(List.of(), store.listByUser(alice, third.id(), 10));
        assertEquals(List.of(bobs), store.listByUser(bob, 0, 10));
        assertEquals(List.of(), store.listByUser(TradingFixtures.unique("carol"), 0, 10));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void overLongNameIsRefusedNamingTheFieldAndTheLimit(Engine engine) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> store(engine).create("alice", "x".repeat(256), TradingFixtures.NOON));

        assertEquals("name must be at most 255 characters, was 256", refused.getMessage());
    }

    /**
     * Strategies never change: a submit's ownership check does not need the database once one was found. (Not on
     * SQLite: an embedded file has no server that could go down.)
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"H2", "POSTGRESQL"})
    void aStrategyOnceFoundIsServedFromMemoryEvenWhileTheDatabaseIsDown(Engine engine) {
        try (TestDatabase database = engine.newDatabaseThatCanGoOffline();
                Persistence persistence = Persistence.open(
                        database.settings().withConnectionTimeout(Duration.ofMillis(500)), Clock.systemUTC())) {
            Strategy created = persistence.strategyStore().create("alice", "Grid BTC", TradingFixtures.NOON);
            Strategy other = persistence.strategyStore().create("bob", "Momentum ETH", TradingFixtures.NOON);
            assertEquals(Optional.of(created), persistence.strategyStore().find(created.id()));

            database.goOffline();

            assertEquals(Optional.of(created), persistence.strategyStore().find(created.id()));
            assertThrows(StoreUnavailableException.class, () -> persistence.strategyStore().find(other.id()),
                    "never found, so never cached");
            database.goOnline();
        }
    }

    /** Only hits are cached: an id that another instance creates after a miss is found at the next look. */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void anIdNotFoundOnceIsFoundWhenAnotherInstanceCreatesIt(Engine engine) {
        try (TestDatabase database = engine.newDatabase();
                Persistence first = database.open();
                Persistence second = database.open()) {
            long nextId = first.strategyStore().create("alice", "Grid BTC", TradingFixtures.NOON).id() + 1;
            assertEquals(Optional.empty(), first.strategyStore().find(nextId));

            Strategy created = second.strategyStore().create("bob", "Momentum ETH", TradingFixtures.NOON);

            assertEquals(nextId, created.id());
            assertEquals(Optional.of(created), first.strategyStore().find(nextId));
        }
    }
}
