package io.batchcast.application.port.in;

/**
 * Validates a batch as a whole, executes it, records it and emits one event per batch.
 *
 * @throws BatchValidationException when any operation is malformed (nothing executed)
 * @throws StrategyNotFoundException when the strategy is unknown or another user's
 * @throws RequestIdConflictException when the request id was used with another payload
 * @throws RequestInProgressException when the request id is still being executed by another call
 * @throws StoreUnavailableException when the database cannot be reached (nothing executed or half-written)
 */
@FunctionalInterface
public interface SubmitOrderBatchUseCase {

    BatchReceipt submit(SubmitOrderBatchCommand command);
}
