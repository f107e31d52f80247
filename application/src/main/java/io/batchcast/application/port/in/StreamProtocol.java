package io.batchcast.application.port.in;

import io.batchcast.domain.StoredEvent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a protocol knows of a stream: how to encode its frames. The core asks for each event's frame once per cursor
 * form and hands the same object to every subscriber (encode once, write many times), so {@link #event} must depend
 * on its arguments only. Everything else (limits, buffers, timing, shutdown) is the delivery core's. A protocol with
 * no opening, no resync frame and no keepalive of its own implements {@link #event} and {@link #coalesced} only.
 */
public interface StreamProtocol<F> {

    /** What every stream starts with (e.g. SSE's {@code retry:} field); none by default. */
    default List<F> opening() {
        return List.of();
    }

    /**
     * One event, with the cursor that resumes the stream right after it; empty when the protocol has no frame for
     * that kind of event (the stream then skips it, and the cursors of the events it does send stay exact).
     */
    Optional<F> event(StoredEvent event, String cursor);

    /**
     * A run of a subscriber's events merged into one (coalescing): {@code merged} holds the summed
     * {@code OrderBatchEvent} under the id (and user position) of the last merged event, {@code batchCount} (at
     * least 2) says how many batches it stands for, and {@code cursor} resumes the stream right after the last one.
     * Encoded per subscriber: merged frames are not shared.
     */
    Optional<F> coalesced(StoredEvent merged, int batchCount, String cursor);

    /**
     * The frame that tells the client its cursor was unusable; empty (the default) when the protocol ends the stream
     * instead, with {@link StreamEnd.CursorUnusable}.
     */
    default Optional<F> resync(String headCursor, String reason) {
        return Optional.empty();
    }

    /** The keepalive of a quiet stream, if the protocol has one (none by default: e.g. HTTP/2 pings do it). */
    default Optional<Keepalive<F>> keepalive() {
        return Optional.empty();
    }

    /**
     * A keepalive written in two halves, each after half an interval of quiet: a client that left is found by the
     * second write after it left, so two writes fall within one interval.
     */
    record Keepalive<F>(Duration interval, F firstHalf, F secondHalf) {
    }
}
