package io.batchcast.application.service;

import io.batchcast.application.port.in.EventDoorbellUseCase;
import io.batchcast.application.port.in.EventListener;
import io.batchcast.application.port.in.StrategyNotFoundException;
import io.batchcast.application.port.in.SubscribeToOrderBatchEventsUseCase;
import io.batchcast.application.port.in.Subscription;
import io.batchcast.application.port.out.EventLog;
import io.batchcast.application.port.out.OrderBatchEventPublisher;
import io.batchcast.application.port.out.StrategyStore;
import io.batchcast.domain.EventId;
import io.batchcast.domain.StoredEvent;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * This instance's live delivery: one {@link StreamHub} per watched strategy. Committed events arrive from local
 * submits ({@link #publish}) and from other instances' doorbells ({@link #ring}); either way a hub delivers every
 * event of its stream once, in sequence order, reading from the event log whatever it did not see.
 */
public final class EventFeed implements SubscribeToOrderBatchEventsUseCase, EventDoorbellUseCase,
        OrderBatchEventPublisher {

    public static final int DEFAULT_MAX_REPLAY = 10_000;
    private static final System.Logger LOG = System.getLogger(EventFeed.class.getName());

    private final StrategyStore strategies;
    private final EventLog log;
    private final int maxReplay;
    private final ConcurrentMap<Long, StreamHub> hubs = new ConcurrentHashMap<>();

    public EventFeed(StrategyStore strategies, EventLog log, int maxReplay) {
        if (maxReplay < 1) {
            throw new IllegalArgumentException("maxReplay must be >= 1, was " + maxReplay);
        }
        this.strategies = strategies;
        this.log = log;
        this.maxReplay = maxReplay;
    }

    @Override
    public Subscription subscribe(String userId, long strategyId, String cursor, EventListener listener) {
        strategies.find(strategyId)
                .filter(s -> s.userId().equals(userId))
                .orElseThrow(() -> new StrategyNotFoundException(strategyId));
        var parsed = EventId.parse(cursor);
        while (true) {
            StreamHub hub = hubs.computeIfAbsent(strategyId, id -> new StreamHub(id, log, maxReplay, this::retire));
            Subscription subscription = hub.join(parsed, listener);
            if (subscription != null) {
                return subscription;
            }
            // the hub retired between lookup and join; a fresh one takes its place
        }
    }

    @Override
    public void publish(StoredEvent event) {
        StreamHub hub = hubs.get(event.strategyId());
        if (hub != null) {
            hub.offer(event);
        }
    }

    @Override
    public void ring(long strategyId, long seq) {
        StreamHub hub = hubs.get(strategyId);
        if (hub != null) {
            hub.advanceTo(seq);
        }
    }

    @Override
    public void catchUp() {
        for (StreamHub hub : hubs.values()) {
            try {
                hub.advanceToHead();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "catching up stream " + hub.strategyId() + " failed", e);
            }
        }
    }

    /** Strategies that currently have live subscribers on this instance. */
    public int watchedStreams() {
        return hubs.size();
    }

    private void retire(StreamHub hub) {
        hubs.remove(hub.strategyId(), hub);
    }
}
