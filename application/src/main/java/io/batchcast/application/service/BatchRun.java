package io.batchcast.application.service;

import io.batchcast.application.port.out.IntentStep;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Executes a batch's operations on virtual threads, at most {@code maxParallelism} at a time, and returns the results
 * in request order. Once the caller has gone ({@code cancelled}), operations that have not started are not started.
 */
final class BatchRun {

    private final int maxParallelism;

    BatchRun(int maxParallelism) {
        this.maxParallelism = maxParallelism;
    }

    List<StepOutcome> execute(
            List<IntentStep> operations,
            Function<IntentStep, StepOutcome> step,
            BooleanSupplier cancelled) {
        if (operations.size() == 1) {
            return List.of(startOrSkip(operations.getFirst(), step, cancelled));
        }
        // Permits are taken here, on the submitting thread, so operations start in request order and no more than
        // maxParallelism run at once; once the caller is gone, the rest are never started.
        Semaphore permits = new Semaphore(maxParallelism);
        List<Future<StepOutcome>> futures = new ArrayList<>(operations.size());
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (IntentStep op : operations) {
                acquire(permits);
                if (cancelled.getAsBoolean()) {
                    permits.release();
                    futures.add(CompletableFuture.completedFuture(OperationExecutor.notStarted(op)));
                    continue;
                }
                futures.add(threads.submit(() -> {
                    try {
                        return step.apply(op);
                    } finally {
                        permits.release();
                    }
                }));
            }
            return collect(futures);
        }
    }

    private static void acquire(Semaphore permits) {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a batch was executing", e);
        }
    }

    private static StepOutcome startOrSkip(
            IntentStep op, Function<IntentStep, StepOutcome> step, BooleanSupplier cancelled) {
        return cancelled.getAsBoolean() ? OperationExecutor.notStarted(op) : step.apply(op);
    }

    private static List<StepOutcome> collect(List<Future<StepOutcome>> futures) {
        List<StepOutcome> results = new ArrayList<>(futures.size());
        for (Future<StepOutcome> future : futures) {
            try {
                results.add(future.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while a batch was executing", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
        return results;
    }
}
