package io.batchcast.domain;

import java.util.Objects;

/** An event as the event log holds it: with the id it was given when its batch committed. */
public record StoredEvent(EventId id, OrderBatchEvent event) {

    public StoredEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(event, "event");
    }

    public long strategyId() {
        return event.strategyId();
    }
}
