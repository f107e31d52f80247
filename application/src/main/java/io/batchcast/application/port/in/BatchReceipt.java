package io.batchcast.application.port.in;

import io.batchcast.domain.EventId;
import io.batchcast.domain.OperationResult;
import io.batchcast.domain.OrderTypeSummary;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What a submitted batch did: one result per operation in request order, the summaries, and the event if any. */
public record BatchReceipt(
        String batchId, List<OperationResult> results, List<OrderTypeSummary> summaries, Optional<EventId> eventId) {

    public BatchReceipt {
        Objects.requireNonNull(batchId, "batchId");
        results = List.copyOf(results);
        summaries = List.copyOf(summaries);
        Objects.requireNonNull(eventId, "eventId");
    }
}
