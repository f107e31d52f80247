package io.batchcast.application.port.out;

import io.batchcast.domain.OrderStatus;
import java.util.Objects;

/** The exchange's answer to one place or cancel call. */
public sealed interface ExecutionReport {

    /** Done: the order now has {@code status} (OPEN or FILLED after a place, CANCELLED after a cancel). */
    record Accepted(String orderId, OrderStatus status) implements ExecutionReport {
        public Accepted {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(status, "status");
        }
    }

    /** Refused, with a stable reason (see {@link io.batchcast.domain.OperationError}) and a message for people. */
    record Rejected(String reason, String message) implements ExecutionReport {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }
}
