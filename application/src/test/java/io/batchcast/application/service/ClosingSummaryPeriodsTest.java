package io.batchcast.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchcast.application.port.out.SummaryPeriods;
import io.batchcast.domain.EventId;
import io.batchcast.domain.HourlyStatistics;
import io.batchcast.domain.OrderHourlySummary;
import io.batchcast.domain.StoredEvent;
import io.batchcast.domain.SummaryInterval;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClosingSummaryPeriodsTest {

    /** Records what it was asked; summarizes every period once (a second ask is "done already"). */
    private static final class RecordingPeriods implements SummaryPeriods {
        final List<String> asked = new ArrayList<>();
        final List<Unsummarized> due = new ArrayList<>();
        final List<String> summarized = new ArrayList<>();

        @Override
        public List<Unsummarized> unsummarized(SummaryInterval interval, Instant from, Instant to) {
            asked.add(from + " " + to);
            return List.copyOf(due);
        }

        @Override
        public Optional<StoredEvent> summarize(SummaryInterval interval, long strategyId, Instant periodStart,
                Instant closedAt) {
            String key = strategyId + "@" + periodStart;
            if (summarized.contains(key)) {
                return Optional.empty();
            }
            summarized.add(key);
            return Optional.of(new StoredEvent(new EventId("e1", summarized.size()), new OrderHourlySummary(strategyId,
                    "alice", new HourlyStatistics(periodStart, 1, List.of()), closedAt)));
        }
    }

    private static ClosingSummaryPeriods closer(RecordingPeriods periods, List<StoredEvent> published, String now) {
        return new ClosingSummaryPeriods(periods, published::add, SummaryInterval.HOURLY,
                Clock.fixed(Instant.parse(now), ZoneOffset.UTC));
    }

    @Test
    void closesThePeriodsThatEndedALagAgoLookingThreePeriodsBack() {
        RecordingPeriods periods = new RecordingPeriods();
        List<StoredEvent> published = new ArrayList<>();

        closer(periods, published, "2026-12-01T19:00:04.999Z").closeDue();
        closer(periods, published, "2026-12-01T19:00:05Z").closeDue();

        assertEquals(List.of("2026-12-01T15:00:00Z 2026-12-01T18:00:00Z", "2026-12-01T16:00:00Z 2026-12-01T19:00:00Z"),
                periods.asked);
    }

    @Test
    void publishesEachSummaryItAppendedAndNothingForPeriodsDoneAlready() {
        RecordingPeriods periods = new RecordingPeriods();
        periods.due.add(new SummaryPeriods.Unsummarized(7, Instant.parse("2026-12-01T18:00:00Z")));
        periods.due.add(new SummaryPeriods.Unsummarized(9, Instant.parse("2026-12-01T18:00:00Z")));
        List<StoredEvent> published = new ArrayList<>();
        ClosingSummaryPeriods closer = closer(periods, published, "2026-12-01T19:00:05Z");

        assertEquals(2, closer.closeDue());
        assertEquals(0, closer.closeDue());
        assertEquals(List.of(7L, 9L), published.stream().map(StoredEvent::strategyId).toList());
    }

    @Test
    void theLagIsAQuarterPeriodAtMostFiveSeconds() {
        assertEquals(Duration.ofSeconds(5), ClosingSummaryPeriods.lag(SummaryInterval.HOURLY));
        assertEquals(Duration.ofMillis(500), ClosingSummaryPeriods.lag(new SummaryInterval(Duration.ofSeconds(2))));
    }
}
