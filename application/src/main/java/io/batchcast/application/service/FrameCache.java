package io.batchcast.application.service;

import io.batchcast.application.port.in.StreamProtocol;
import io.batchcast.application.port.out.DeliveryObserver;
import io.batchcast.domain.StoredEvent;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;

/**
 * Encodes each event once per protocol and cursor form: every subscriber of a strategy's stream, live or replaying,
 * gets the same frame object, and so does every subscriber of the user's sequence, whatever its protocol's adapter.
 * Keyed by protocol, strategy and cursor (which include the database epoch), so a replayed copy read back from the log
 * hits too. Bounded by insertion order: the recent events are the ones many subscribers ask for at once. Merged runs
 * (coalescing) are a subscriber's own and pass through uncached.
 */
final class FrameCache {

    /** Frames kept, over every protocol. */
    static final int CAPACITY = 4096;

    private record Key(StreamProtocol<?> protocol, long strategyId, String cursor) {
    }

    private final int capacity;
    private final DeliveryObserver observer;
    private final ConcurrentMap<Key, Optional<?>> frames = new ConcurrentHashMap<>();
    private final Queue<Key> insertionOrder = new ConcurrentLinkedQueue<>();

    FrameCache(int capacity, DeliveryObserver observer) {
        this.capacity = capacity;
        this.observer = observer;
    }

    /** {@code protocol} with its events' frames shared through this cache. */
    <F> StreamProtocol<F> sharing(StreamProtocol<F> protocol) {
        return new StreamProtocol<>() {
            @Override
            public List<F> opening() {
                return protocol.opening();
            }

            @Override
            public Optional<F> event(StoredEvent event, String cursor) {
                return frameFor(protocol, event, cursor);
            }

            @Override
            public Optional<F> coalesced(StoredEvent merged, int batchCount, String cursor) {
                return protocol.coalesced(merged, batchCount, cursor);
            }

            @Override
            public Optional<F> resync(String headCursor, String reason) {
                return protocol.resync(headCursor, reason);
            }

            @Override
            public Optional<Keepalive<F>> keepalive() {
                return protocol.keepalive();
            }
        };
    }

    @SuppressWarnings("unchecked") // a key's protocol encoded its frame, so the frame has that protocol's type
    private <F> Optional<F> frameFor(StreamProtocol<F> protocol, StoredEvent event, String cursor) {
        Key key = new Key(protocol, event.strategyId(), cursor);
        Optional<?> cached = frames.get(key);
        if (cached != null) {
            observer.frameShared();
            return (Optional<F>) cached;
        }
        boolean[] encoded = {false};
        Optional<?> frame = frames.computeIfAbsent(key, k -> {
            encoded[0] = true;
            return protocol.event(event, cursor);
        });
        if (encoded[0]) {
            observer.frameEncoded();
            insertionOrder.add(key);
            evictOldest();
        } else {
            observer.frameShared();
        }
        return (Optional<F>) frame;
    }

    private void evictOldest() {
        while (frames.size() > capacity) {
            Key oldest = insertionOrder.poll();
            if (oldest == null) {
                return;
            }
            frames.remove(oldest);
        }
    }
}
