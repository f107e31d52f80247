package io.batchcast.application.port.in;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The range {@code [from, to)} of a statistics request: {@code from} before {@code to}, at most
 * {@link #MAX_RANGE} apart; otherwise {@link StatisticsRangeException}.
 */
public record HourlyStatisticsQuery(long strategyId, Instant from, Instant to) {

    public static final Duration MAX_RANGE = Duration.ofDays(31);

    public HourlyStatisticsQuery {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new StatisticsRangeException(StatisticsRangeException.Problem.EMPTY, from, to);
        }
        if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw new StatisticsRangeException(StatisticsRangeException.Problem.TOO_LONG, from, to);
        }
    }
}
