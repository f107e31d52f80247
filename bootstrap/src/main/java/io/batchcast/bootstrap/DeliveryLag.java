package io.batchcast.bootstrap;

import io.batchcast.application.port.in.EventListener;
import io.batchcast.application.port.in.SubscribeToOrderBatchEventsUseCase;
import io.batchcast.application.port.in.Subscription;
import io.batchcast.domain.EventId;
import io.batchcast.domain.StoredEvent;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Measures submit-to-delivery lag: from a batch's completion (its event timestamp) to the moment its event is handed
 * to a subscriber's connection, for live events only (a replay is old news by design and would swamp the histogram).
 * Replayed events are counted as replay hits.
 */
final class DeliveryLag implements SubscribeToOrderBatchEventsUseCase {

    private final SubscribeToOrderBatchEventsUseCase delegate;
    private final Clock clock;
    private final Timer lag;
    private final Counter replayed;

    DeliveryLag(SubscribeToOrderBatchEventsUseCase delegate, Clock clock, MeterRegistry meters) {
        this.delegate = delegate;
        this.clock = clock;
        this.lag = meters.getOrCreate(Timer.builder("batchcast_delivery_lag")
                .description("Time from a batch's completion to its event reaching a subscriber's queue (live events)")
                // a histogram only: Helidon adds quantile series by default, which no Prometheus histogram may carry
                .percentiles(new double[0])
                .buckets(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
                        Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
                        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5)));
        this.replayed = meters.getOrCreate(Counter.builder("batchcast_replayed_events")
                .description("Events delivered from the log to reconnecting subscribers (replay hits)"));
    }

    @Override
    public Subscription subscribe(String userId, long strategyId, String cursor, EventListener listener) {
        Measured measured = new Measured(listener);
        Subscription subscription = delegate.subscribe(userId, strategyId, cursor, measured);
        measured.live = true;
        return subscription;
    }

    private final class Measured implements EventListener {
        private final EventListener target;
        private volatile boolean live;

        Measured(EventListener target) {
            this.target = target;
        }

        @Override
        public void onEvent(StoredEvent event) {
            if (live) {
                lag.record(Duration.between(event.event().timestamp(), clock.instant()));
            } else {
                replayed.increment();
            }
            target.onEvent(event);
        }

        @Override
        public void onResync(Optional<EventId> head, String reason) {
            target.onResync(head, reason);
        }
    }
}
