package io.batchcast.application.port.in;

/**
 * Every way a use case of this application (submitting, reading back) refuses or fails a request, as one sealed family: an adapter maps each
 * member to its protocol's answer with a switch that needs no {@code default}, so a new failure cannot go unmapped.
 * Anything else thrown is a bug.
 */
public abstract sealed class SubmissionFailure extends RuntimeException
        permits BatchValidationException, StrategyNotFoundException, RequestIdConflictException,
        RequestInProgressException, RequestAbandonedException, BatchCapacityExceededException,
        BatchOutcomeUnknownException, StoreUnavailableException, BatchNotFoundException, BatchNotSettledException {

    protected SubmissionFailure(String message) {
        super(message);
    }

    protected SubmissionFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
