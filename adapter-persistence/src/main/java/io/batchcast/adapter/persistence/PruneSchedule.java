package io.batchcast.adapter.persistence;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs the {@link EventLogPruner} every {@code pruneInterval} on one daemon thread; bootstrap starts and stops it. */
public final class PruneSchedule implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PruneSchedule.class.getName());

    private final EventLogPruner pruner;
    private final Duration interval;
    private ScheduledExecutorService scheduler;

    PruneSchedule(EventLogPruner pruner, Duration interval) {
        this.pruner = pruner;
        this.interval = interval;
    }

    /** Starts pruning; the first run comes one interval after start. Starting twice is a no-op. */
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("batchcast-event-pruner").factory());
        long millis = interval.toMillis();
        scheduler.scheduleWithFixedDelay(this::pruneQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Stops pruning and lets a run in progress finish its current chunks (each is short). It does not interrupt the
     * run: an interrupt in the middle of database I/O is exactly what embedded databases handle worst.
     */
    public synchronized void stop() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "event pruner still running after 10 s; leaving it to finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler = null;
    }

    public synchronized boolean running() {
        return scheduler != null;
    }

    @Override
    public void close() {
        stop();
    }

    /** A thrown exception would cancel every later run of a scheduled task; an outage must only skip this one. */
    private void pruneQuietly() {
        try {
            EventLogPruner.Pruned pruned = pruner.pruneNow();
            if (pruned.byCount() + pruned.byAge() + pruned.receipts() + pruned.statistics() > 0) {
                LOG.log(Level.DEBUG, "pruned {0} events by count, {1} by age, {2} receipts and {3} statistics buckets",
                        pruned.byCount(), pruned.byAge(), pruned.receipts(), pruned.statistics());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "pruning events and receipts failed; retrying in " + interval, e);
        }
    }
}
