package io.batchcast.application.port.in;

@FunctionalInterface
public interface GetOrderBatchUseCase {

    /**
     * The stored receipt of an earlier batch of the user's strategy, exactly as its submit returned it.
     *
     * @throws StrategyNotFoundException when the strategy is unknown or another user's
     * @throws BatchNotFoundException when the strategy has no such batch (never had, or its receipt was pruned)
     * @throws BatchNotSettledException when the batch is still executing or its outcome is not recorded yet
     */
    BatchReceipt get(String userId, long strategyId, String batchId);
}
