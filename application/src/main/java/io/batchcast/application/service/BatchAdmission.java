package io.batchcast.application.service;

import io.batchcast.application.port.in.BatchCapacityExceededException;
import io.batchcast.application.port.in.BatchReceipt;
import io.batchcast.application.port.in.SubmitOrderBatchCommand;
import io.batchcast.application.port.in.SubmitOrderBatchUseCase;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Admission control in front of batch submission: at most {@code maxInFlight} batches execute at once on this
 * instance; a batch that finds no room within {@code wait} is refused before anything runs. Without it, an overload
 * queues every call for the database pool until the pool's timeout, and the caller gets a misleading "store
 * unavailable" after seconds instead of a prompt "busy, retry".
 */
public final class BatchAdmission implements SubmitOrderBatchUseCase {

    public static final int DEFAULT_MAX_IN_FLIGHT = 32;
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(1);

    private final SubmitOrderBatchUseCase delegate;
    private final Semaphore slots;
    private final int maxInFlight;
    private final Duration wait;

    public BatchAdmission(SubmitOrderBatchUseCase delegate, int maxInFlight, Duration wait) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("limits.max-batches-in-flight must be >= 1, was " + maxInFlight);
        }
        if (wait.isNegative()) {
            throw new IllegalArgumentException("limits.admission-wait must not be negative, was " + wait);
        }
        this.delegate = delegate;
        this.slots = new Semaphore(maxInFlight, true);
        this.maxInFlight = maxInFlight;
        this.wait = wait;
    }

    @Override
    public BatchReceipt submit(SubmitOrderBatchCommand command) {
        if (!admitted()) {
            throw new BatchCapacityExceededException(maxInFlight, wait.toMillis());
        }
        try {
            return delegate.submit(command);
        } finally {
            slots.release();
        }
    }

    private boolean admitted() {
        try {
            return slots.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
