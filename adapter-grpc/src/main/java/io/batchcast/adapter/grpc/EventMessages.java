package io.batchcast.adapter.grpc;

import io.batchcast.application.port.in.StreamProtocol;
import io.batchcast.domain.StoredEvent;
import io.batchcast.proto.v1.OrderBatchEvent;
import java.util.Optional;

/**
 * StreamOrderBatchEvents' encoding for the delivery core: events are {@link OrderBatchEvent} messages (immutable, so
 * the core shares each one between subscribers). The call has no opening, no resync message (an unusable cursor ends
 * it with OUT_OF_RANGE) and no keepalive (HTTP/2 pings do that): the protocol's defaults.
 */
final class EventMessages implements StreamProtocol<OrderBatchEvent> {

    /** The one instance, for every call: the core shares frames per protocol instance. */
    static final EventMessages INSTANCE = new EventMessages();

    private EventMessages() {
    }

    @Override
    public Optional<OrderBatchEvent> event(StoredEvent event, String cursor) {
        // OrderBatchEvent has no field for a period's summary: the stream carries batch events only (the ids of the
        // batch events it sends stay exact cursors; a resume skips the summaries the same way). A strategy's
        // stream: its cursor is the event id the mapper writes.
        return event.batchEvent().isPresent() ? Optional.of(OrderBatchMapper.event(event)) : Optional.empty();
    }

    @Override
    public Optional<OrderBatchEvent> coalesced(StoredEvent merged, int batchCount, String cursor) {
        // the merged event carries the last merged event's id, which the mapper writes as event_id
        return Optional.of(OrderBatchMapper.event(merged).toBuilder().setBatchCount(batchCount).build());
    }
}
