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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * This instance's live delivery: one {@link StreamHub} per watched strategy, and one per user watched across their
 * strategies. Committed events arrive from local submits ({@link #publish}) and from other instances' doorbells
 * ({@link #ring}); either way a hub delivers every event of its sequence once, in sequence order, reading from the
 * event log whatever it did not see. A user's hub follows the user's sequence, which holds every strategy of the
 * user, so a strategy created while a subscriber is connected needs no announcement, on any instance.
 */
public final class EventFeed implements SubscribeToOrderBatchEventsUseCase, EventDoorbellUseCase,
        OrderBatchEventPublisher {

    public static final int DEFAULT_MAX_REPLAY = 10_000;
    private static final System.Logger LOG = System.getLogger(EventFeed.class.getName());

    private final StrategyStore strategies;
    private final EventLog log;
    private final int maxReplay;
    private final ConcurrentMap<Long, StreamHub> hubs = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, StreamHub> userHubs = new ConcurrentHashMap<>();
    /** Who owns a strategy never changes: remembered for the doorbells of watched users. */
    private final ConcurrentMap<Long, String> owners = new ConcurrentHashMap<>();

    public EventFeed(StrategyStore strategies, EventLog log, int maxReplay) {
        if (maxReplay < 1) {
            throw new IllegalArgumentException("maxReplay must be >= 1, was " + maxReplay);
        }
        this.strategies = strategies;
        this.log = log;
        this.maxReplay = maxReplay;
    }

    /** {@code cursor}: an event id of the strategy, {@code earliest}, or anything else for live only. */
    @Override
    public Subscription subscribe(String userId, long strategyId, String cursor, EventListener listener) {
        requireOwned(userId, strategyId);
        return join(hubs, strategyId, id -> new EventSequence.OfStrategy(log, id), Cursor.ofStrategy(cursor),
                Set.of(), listener);
    }

    /**
     * The user's events across {@code strategyIds} (empty: every strategy of the user, present and future), in the
     * user's sequence (commit order). The listener sees user positions: {@link StoredEvent#userSeq()}, and a resync
     * head whose seq is a position in the user's sequence.
     *
     * @param cursor a user position ({@code <epoch>-u<seq>}), {@code earliest}, or anything else for live only
     * @throws StrategyNotFoundException for the first of {@code strategyIds} that is unknown or another user's
     */
    public Subscription subscribeToCallerStrategies(String userId, Set<Long> strategyIds, String cursor,
            EventListener listener) {
        strategyIds.stream().sorted().forEach(id -> requireOwned(userId, id));
        EventListener target = strategyIds.isEmpty() ? listener : new OnlyStrategies(strategyIds, listener);
        return join(userHubs, userId, id -> new EventSequence.OfUser(log, id), Cursor.ofUser(cursor), strategyIds,
                target);
    }

    private <K> Subscription join(ConcurrentMap<K, StreamHub> map, K key, Function<K, EventSequence> sequence,
            Cursor cursor, Set<Long> strategyIds, EventListener listener) {
        while (true) {
            StreamHub hub = map.computeIfAbsent(key, k -> new StreamHub(k, sequence.apply(k), maxReplay,
                    retired -> map.remove(k, retired)));
            Subscription subscription = hub.join(cursor, strategyIds, listener);
            if (subscription != null) {
                return subscription;
            }
            // the hub retired between lookup and join; a fresh one takes its place
        }
    }

    private void requireOwned(String userId, long strategyId) {
        strategies.find(strategyId)
                .filter(s -> s.userId().equals(userId))
                .orElseThrow(() -> new StrategyNotFoundException(strategyId));
        owners.putIfAbsent(strategyId, userId);
    }

    @Override
    public void publish(StoredEvent event) {
        StreamHub hub = hubs.get(event.strategyId());
        if (hub != null) {
            hub.offer(event);
        }
        StreamHub userHub = event.userSeq() > 0 ? userHubs.get(event.userId()) : null;
        if (userHub != null) {
            userHub.offer(event);
        }
    }

    @Override
    public void ring(long strategyId, long seq) {
        StreamHub hub = hubs.get(strategyId);
        if (hub != null) {
            hub.advanceTo(seq);
        }
        if (!userHubs.isEmpty()) {
            ownerOf(strategyId).map(userHubs::get).ifPresent(StreamHub::advanceToHead);
        }
    }

    private Optional<String> ownerOf(long strategyId) {
        String known = owners.get(strategyId);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<String> owner = strategies.find(strategyId).map(s -> s.userId());
        owner.ifPresent(user -> owners.putIfAbsent(strategyId, user));
        return owner;
    }

    @Override
    public void catchUp() {
        for (var map : java.util.List.of(hubs.values(), userHubs.values())) {
            for (StreamHub hub : map) {
                try {
                    hub.advanceToHead();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "catching up " + hub.key() + " failed", e);
                }
            }
        }
    }

    /** Strategies and users that currently have live subscribers on this instance. */
    public int watchedStreams() {
        return hubs.size() + userHubs.size();
    }

    /** A subscriber of some of the user's strategies: the others' events pass it by. */
    private record OnlyStrategies(Set<Long> strategyIds, EventListener target) implements EventListener {
        @Override
        public void onEvent(StoredEvent event) {
            if (strategyIds.contains(event.strategyId())) {
                target.onEvent(event);
            }
        }

        @Override
        public void onResync(Optional<EventId> head, String reason) {
            target.onResync(head, reason);
        }
    }
}
