package io.batchcast.domain;

import java.util.Objects;

/**
 * An event as the event log holds it: with the id it was given when its batch committed, and its place in its user's
 * sequence ({@code userSeq}: gap-free per user, in commit order across all of the user's strategies; 0 when the event
 * was never numbered in it).
 */
public record StoredEvent(EventId id, OrderBatchEvent event, long userSeq) {

    public StoredEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(event, "event");
        if (userSeq < 0) {
            throw new IllegalArgumentException("userSeq must be >= 0, was " + userSeq);
        }
    }

    /** An event outside any user sequence. */
    public StoredEvent(EventId id, OrderBatchEvent event) {
        this(id, event, 0);
    }

    public long strategyId() {
        return event.strategyId();
    }

    public String userId() {
        return event.userId();
    }
}
