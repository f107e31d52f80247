package io.batchcast.adapter.sse;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the SSE adapter itself did since start, for bootstrap to export as metrics: refusals, bytes and writes on the
 * wire. What every protocol's streams did (open streams, deliveries, replays, evictions, frames encoded) is counted by
 * the delivery core. Counters only grow; cheap to update from many threads at once.
 */
public final class StreamCounters {

    private final LongAdder streamsRejected = new LongAdder();
    private final LongAdder bytesWritten = new LongAdder();
    private final LongAdder writes = new LongAdder();

    /** Stream requests answered with an error instead of a stream (400, 401, 403, 404, 429, 503). */
    public long streamsRejected() {
        return streamsRejected.sum();
    }

    /** Every byte written to event streams (compressed where the client asked for gzip; before chunk framing). */
    public long bytesWritten() {
        return bytesWritten.sum();
    }

    /**
     * Writes to sockets, each one chunk and one flush; frames that queued up while a writer was busy share one, so
     * deliveries per write above 1 shows how much was joined.
     */
    public long writes() {
        return writes.sum();
    }

    void streamRejected() {
        streamsRejected.increment();
    }

    /** One write to a socket, of this many bytes. */
    void written(long bytes) {
        writes.increment();
        bytesWritten.add(bytes);
    }
}
