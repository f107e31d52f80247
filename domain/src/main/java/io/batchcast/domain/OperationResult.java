package io.batchcast.domain;

import java.util.Objects;

/**
 * The outcome of one operation of a batch. {@code orderType} is the type of the created or cancelled order, and
 * {@code null} only when a cancel named an order nobody knows.
 */
public record OperationResult(
        int index,
        OperationOutcome outcome,
        String orderId,
        String clientOrderId,
        OrderType orderType,
        OperationError error) {

    public OperationResult {
        Objects.requireNonNull(outcome, "outcome");
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, was " + index);
        }
        if ((outcome == OperationOutcome.REJECTED) != (error != null)) {
            throw new IllegalArgumentException("an error is required exactly when the outcome is REJECTED");
        }
        if (outcome != OperationOutcome.REJECTED && (orderType == null || orderId == null)) {
            throw new IllegalArgumentException("a successful operation names its order and order type");
        }
    }

    public static OperationResult created(int index, String orderId, String clientOrderId, OrderType type) {
        return new OperationResult(index, OperationOutcome.CREATED, orderId, clientOrderId, type, null);
    }

    public static OperationResult cancelled(int index, String orderId, String clientOrderId, OrderType type) {
        return new OperationResult(index, OperationOutcome.CANCELLED, orderId, clientOrderId, type, null);
    }

    public static OperationResult rejected(
            int index, String orderId, String clientOrderId, OrderType type, OperationError error) {
        return new OperationResult(index, OperationOutcome.REJECTED, orderId, clientOrderId, type, error);
    }

    public boolean succeeded() {
        return outcome != OperationOutcome.REJECTED;
    }
}
