package io.batchcast.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The summary a strategy's streams get when a statistics period closes: that period's statistics. Written once per
 * strategy and period, with an id from the stream's sequence, so it replays like a batch event. {@code timestamp} is
 * when the period was closed.
 */
public record OrderHourlySummary(long strategyId, String userId, HourlyStatistics period, Instant timestamp)
        implements StreamEvent {

    public OrderHourlySummary {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(period, "period");
        timestamp = timestamp.truncatedTo(ChronoUnit.MILLIS);
        if (period.batches() < 1) {
            throw new IllegalArgumentException("a period without batches has no summary");
        }
    }
}
