package io.batchcast.adapter.persistence;

import static io.batchcast.adapter.persistence.TradingFixtures.NOON;
import static io.batchcast.adapter.persistence.TradingFixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchcast.application.port.out.StreamWindow;
import io.batchcast.domain.StoredEvent;
import io.batchcast.domain.Strategy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventRetentionTest {

    private static final Clock NOW = Clock.fixed(NOON, ZoneOffset.UTC);

    private static Persistence open(TestDatabase database, int count, Duration age, Duration interval) {
        return Persistence.open(database.settings().withRetention(count, age).withPruneInterval(interval), NOW);
    }

    private static Strategy strategyWithEvents(Persistence persistence, Duration... ages) {
        Strategy strategy = persistence.strategyStore().create(unique("alice"), "Grid BTC", NOON);
        for (Duration age : ages) {
            persistence.batchRecorder().record(TradingFixtures.oneLimitOrder(strategy, NOON.minus(age)));
        }
        return strategy;
    }

    private static List<Long> seqs(Persistence persistence, Strategy strategy) {
        return persistence.eventLog().eventsAfter(strategy.id(), 0, 100).stream()
                .map(StoredEvent::id).map(id -> id.seq()).toList();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void pruningByCountKeepsTheNewestEventsOfEachStream(Engine engine) {
        try (TestDatabase database = engine.newDatabase();
                Persistence persistence = open(database, 3, Duration.ofDays(7), Duration.ofMinutes(1))) {
            Duration fresh = Duration.ZERO;
            Strategy busy = strategyWithEvents(persistence, fresh, fresh, fresh, fresh, fresh);
            Strategy quiet = strategyWithEvents(persistence, fresh, fresh);

            assertEquals(new EventLogPruner.Pruned(2, 0, 0), persistence.pruner().pruneNow());
            assertEquals(new EventLogPruner.Pruned(0, 0, 0), persistence.pruner().pruneNow());

            assertEquals(new StreamWindow(persistence.epoch(), 3, 5), persistence.eventLog().window(busy.id()));
            assertEquals(List.of(3L, 4L, 5L), seqs(persistence, busy));
            assertEquals(List.of(1L, 2L), seqs(persistence, quiet));
            persistence.batchRecorder().record(TradingFixtures.oneLimitOrder(busy, NOON));
            assertEquals(new EventLogPruner.Pruned(1, 0, 0), persistence.pruner().pruneNow());
            assertEquals(List.of(4L, 5L, 6L), seqs(persistence, busy));
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void pruningByAgeDropsEventsOlderThanTheRetentionAge(Engine engine) {
        try (TestDatabase database = engine.newDatabase();
                Persistence persistence = open(database, 10_000, Duration.ofHours(1), Duration.ofMinutes(1))) {
            Strategy mixed = strategyWithEvents(persistence,
                    Duration.ofHours(3), Duration.ofHours(2), Duration.ofMinutes(30), Duration.ZERO);
            Strategy stale = strategyWithEvents(persistence, Duration.ofDays(2));

            assertEquals(new EventLogPruner.Pruned(0, 3, 0), persistence.pruner().pruneNow());

            assertEquals(new StreamWindow(persistence.epoch(), 3, 4), persistence.eventLog().window(mixed.id()));
            assertEquals(new StreamWindow(persistence.epoch(), 2, 1), persistence.eventLog().window(stale.id()),
                    "nothing retained: oldest is head + 1, and the head stays");
        }
    }

    /** More than one chunk of each kind, written directly so the test stays quick. */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void pruningWorksThroughLargeBacklogsInChunks(Engine engine) throws SQLException {
        try (TestDatabase database = engine.newDatabase();
                Persistence persistence = open(database, 1_500, Duration.ofHours(1), Duration.ofMinutes(1))) {
            Strategy busy = strategyWithEvents(persistence);
            Strategy stale = strategyWithEvents(persistence);
            insertEvents(database, busy, 4_000, Duration.ZERO);
            insertEvents(database, stale, 1_300, Duration.ofHours(2));

            assertEquals(new EventLogPruner.Pruned(2_500, 1_300, 0), persistence.pruner().pruneNow());

            assertEquals(new StreamWindow(persistence.epoch(), 2_501, 4_000),
                    persistence.eventLog().window(busy.id()));
            assertEquals(new StreamWindow(persistence.epoch(), 1_301, 1_300),
                    persistence.eventLog().window(stale.id()));
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void startedScheduleKeepsPruningUntilStopped(Engine engine) {
        try (TestDatabase database = engine.newDatabase();
                Persistence persistence = open(database, 1, Duration.ofDays(7), Duration.ofMillis(50))) {
            Strategy strategy = strategyWithEvents(persistence, Duration.ZERO, Duration.ZERO, Duration.ZERO);

            persistence.pruneSchedule().start();
            Await.until("the schedule pruned to the newest event",
                    () -> persistence.eventLog().window(strategy.id()).oldestSeq() == 3);
            persistence.pruneSchedule().stop();
            persistence.batchRecorder().record(TradingFixtures.oneLimitOrder(strategy, NOON));

            assertEquals(List.of(3L, 4L), seqs(persistence, strategy));
        }
    }

    /** Events 1..total of the given age, and the stream head at total. */
    private static void insertEvents(TestDatabase database, Strategy strategy, int total, Duration age)
            throws SQLException {
        try (Connection connection = database.connect()) {
            try (PreparedStatement stream =
                    connection.prepareStatement("INSERT INTO streams (strategy_id, head_seq) VALUES (?, ?)")) {
                stream.setLong(1, strategy.id());
                stream.setLong(2, total);
                stream.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO events (strategy_id, seq,"
                    + " batch_id, user_id, summaries, occurred_at) VALUES (?, ?, ?, ?, 'LIMIT:1:0', ?)")) {
                for (int seq = 1; seq <= total; seq++) {
                    insert.setLong(1, strategy.id());
                    insert.setLong(2, seq);
                    insert.setString(3, "batch-" + seq);
                    insert.setString(4, strategy.userId());
                    insert.setObject(5, NOON.minus(age).atOffset(ZoneOffset.UTC));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
    }
}
