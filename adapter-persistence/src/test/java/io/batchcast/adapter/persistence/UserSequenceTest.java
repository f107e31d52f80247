package io.batchcast.adapter.persistence;

import static io.batchcast.adapter.persistence.TradingFixtures.NOON;
import static io.batchcast.adapter.persistence.TradingFixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchcast.application.port.out.StreamWindow;
import io.batchcast.domain.StoredEvent;
import io.batchcast.domain.Strategy;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The per-user sequence behind {@code GET /api/v1/events}: every event of a user's strategies gets the next number of
 * the user's sequence in its batch's transaction, gap-free and in commit order, across strategies and instances;
 * retention marks what it pruned, so a cursor below the mark is known to have lost events.
 */
class UserSequenceTest {

    private static final int THREADS = 6;
    private static final int BATCHES_PER_THREAD = 40;

    @ParameterizedTest
    @EnumSource(Engine.class)
    void eventsOfAllOfAUsersStrategiesAreNumberedInOneSequenceAndOtherUsersHaveTheirOwn(Engine engine) {
        try (TestDatabase database = engine.newDatabase(); Persistence persistence = database.open()) {
            String alice = unique("alice");
            Strategy grid = persistence.strategyStore().create(alice, "grid", NOON);
            Strategy scalper = persistence.strategyStore().create(alice, "scalper", NOON);
            Strategy bobs = persistence.strategyStore().create(unique("bob"), "grid", NOON);
            StoredEvent first = record(persistence, grid);
            record(persistence, bobs);
            StoredEvent second = record(persistence, scalper);
            StoredEvent third = record(persistence, grid);

            assertEquals(List.of(1L, 2L, 3L), List.of(first.userSeq(), second.userSeq(), third.userSeq()));
            assertEquals(List.of(first, second, third), persistence.eventLog().userEventsAfter(alice, 0, 10));
            assertEquals(List.of(third), persistence.eventLog().userEventsAfter(alice, 2, 10));
            assertEquals(List.of(second), persistence.eventLog().userEventsAfter(alice, 1, 1));
            assertEquals(new StreamWindow(persistence.epoch(), 1, 3), persistence.eventLog().userWindow(alice, Set.of()));
            assertEquals(new StreamWindow(persistence.epoch(), 1, 0),
                    persistence.eventLog().userWindow(unique("nobody"), Set.of()));
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void retentionMarksWhatItPrunedForTheStrategiesASubscriptionNames(Engine engine) {
        try (TestDatabase database = engine.newDatabase();
                Persistence persistence = Persistence.open(database.settings().withRetention(2, Duration.ofDays(7))
                        .withPruneInterval(Duration.ofMinutes(1)), Clock.fixed(NOON, ZoneOffset.UTC))) {
            String alice = unique("alice");
            Strategy busy = persistence.strategyStore().create(alice, "busy", NOON);
            Strategy quiet = persistence.strategyStore().create(alice, "quiet", NOON);
            record(persistence, busy);                       // user seq 1, pruned
            record(persistence, quiet);                      // 2
            record(persistence, busy);                       // 3, pruned
            record(persistence, busy);                       // 4
            record(persistence, busy);                       // 5

            assertEquals(new EventLogPruner.Pruned(2, 0, 0), persistence.pruner().pruneNow());

            assertEquals(new StreamWindow(persistence.epoch(), 4, 5), persistence.eventLog().userWindow(alice, Set.of()));
            assertEquals(new StreamWindow(persistence.epoch(), 4, 5),
                    persistence.eventLog().userWindow(alice, Set.of(busy.id())));
            assertEquals(new StreamWindow(persistence.epoch(), 1, 5),
                    persistence.eventLog().userWindow(alice, Set.of(quiet.id())));
            assertEquals(List.of(2L, 4L, 5L), persistence.eventLog().userEventsAfter(alice, 0, 10).stream()
                    .map(StoredEvent::userSeq).toList());
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void concurrentBatchesOnThreeStrategiesThroughTwoInstancesGetAGapFreeUserSequence(Engine engine)
            throws Exception {
        try (TestDatabase database = engine.newDatabase();
                Persistence instanceA = database.open();
                Persistence instanceB = database.open()) {
            String alice = unique("alice");
            List<Strategy> strategies = List.of(instanceA.strategyStore().create(alice, "a", NOON),
                    instanceA.strategyStore().create(alice, "b", NOON),
                    instanceA.strategyStore().create(alice, "c", NOON));
            List<Future<List<StoredEvent>>> writers = new ArrayList<>();
            try (ExecutorService threads = Executors.newFixedThreadPool(THREADS)) {
                CyclicBarrier start = new CyclicBarrier(THREADS);
                for (int t = 0; t < THREADS; t++) {
                    Persistence instance = t % 2 == 0 ? instanceA : instanceB;
                    Strategy strategy = strategies.get(t % strategies.size());
                    writers.add(threads.submit(() -> {
                        start.await();
                        List<StoredEvent> written = new ArrayList<>();
                        for (int i = 0; i < BATCHES_PER_THREAD; i++) {
                            written.add(record(instance, strategy));
                        }
                        return written;
                    }));
                }
                for (Future<List<StoredEvent>> writer : writers) {
                    writer.get();
                }
            }
            int total = THREADS * BATCHES_PER_THREAD;
            List<StoredEvent> sequence = instanceB.eventLog().userEventsAfter(alice, 0, total + 1);
            assertEquals(total, sequence.size());
            for (int i = 0; i < total; i++) {
                assertEquals(i + 1, sequence.get(i).userSeq(), "gap-free from 1");
            }
            // each strategy's events appear in the user's sequence in their own id order
            for (Strategy strategy : strategies) {
                List<Long> seqs = sequence.stream().filter(e -> e.strategyId() == strategy.id())
                        .map(e -> e.id().seq()).toList();
                for (int i = 0; i < seqs.size(); i++) {
                    assertEquals(i + 1, seqs.get(i));
                }
            }
        }
    }

    private static StoredEvent record(Persistence persistence, Strategy strategy) {
        return persistence.batchRecorder().record(TradingFixtures.oneLimitOrder(strategy, NOON)).orElseThrow();
    }
}
