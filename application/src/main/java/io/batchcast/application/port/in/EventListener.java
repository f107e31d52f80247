package io.batchcast.application.port.in;

import io.batchcast.domain.EventId;
import io.batchcast.domain.StoredEvent;
import java.util.Optional;

/**
 * Receives one subscriber's events, in id order, each once. Called from the publishing thread: implementations must
 * not block (queue and return).
 */
public interface EventListener {

    void onEvent(StoredEvent event);

    /**
     * The cursor could not be honoured (pruned, ahead of the head, another database epoch): the subscriber missed
     * events it cannot get back, and continues from {@code head} (empty when the stream has no event yet).
     */
    void onResync(Optional<EventId> head, String reason);
}
