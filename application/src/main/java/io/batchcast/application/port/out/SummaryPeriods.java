package io.batchcast.application.port.out;

import io.batchcast.domain.StoredEvent;
import io.batchcast.domain.SummaryInterval;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The summaries of closed statistics periods, appended to the strategies' event streams exactly once. */
public interface SummaryPeriods {

    /** A strategy's period that had batches and has no summary yet. */
    record Unsummarized(long strategyId, Instant periodStart) {
    }

    /** The periods starting in {@code [from, to)} that had batches and have no summary yet, by start and strategy. */
    List<Unsummarized> unsummarized(SummaryInterval interval, Instant from, Instant to);

    /**
     * Appends the summary of the strategy's period {@code [periodStart, periodStart + interval)} to its stream, in
     * one transaction with the mark that the period is summarized. Empty when any instance summarized it already
     * (or it had no batches).
     */
    Optional<StoredEvent> summarize(SummaryInterval interval, long strategyId, Instant periodStart, Instant closedAt);
}
