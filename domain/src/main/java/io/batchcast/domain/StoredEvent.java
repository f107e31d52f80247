package io.batchcast.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * An event as the event log holds it: with the id it was given when it committed (its batch, or its period's close),
 * and its place in its user's sequence ({@code userSeq}: gap-free per user, in commit order across all of the user's
 * strategies; 0 when the event was never numbered in it).
 */
public record StoredEvent(EventId id, StreamEvent event, long userSeq) {

    public StoredEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(event, "event");
        if (userSeq < 0) {
            throw new IllegalArgumentException("userSeq must be >= 0, was " + userSeq);
        }
    }

    /** An event outside any user sequence. */
    public StoredEvent(EventId id, StreamEvent event) {
        this(id, event, 0);
    }

    public long strategyId() {
        return event.strategyId();
    }

    public String userId() {
        return event.userId();
    }

    /** The batch event, or empty for a period's summary. */
    public Optional<OrderBatchEvent> batchEvent() {
        return event instanceof OrderBatchEvent batch ? Optional.of(batch) : Optional.empty();
    }
}
