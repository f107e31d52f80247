package io.batchcast.bootstrap;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * A pass run at startup and then {@code interval} after the previous one ended, on its own daemon thread. A failed
 * pass (the database is down) is logged and the next one tries again; a pass that did something says how much.
 */
final class Periodic implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Periodic.class.getName());

    private final String what;
    private final IntSupplier pass;
    private final System.Logger.Level doneLevel;
    private final ScheduledExecutorService timer;

    private Periodic(String thread, String what, IntSupplier pass, System.Logger.Level doneLevel) {
        this.what = what;
        this.pass = pass;
        this.doneLevel = doneLevel;
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name(thread).daemon().factory());
    }

    /**
     * @param what      what a pass does, for the log ("reconciliation settled 3", "… failed; will retry")
     * @param pass      one pass; returns how many things it did
     * @param doneLevel the level of the line a pass that did something logs
     */
    static Periodic start(String thread, String what, Duration interval, IntSupplier pass,
            System.Logger.Level doneLevel) {
        Periodic periodic = new Periodic(thread, what, pass, doneLevel);
        periodic.timer.scheduleWithFixedDelay(periodic::runOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return periodic;
    }

    void runOnce() {
        try {
            int done = pass.getAsInt();
            if (done > 0) {
                LOG.log(doneLevel, what + " " + done);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, what + " failed; will retry", e);
        }
    }

    /** Lets a pass in progress finish (no interrupt: it may be writing), then stops. */
    @Override
    public void close() {
        timer.shutdown();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
