package io.batchcast.adapter.persistence;

import static io.batchcast.adapter.persistence.TradingFixtures.NOON;
import static io.batchcast.adapter.persistence.TradingFixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.batchcast.application.port.out.EventLog;
import io.batchcast.application.port.out.StreamWindow;
import io.batchcast.domain.StoredEvent;
import io.batchcast.domain.Strategy;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventLogTest {

    private static final Databases DATABASES = new Databases();

    @AfterAll
    static void dropDatabases() {
        DATABASES.close();
    }

    private static Strategy strategyWithEvents(Engine engine, int events) {
        Persistence persistence = DATABASES.persistence(engine);
        Strategy strategy = persistence.strategyStore().create(unique("alice"), "Grid BTC", NOON);
        for (int i = 0; i < events; i++) {
            persistence.batchRecorder().record(TradingFixtures.oneLimitOrder(strategy, NOON.plusSeconds(i)));
        }
        return strategy;
    }

    private static List<Long> seqs(List<StoredEvent> events) {
        return events.stream().map(event -> event.id().seq()).toList();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void streamWithoutEventsHasAnEmptyWindowAtZero(Engine engine) {
        Strategy strategy = strategyWithEvents(engine, 0);
        EventLog log = DATABASES.persistence(engine).eventLog();

        assertEquals(new StreamWindow(DATABASES.persistence(engine).epoch(), 1, 0), log.window(strategy.id()));
        assertEquals(List.of(), log.eventsAfter(strategy.id(), 0, 10));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void eventsAfterReturnsTheNextEventsInOrderUpToTheLimit(Engine engine) {
        Strategy strategy = strategyWithEvents(engine, 5);
        EventLog log = DATABASES.persistence(engine).eventLog();

        assertEquals(new StreamWindow(DATABASES.persistence(engine).epoch(), 1, 5), log.window(strategy.id()));
        assertEquals(List.of(1L, 2L), seqs(log.eventsAfter(strategy.id(), 0, 2)));
        assertEquals(List.of(3L, 4L, 5L), seqs(log.eventsAfter(strategy.id(), 2, 10)));
        assertEquals(List.of(), log.eventsAfter(strategy.id(), 5, 10));
        assertEquals(List.of(), log.eventsAfter(strategy.id(), 99, 10));
        assertEquals(List.of(), log.eventsAfter(strategy.id(), 0, 0));
        assertEquals(NOON.plusSeconds(3), log.eventsAfter(strategy.id(), 3, 1).getFirst().event().timestamp());
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void streamsDoNotSeeEachOthersEvents(Engine engine) {
        Strategy busy = strategyWithEvents(engine, 3);
        Strategy quiet = strategyWithEvents(engine, 1);
        EventLog log = DATABASES.persistence(engine).eventLog();

        List<StoredEvent> quietEvents = log.eventsAfter(quiet.id(), 0, 10);
        assertEquals(List.of(1L), seqs(quietEvents));
        assertEquals(quiet.id(), quietEvents.getFirst().strategyId());
        assertEquals(List.of(1L, 2L, 3L), seqs(log.eventsAfter(busy.id(), 0, 10)));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void negativeLimitIsRefusedNamingIt(Engine engine) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> DATABASES.persistence(engine).eventLog().eventsAfter(1, 0, -1));

        assertEquals("limit must be >= 0, was -1", refused.getMessage());
    }
}
