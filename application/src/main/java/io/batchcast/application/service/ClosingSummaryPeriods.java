package io.batchcast.application.service;

import io.batchcast.application.port.in.CloseSummaryPeriodsUseCase;
import io.batchcast.application.port.out.OrderBatchEventPublisher;
import io.batchcast.application.port.out.SummaryPeriods;
import io.batchcast.domain.StoredEvent;
import io.batchcast.domain.SummaryInterval;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Closes statistics periods: a period is closed {@link #lag(SummaryInterval)} after it ends (so that batches that
 * completed just before its end have committed), and each strategy with batches in it gets one
 * {@code order_hourly_summary} event. Every instance runs this; the store lets exactly one append per strategy and
 * period. Periods up to {@value #LOOKBACK_PERIODS} periods back are closed too, for a pass that was missed (a restart,
 * an outage); older ones stay without a summary (their statistics are still there).
 */
public final class ClosingSummaryPeriods implements CloseSummaryPeriodsUseCase {

    static final int LOOKBACK_PERIODS = 3;
    private static final Duration MAX_LAG = Duration.ofSeconds(5);
    private static final System.Logger LOG = System.getLogger(ClosingSummaryPeriods.class.getName());

    private final SummaryPeriods periods;
    private final OrderBatchEventPublisher publisher;
    private final SummaryInterval interval;
    private final Clock clock;

    public ClosingSummaryPeriods(SummaryPeriods periods, OrderBatchEventPublisher publisher, SummaryInterval interval,
            Clock clock) {
        this.periods = periods;
        this.publisher = publisher;
        this.interval = interval;
        this.clock = clock;
    }

    /** How long after its end a period is closed, and how often to look: a quarter period, at most 5 s. */
    public static Duration lag(SummaryInterval interval) {
        Duration quarter = interval.length().dividedBy(4);
        return quarter.compareTo(MAX_LAG) < 0 ? quarter : MAX_LAG;
    }

    @Override
    public int closeDue() {
        Instant now = clock.instant();
        Instant closedUpTo = interval.periodStart(now.minus(lag(interval)));
        Instant from = closedUpTo.minus(interval.length().multipliedBy(LOOKBACK_PERIODS));
        int appended = 0;
        for (SummaryPeriods.Unsummarized due : periods.unsummarized(interval, from, closedUpTo)) {
            Optional<StoredEvent> summary = periods.summarize(interval, due.strategyId(), due.periodStart(), now);
            if (summary.isPresent()) {
                appended++;
                publishQuietly(summary.get());
            }
        }
        return appended;
    }

    private void publishQuietly(StoredEvent event) {
        try {
            publisher.publish(event);
        } catch (RuntimeException e) {
            // committed; subscribers catch up from the event log on the next event or doorbell
            LOG.log(System.Logger.Level.WARNING, "publishing summary " + event.id() + " failed; it stays in the log", e);
        }
    }
}
