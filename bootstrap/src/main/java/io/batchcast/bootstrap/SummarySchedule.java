package io.batchcast.bootstrap;

import io.batchcast.application.port.in.CloseSummaryPeriodsUseCase;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Closes ended statistics periods at startup and then every {@code interval} (a quarter period, at most 5 s), on
 * every instance; the store lets one instance append each summary.
 */
final class SummarySchedule implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SummarySchedule.class.getName());

    private final CloseSummaryPeriodsUseCase periods;
    private final ScheduledExecutorService timer;

    private SummarySchedule(CloseSummaryPeriodsUseCase periods, ScheduledExecutorService timer) {
        this.periods = periods;
        this.timer = timer;
    }

    static SummarySchedule start(CloseSummaryPeriodsUseCase periods, Duration interval) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("batchcast-summaries").daemon().factory());
        SummarySchedule schedule = new SummarySchedule(periods, timer);
        timer.scheduleWithFixedDelay(schedule::runOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return schedule;
    }

    /** A failed pass (the database is down) is logged; the next one closes what is still due. */
    private void runOnce() {
        try {
            int appended = periods.closeDue();
            if (appended > 0) {
                LOG.log(System.Logger.Level.DEBUG, "appended " + appended + " period summaries");
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "closing statistics periods failed; will retry", e);
        }
    }

    /** Lets a pass in progress finish (no interrupt: it may be writing). */
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
