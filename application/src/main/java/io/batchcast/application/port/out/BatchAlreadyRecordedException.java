package io.batchcast.application.port.out;

/**
 * Thrown by {@link BatchRecorder#record} when the batch was recorded already (reconciliation got there first).
 * Nothing was written by this call; the stored receipt is the batch's outcome.
 */
public final class BatchAlreadyRecordedException extends RuntimeException {

    public BatchAlreadyRecordedException(String batchId) {
        super("batch " + batchId + " was recorded already");
    }
}
