package io.batchcast.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.batchcast.application.port.in.HourlyStatisticsQuery;
import io.batchcast.application.port.in.StatisticsRangeException;
import io.batchcast.application.port.in.StrategyNotFoundException;
import io.batchcast.application.testing.InMemoryStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadingHourlyStatisticsTest {

    private final InMemoryStore store = new InMemoryStore();
    private final List<String> asked = new ArrayList<>();
    private final ReadingHourlyStatistics reading = new ReadingHourlyStatistics(store, (strategy, from, to) -> {
        asked.add(from + " " + to);
        return List.of();
    });

    private static HourlyStatisticsQuery query(long strategy, String from, String to) {
        return new HourlyStatisticsQuery(strategy, Instant.parse(from), Instant.parse(to));
    }

    @Test
    void asksForTheHoursWhoseStartLiesInTheRange() {
        long strategy = store.create("alice", "grid", Instant.parse("2026-12-01T00:00:00Z")).id();

        reading.hourlyStatistics("alice", query(strategy, "2026-12-01T18:00:00Z", "2026-12-01T20:00:00Z"));
        reading.hourlyStatistics("alice", query(strategy, "2026-12-01T18:00:00.001Z", "2026-12-01T20:00:00.001Z"));

        assertEquals(List.of("2026-12-01T18:00:00Z 2026-12-01T20:00:00Z", "2026-12-01T19:00:00Z 2026-12-01T21:00:00Z"),
                asked);
    }

    @Test
    void anotherUsersStrategyIsNotFound() {
        long strategy = store.create("alice", "grid", Instant.parse("2026-12-01T00:00:00Z")).id();

        assertThrows(StrategyNotFoundException.class, () -> reading.hourlyStatistics("mallory",
                query(strategy, "2026-12-01T18:00:00Z", "2026-12-01T20:00:00Z")));
        assertEquals(List.of(), asked);
    }

    @Test
    void rangesMustBeNonEmptyAndAtMostThirtyOneDays() {
        assertEquals(StatisticsRangeException.Problem.EMPTY, assertThrows(StatisticsRangeException.class,
                () -> query(1, "2026-12-01T18:00:00Z", "2026-12-01T18:00:00Z")).problem());
        assertEquals(StatisticsRangeException.Problem.TOO_LONG, assertThrows(StatisticsRangeException.class,
                () -> query(1, "2026-11-01T00:00:00Z", "2026-12-02T00:00:00.001Z")).problem());
        assertEquals(Instant.parse("2026-12-02T00:00:00Z"), query(1, "2026-11-01T00:00:00Z", "2026-12-02T00:00:00Z").to());
    }

    @Test
    void aRefusedRangeSaysWhatItsEndMustBeInTheAdaptersWords() {
        assertEquals("must be after start_time", assertThrows(StatisticsRangeException.class,
                () -> query(1, "2026-12-01T18:00:00Z", "2026-12-01T17:00:00Z")).endRequirement("start_time"));
        assertEquals("must be at most 31 days (744 hours) after from", assertThrows(StatisticsRangeException.class,
                () -> query(1, "2026-11-01T00:00:00Z", "2026-12-02T00:00:00.001Z")).endRequirement("from"));
    }
}
