package io.batchcast.application.service;

/**
 * Limits of one batch: how many operations it may hold ({@code limits.max-batch-operations}) and how many of them
 * run against the exchange at once.
 */
public record BatchLimits(int maxBatchOperations, int maxParallelism) {

    public static final int DEFAULT_MAX_BATCH_OPERATIONS = 1_000;
    public static final int DEFAULT_MAX_PARALLELISM = 128;

    public BatchLimits {
        if (maxBatchOperations < 1) {
            throw new IllegalArgumentException("maxBatchOperations must be >= 1, was " + maxBatchOperations);
        }
        if (maxParallelism < 1) {
            throw new IllegalArgumentException("maxParallelism must be >= 1, was " + maxParallelism);
        }
    }

    public static BatchLimits defaults() {
        return new BatchLimits(DEFAULT_MAX_BATCH_OPERATIONS, DEFAULT_MAX_PARALLELISM);
    }
}
