package io.batchcast.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The length of a statistics summary period, aligned to UTC (periods start at whole multiples of it since the epoch):
 * a whole number of seconds that divides an hour (PT1M, PT15M, PT1H) or a whole number of hours that divides a day
 * (PT2H, PT24H), so that every period lies inside one hour or is made of whole hours and every day starts a period.
 * Statistics are kept per {@link #bucket()}: the period when it is shorter than an hour, else the hour.
 */
public record SummaryInterval(Duration length) {

    public static final SummaryInterval HOURLY = new SummaryInterval(Duration.ofHours(1));
    private static final long HOUR = 3_600;
    private static final long DAY = 86_400;

    public SummaryInterval {
        Objects.requireNonNull(length, "length");
        long seconds = length.getSeconds();
        boolean wholeSeconds = length.getNano() == 0 && seconds > 0;
        boolean dividesHour = wholeSeconds && seconds <= HOUR && HOUR % seconds == 0;
        boolean hoursDividingDay = wholeSeconds && seconds % HOUR == 0 && seconds <= DAY && DAY % seconds == 0;
        if (!dividesHour && !hoursDividingDay) {
            throw new IllegalArgumentException("summary-interval must be a whole number of seconds that divides PT1H"
                    + " (e.g. PT1M, PT15M, PT1H) or of hours that divides PT24H (e.g. PT6H, PT24H), was " + length);
        }
    }

    /** The start of the period {@code instant} lies in. */
    public Instant periodStart(Instant instant) {
        return floor(instant, length.getSeconds());
    }

    /** The span statistics are counted in: the period, at most an hour. */
    public Duration bucket() {
        return length.getSeconds() < HOUR ? length : Duration.ofHours(1);
    }

    public Instant bucketStart(Instant instant) {
        return floor(instant, bucket().getSeconds());
    }

    private static Instant floor(Instant instant, long seconds) {
        return Instant.ofEpochSecond(Math.floorDiv(instant.getEpochSecond(), seconds) * seconds);
    }
}
