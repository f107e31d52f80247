package io.batchcast.bootstrap;

import io.batchcast.application.service.ReconcilingBatches;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs reconciliation at startup (intents left by an instance that died) and then every {@code interval}: batches
 * this instance could not record are recorded, and intents older than the reconcile delay are settled with the venue.
 */
final class Reconciliation implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Reconciliation.class.getName());

    private final ReconcilingBatches batches;
    private final ScheduledExecutorService timer;

    private Reconciliation(ReconcilingBatches batches, ScheduledExecutorService timer) {
        this.batches = batches;
        this.timer = timer;
    }

    static Reconciliation start(ReconcilingBatches batches, Duration interval) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("batchcast-reconciliation").daemon().factory());
        Reconciliation reconciliation = new Reconciliation(batches, timer);
        timer.scheduleWithFixedDelay(reconciliation::runOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return reconciliation;
    }

    private void runOnce() {
        try {
            int settled = batches.reconcileDue();
            if (settled > 0) {
                LOG.log(System.Logger.Level.INFO, "reconciliation settled " + settled + " batch(es)");
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "reconciliation pass failed; will retry", e);
        }
    }

    /** A last pass for what this instance still holds, then stop; what remains is reconciled from its intent later. */
    @Override
    public void close() {
        timer.shutdown();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (batches.held() > 0) {
            runOnce();
        }
    }
}
