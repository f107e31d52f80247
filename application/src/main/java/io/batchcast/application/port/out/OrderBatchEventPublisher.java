package io.batchcast.application.port.out;

import io.batchcast.domain.StoredEvent;

/** Hands a committed event to this instance's live subscribers (the in-process bus). */
@FunctionalInterface
public interface OrderBatchEventPublisher {

    void publish(StoredEvent event);
}
