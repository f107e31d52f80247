package io.batchcast.application.port.in;

/**
 * The batch reached the venue (or may have), but its outcome is not recorded yet: the database failed after the
 * venue calls, or the venue did not answer. The batch is recorded as soon as possible, by this instance or by
 * reconciliation with the venue; a retry with the same request id then returns its outcome. It is never executed
 * a second time, so the caller must not resubmit it under a new request id.
 */
public final class BatchOutcomeUnknownException extends SubmissionFailure {

    private final String batchId;
    private final String requestId;

    public BatchOutcomeUnknownException(String batchId, String requestId, Throwable cause) {
        super("batch " + batchId + " was sent to the exchange but its outcome is not recorded yet: "
                + (requestId.isEmpty()
                        ? "it will be recorded when the store is back; read your orders back before resubmitting"
                        : "retry with the same request_id '" + requestId + "' to get it; do not resubmit under a new one"),
                cause);
        this.batchId = batchId;
        this.requestId = requestId;
    }

    public String batchId() {
        return batchId;
    }

    public String requestId() {
        return requestId;
    }
}
