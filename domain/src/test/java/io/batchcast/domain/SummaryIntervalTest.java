package io.batchcast.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SummaryIntervalTest {

    private static final Instant T = Instant.parse("2026-12-01T18:47:13.250Z");

    @Test
    void periodsAlignToUtcAndStatisticsAreCountedPerPeriodUpToAnHour() {
        SummaryInterval quarter = new SummaryInterval(Duration.ofMinutes(15));
        assertEquals(Instant.parse("2026-12-01T18:45:00Z"), quarter.periodStart(T));
        assertEquals(Instant.parse("2026-12-01T18:45:00Z"), quarter.bucketStart(T));

        assertEquals(Instant.parse("2026-12-01T18:00:00Z"), SummaryInterval.HOURLY.periodStart(T));
        assertEquals(Duration.ofHours(1), SummaryInterval.HOURLY.bucket());

        SummaryInterval sixHours = new SummaryInterval(Duration.ofHours(6));
        assertEquals(Instant.parse("2026-12-01T18:00:00Z"), sixHours.periodStart(T));
        assertEquals(Instant.parse("2026-12-01T12:00:00Z"), sixHours.periodStart(Instant.parse("2026-12-01T17:59:59Z")));
        assertEquals(Instant.parse("2026-12-01T18:00:00Z"), sixHours.bucketStart(T));
        assertEquals(Instant.parse("2026-12-01T00:00:00Z"), new SummaryInterval(Duration.ofDays(1)).periodStart(T));
    }

    @Test
    void lengthsThatDivideNeitherAnHourNorADayAreRefused() {
        for (Duration bad : new Duration[] {Duration.ofMinutes(7), Duration.ofHours(5), Duration.ofMillis(500),
                Duration.ZERO, Duration.ofHours(48), Duration.ofSeconds(-60)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SummaryInterval(bad));
            assertEquals("summary-interval must be a whole number of seconds that divides PT1H (e.g. PT1M, PT15M,"
                    + " PT1H) or of hours that divides PT24H (e.g. PT6H, PT24H), was " + bad, e.getMessage());
        }
    }
}
