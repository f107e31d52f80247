package io.batchcast.application.port.out;

import io.batchcast.domain.StoredEvent;
import java.util.Optional;

/** The unit of work of a batch (transactional outbox): orders, batch and event commit together or not at all. */
@FunctionalInterface
public interface BatchRecorder {

    /**
     * Writes the batch and, if it has one, appends its event with the stream's next sequence number, assigned under
     * a lock so that commit order equals id order.
     *
     * @return the event as stored, with its id
     * @throws ClientOrderIdsTakenException when a concurrent batch stored one of this batch's new client order ids
     *         first; nothing was written
     */
    Optional<StoredEvent> record(RecordedBatch batch);
}
