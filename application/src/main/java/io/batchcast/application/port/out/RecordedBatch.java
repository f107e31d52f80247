package io.batchcast.application.port.out;

import io.batchcast.domain.OperationResult;
import io.batchcast.domain.Order;
import io.batchcast.domain.OrderBatchEvent;
import io.batchcast.domain.StreamKey;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one executed batch changes, written in one transaction: new and changed orders, the batch with its
 * results (and its request id and hash when idempotent, completing the claim), and its event if it has one.
 */
public record RecordedBatch(
        String batchId,
        StreamKey stream,
        String requestId,
        String requestHash,
        List<Order> orders,
        List<OperationResult> results,
        Optional<OrderBatchEvent> event,
        Instant completedAt) {

    public RecordedBatch {
        Objects.requireNonNull(batchId, "batchId");
        Objects.requireNonNull(stream, "stream");
        requestId = requestId == null ? "" : requestId;
        orders = List.copyOf(orders);
        results = List.copyOf(results);
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(completedAt, "completedAt");
    }
}
