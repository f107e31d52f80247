package io.batchcast.application.port.in;

/** The strategy has no batch with this id: it never had one, or the batch's receipt was pruned by retention. */
public final class BatchNotFoundException extends SubmissionFailure {

    public BatchNotFoundException(long strategyId, String batchId) {
        super("batch " + batchId + " of strategy " + strategyId
                + " not found (unknown, or older than the receipt retention)");
    }
}
