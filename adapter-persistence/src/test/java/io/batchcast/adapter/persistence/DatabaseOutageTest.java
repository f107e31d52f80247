package io.batchcast.adapter.persistence;

import static io.batchcast.adapter.persistence.TradingFixtures.NOON;
import static io.batchcast.adapter.persistence.TradingFixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchcast.application.port.in.StoreUnavailableException;
import io.batchcast.domain.Strategy;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DatabaseOutageTest {

    private static Persistence openQuickToGiveUp(TestDatabase database) {
        return Persistence.open(database.settings().withConnectionTimeout(Duration.ofMillis(500)), Clock.systemUTC());
    }

    /** Not on SQLite: an embedded file has no server that could go away. */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"H2", "POSTGRESQL"})
    void everyStoreCallFailsAsUnavailableWhileTheDatabaseIsDownAndWorksAgainWhenItReturns(Engine engine) {
        try (TestDatabase database = engine.newDatabaseThatCanGoOffline();
                Persistence persistence = openQuickToGiveUp(database)) {
            Strategy strategy = persistence.strategyStore().create(unique("alice"), "Grid BTC", NOON);
            persistence.batchRecorder().record(TradingFixtures.oneLimitOrder(strategy, NOON));
            assertTrue(persistence.databaseReady());

            database.goOffline();

            assertFalse(persistence.databaseReady());
            long id = strategy.id();
            String user = strategy.userId();
            List<Executable> calls = List.of(
                    () -> persistence.strategyStore().create(user, "Momentum ETH", NOON),
                    () -> persistence.strategyStore().find(id),
                    () -> persistence.strategyStore().listByUser(user, 0, 10),
                    () -> persistence.orderStore().findByOrderId(id, "ord-1"),
                    () -> persistence.orderStore().findByClientOrderId(id, "cli-1"),
                    () -> persistence.orderStore().usedClientOrderIds(id, List.of("cli-1")),
                    () -> persistence.batchIntents().find(user, "req-1"),
                    () -> persistence.batchIntents().open(TradingFixtures.intentOf(
                            TradingFixtures.oneLimitOrder(strategy, NOON), NOON)),
                    () -> persistence.batchIntents().abandon("batch-1"),
                    () -> persistence.batchIntents().unsettled(NOON, 10),
                    () -> persistence.batchIntents().receipt("batch-1"),
                    () -> persistence.batchRecorder().record(TradingFixtures.oneLimitOrder(strategy, NOON)),
                    () -> persistence.eventLog().window(id),
                    () -> persistence.eventLog().eventsAfter(id, 0, 10),
                    () -> persistence.pruner().pruneNow());
            for (Executable call : calls) {
                assertThrows(StoreUnavailableException.class, call);
            }

            database.goOnline();

            Await.until("the pool reconnects", persistence::databaseReady);
            long seq = persistence.batchRecorder().record(TradingFixtures.oneLimitOrder(strategy, NOON))
                    .orElseThrow().id().seq();
            assertEquals(2, seq, "the batch that failed during the outage left no trace in the sequence");
            assertEquals(2, database.queryLong("SELECT COUNT(*) FROM orders WHERE strategy_id = ?", id));
            assertEquals(1, database.queryLong("SELECT COUNT(*) FROM strategies WHERE user_id = ?", user));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"H2", "POSTGRESQL"})
    void startupFailsClearlyWhenNoDatabaseAnswers(Engine engine) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = engine == Engine.H2
                ? "jdbc:h2:tcp://127.0.0.1:" + closedPort + "/batchcast"
                : "jdbc:postgresql://127.0.0.1:" + closedPort + "/batchcast";
        PersistenceSettings settings = PersistenceSettings.of(url, "postgres", "secret")
                .withConnectionTimeout(Duration.ofMillis(500));

        StoreUnavailableException failure =
                assertThrows(StoreUnavailableException.class, () -> Persistence.open(settings, Clock.systemUTC()));

        assertTrue(failure.getMessage().startsWith("cannot reach the database at " + url + " within 500 ms: "),
                failure.getMessage());
        assertFalse(failure.getMessage().contains("secret"));
    }
}
