package io.batchcast.adapter.sse;

import io.batchcast.domain.EventId;
import io.batchcast.domain.StoredEvent;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;

/**
 * Serializes each event once: every subscriber of a stream, live or replaying, gets the same byte array. Keyed by
 * stream and event id (which include the database epoch), so a replayed copy read back from the log hits too. Bounded
 * by insertion order: the recent events are the ones many subscribers ask for at once.
 */
final class FrameCache {

    private record Key(long strategyId, EventId id) {
    }

    private final int capacity;
    private final StreamCounters counters;
    private final ConcurrentMap<Key, byte[]> frames = new ConcurrentHashMap<>();
    private final Queue<Key> insertionOrder = new ConcurrentLinkedQueue<>();

    FrameCache(int capacity, StreamCounters counters) {
        this.capacity = capacity;
        this.counters = counters;
    }

    byte[] frameFor(StoredEvent event) {
        Key key = new Key(event.strategyId(), event.id());
        byte[] cached = frames.get(key);
        if (cached != null) {
            counters.frameCacheHit();
            return cached;
        }
        boolean[] serialized = {false};
        byte[] frame = frames.computeIfAbsent(key, k -> {
            serialized[0] = true;
            return EventFrames.eventFrame(event);
        });
        if (serialized[0]) {
            counters.frameSerialized();
            insertionOrder.add(key);
            evictOldest();
        } else {
            counters.frameCacheHit();
        }
        return frame;
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
