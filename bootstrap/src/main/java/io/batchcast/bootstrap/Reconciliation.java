package io.batchcast.bootstrap;

import io.batchcast.application.service.ReconcilingBatches;
import java.time.Duration;

/**
 * Runs reconciliation at startup (intents left by an instance that died) and then every {@code interval}: batches
 * this instance could not record are recorded, and intents older than the reconcile delay are settled with the venue.
 */
final class Reconciliation implements AutoCloseable {

    private final ReconcilingBatches batches;
    private final Periodic passes;

    private Reconciliation(ReconcilingBatches batches, Periodic passes) {
        this.batches = batches;
        this.passes = passes;
    }

    static Reconciliation start(ReconcilingBatches batches, Duration interval) {
        return new Reconciliation(batches, Periodic.start("batchcast-reconciliation", "reconciliation settled batches:",
                interval, batches::reconcileDue, System.Logger.Level.INFO));
    }

    /** A last pass for what this instance still holds, then stop; what remains is reconciled from its intent later. */
    @Override
    public void close() {
        passes.close();
        if (batches.held() > 0) {
            passes.runOnce();
        }
    }
}
