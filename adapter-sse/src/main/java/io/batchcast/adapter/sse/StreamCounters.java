package io.batchcast.adapter.sse;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the event streams did since start, for bootstrap to export as metrics. Counters only grow, except
 * {@link #openStreams()}, which is a gauge. Cheap to update from many threads at once.
 */
public final class StreamCounters {

    private final AtomicLong openStreams = new AtomicLong();
    private final LongAdder streamsOpened = new LongAdder();
    private final LongAdder streamsRejected = new LongAdder();
    private final LongAdder eventsDelivered = new LongAdder();
    private final LongAdder bytesWritten = new LongAdder();
    private final LongAdder heartbeatsSent = new LongAdder();
    private final LongAdder writes = new LongAdder();
    private final LongAdder replayedEvents = new LongAdder();
    private final LongAdder resyncsSent = new LongAdder();
    private final LongAdder slowReaderEvictions = new LongAdder();
    private final LongAdder deadStreamsRemoved = new LongAdder();
    private final LongAdder framesSerialized = new LongAdder();
    private final LongAdder frameCacheHits = new LongAdder();

    /** Streams open right now. */
    public long openStreams() {
        return openStreams.get();
    }

    /** Streams that got a 200 and started. */
    public long streamsOpened() {
        return streamsOpened.sum();
    }

    /** Stream requests refused before opening (400, 401, 403, 404, 429, 503). */
    public long streamsRejected() {
        return streamsRejected.sum();
    }

    /** {@code order_batch_update} frames written to sockets (one per event per subscriber). */
    public long eventsDelivered() {
        return eventsDelivered.sum();
    }

    /** Every byte of every frame written to sockets, heartbeats and retry lines included (before chunk framing). */
    public long bytesWritten() {
        return bytesWritten.sum();
    }

    public long heartbeatsSent() {
        return heartbeatsSent.sum();
    }

    /**
     * Writes to sockets, each one chunk and one flush; frames that queued up while a writer was busy share one, so
     * frames written per write ({@code eventsDelivered + heartbeatsSent + ...} over this) shows how much was joined.
     */
    public long writes() {
        return writes.sum();
    }

    /** Events a reconnecting client got from the log (its cursor was honoured) before going live. */
    public long replayedEvents() {
        return replayedEvents.sum();
    }

    /** Cursors that could not be honoured: the client was told to resync. */
    public long resyncsSent() {
        return resyncsSent.sum();
    }

    /** Streams closed because their reader fell a whole queue behind. */
    public long slowReaderEvictions() {
        return slowReaderEvictions.sum();
    }

    /** Streams whose client was gone, found when a write (usually half a keepalive) failed. */
    public long deadStreamsRemoved() {
        return deadStreamsRemoved.sum();
    }

    /** Events turned into frame bytes; with many subscribers per stream this stays at one per event. */
    public long framesSerialized() {
        return framesSerialized.sum();
    }

    /** Frames taken from the cache instead of serializing again. */
    public long frameCacheHits() {
        return frameCacheHits.sum();
    }

    void streamOpened() {
        openStreams.incrementAndGet();
        streamsOpened.increment();
    }

    void streamClosed() {
        openStreams.decrementAndGet();
    }

    void streamRejected() {
        streamsRejected.increment();
    }

    /** One write to a socket: its bytes, and how many event frames and heartbeats it carried. */
    void written(int bytes, int events, int heartbeats) {
        writes.increment();
        bytesWritten.add(bytes);
        if (events > 0) {
            eventsDelivered.add(events);
        }
        if (heartbeats > 0) {
            heartbeatsSent.add(heartbeats);
        }
    }

    void eventReplayed() {
        replayedEvents.increment();
    }

    void resyncSent() {
        resyncsSent.increment();
    }

    void slowReaderEvicted() {
        slowReaderEvictions.increment();
    }

    void deadStreamRemoved() {
        deadStreamsRemoved.increment();
    }

    void frameSerialized() {
        framesSerialized.increment();
    }

    void frameCacheHit() {
        frameCacheHits.increment();
    }
}
