package io.batchcast.application.port.in;

import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * A batch to submit for {@code userId} (the authenticated caller). {@code requestId} may be empty (no idempotency).
 * {@code cancelled} turns true when the caller has gone away (cancelled call, passed deadline): operations not yet
 * started are then not started at all.
 */
public record SubmitOrderBatchCommand(
        String userId,
        long strategyId,
        String requestId,
        List<OperationRequest> operations,
        BooleanSupplier cancelled) {

    public SubmitOrderBatchCommand {
        Objects.requireNonNull(userId, "userId");
        requestId = requestId == null ? "" : requestId;
        operations = List.copyOf(operations);
        cancelled = cancelled == null ? () -> false : cancelled;
    }

    public SubmitOrderBatchCommand(String userId, long strategyId, String requestId, List<OperationRequest> operations) {
        this(userId, strategyId, requestId, operations, null);
    }
}
