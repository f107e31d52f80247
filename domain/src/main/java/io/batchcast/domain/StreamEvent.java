package io.batchcast.domain;

import java.time.Instant;

/**
 * What a strategy's event stream carries, each with an id from the stream's one sequence: a batch's
 * {@link OrderBatchEvent}, or the {@link OrderHourlySummary} of a closed statistics period.
 */
public sealed interface StreamEvent permits OrderBatchEvent, OrderHourlySummary {

    long strategyId();

    String userId();

    /** When the event happened: the batch completed, or the period was closed. */
    Instant timestamp();

    default StreamKey stream() {
        return new StreamKey(userId(), strategyId());
    }
}
