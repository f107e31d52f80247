package io.batchcast.domain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One aggregated event per batch: what a strategy's web clients see as one toast. The timestamp is kept at
 * millisecond precision, UTC, because that is what goes on the wire.
 */
public record OrderBatchEvent(
        List<OrderTypeSummary> summaries, long strategyId, String userId, String batchId, Instant timestamp)
        implements StreamEvent {

    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    public OrderBatchEvent {
        summaries = List.copyOf(summaries);
        if (summaries.isEmpty()) {
            throw new IllegalArgumentException("an OrderBatchEvent needs at least one summary");
        }
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(batchId, "batchId");
        timestamp = timestamp.truncatedTo(ChronoUnit.MILLIS);
    }

    /** The event for a batch's outcomes, or empty when the batch created and cancelled nothing. */
    public static Optional<OrderBatchEvent> of(
            List<OperationResult> results, StreamKey stream, String batchId, Instant completedAt) {
        List<OrderTypeSummary> summaries = BatchAggregation.summarize(results);
        if (summaries.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new OrderBatchEvent(summaries, stream.strategyId(), stream.userId(), batchId, completedAt));
    }

    /**
     * This event and a later one of the same strategy as one (coalescing): summaries summed per order type, the
     * later event's batch id and timestamp.
     */
    public OrderBatchEvent mergedWith(OrderBatchEvent later) {
        if (later.strategyId != strategyId || !later.userId.equals(userId)) {
            throw new IllegalArgumentException("only events of one strategy merge: " + strategyId + " and "
                    + later.strategyId);
        }
        return new OrderBatchEvent(BatchAggregation.sum(summaries, later.summaries), strategyId, userId,
                later.batchId, later.timestamp);
    }

    /** ISO 8601, UTC, milliseconds: {@code 2025-10-30T12:34:56.789Z}. */
    public String timestampText() {
        return ISO_MILLIS.format(timestamp);
    }
}
