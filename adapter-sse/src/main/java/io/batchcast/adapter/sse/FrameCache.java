package io.batchcast.adapter.sse;

import io.batchcast.domain.StoredEvent;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;

/**
 * Serializes each event once per cursor form: every subscriber of a strategy's stream, live or replaying, gets the
 * same byte array, and so does every subscriber of the user's sequence. Keyed by stream and cursor (which include the
 * database epoch), so a replayed copy read back from the log hits too. Bounded by insertion order: the recent events
 * are the ones many subscribers ask for at once.
 */
final class FrameCache {

    private record Key(long strategyId, String cursor) {
    }

    private final int capacity;
    private final StreamCounters counters;
    private final ConcurrentMap<Key, byte[]> frames = new ConcurrentHashMap<>();
    private final Queue<Key> insertionOrder = new ConcurrentLinkedQueue<>();

    FrameCache(int capacity, StreamCounters counters) {
        this.capacity = capacity;
        this.counters = counters;
    }

    byte[] frameFor(StoredEvent event, String cursor) {
        Key key = new Key(event.strategyId(), cursor);
        byte[] cached = frames.get(key);
        if (cached != null) {
            counters.frameCacheHit();
            return cached;
        }
        boolean[] serialized = {false};
        byte[] frame = frames.computeIfAbsent(key, k -> {
            serialized[0] = true;
            return EventFrames.eventFrame(event, cursor);
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
