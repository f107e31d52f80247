package io.batchcast.application.port.in;

/**
 * This instance already runs as many batches as it admits; the batch was not started. Retry with backoff (another
 * instance may have room).
 */
public final class BatchCapacityExceededException extends SubmissionFailure {

    public BatchCapacityExceededException(int maxInFlight, long waitedMillis) {
        super("this server is already executing " + maxInFlight + " batches (limits.max-batches-in-flight) and none "
                + "finished within " + waitedMillis + " ms; nothing was executed, retry with backoff");
    }
}
