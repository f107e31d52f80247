package io.batchcast.application.port.in;

import java.util.Objects;

/**
 * The batch exists but has no receipt yet: it is executing, or it reached the exchange and its outcome is being
 * recorded (by its own call, or by reconciliation with the exchange). Reading it again later returns the receipt.
 */
public final class BatchNotSettledException extends SubmissionFailure {

    private final String batchId;
    private final String requestId;

    public BatchNotSettledException(String batchId, String requestId) {
        super("batch " + batchId + " is still executing or its outcome is not recorded yet; read it again later");
        this.batchId = Objects.requireNonNull(batchId, "batchId");
        this.requestId = Objects.requireNonNull(requestId, "requestId");
    }

    public String batchId() {
        return batchId;
    }

    /** The batch's request id; empty when it was submitted without one. */
    public String requestId() {
        return requestId;
    }
}
