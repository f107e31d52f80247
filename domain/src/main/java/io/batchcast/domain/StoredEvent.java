package io.batchcast.domain;

import java.util.Objects;
import java.util.Optional;

/** An event as the event log holds it: with the id it was given when it committed (its batch, or its period's close). */
public record StoredEvent(EventId id, StreamEvent event) {

    public StoredEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(event, "event");
    }

    public long strategyId() {
        return event.strategyId();
    }

    /** The batch event, or empty for a period's summary. */
    public Optional<OrderBatchEvent> batchEvent() {
        return event instanceof OrderBatchEvent batch ? Optional.of(batch) : Optional.empty();
    }
}
