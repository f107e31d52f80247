package io.batchcast.application.port.out;

import java.util.Optional;

/** Finds a strategy's batches by id. */
@FunctionalInterface
public interface StoredBatches {

    /** The strategy's batch {@code batchId}; empty when the strategy has none (never had, or it was pruned). */
    Optional<StoredBatch> batch(long strategyId, String batchId);
}
