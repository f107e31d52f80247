package io.batchcast.adapter.sse;

import io.batchcast.application.port.in.StreamProtocol;
import io.batchcast.domain.StoredEvent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The text/event-stream framing for the delivery core: a {@code retry:} field first, each event as its frame (which
 * the core encodes once and shares between subscribers; a coalesced run as a frame of this subscriber's own), an
 * {@code event: resync} frame for an unusable cursor (the stream then continues live), and the {@code : keepalive}
 * comment in two halves. One instance serves every stream of the adapter.
 */
final class SseProtocol implements StreamProtocol<byte[]> {

    private final List<byte[]> opening;
    private final Optional<Keepalive<byte[]>> keepalive;

    SseProtocol(Duration retry, Duration heartbeat) {
        this.opening = List.of(EventFrames.retry(retry));
        this.keepalive = Optional.of(new Keepalive<>(heartbeat, EventFrames.KEEPALIVE_LINE, EventFrames.KEEPALIVE_END));
    }

    @Override
    public List<byte[]> opening() {
        return opening;
    }

    @Override
    public Optional<byte[]> event(StoredEvent event, String cursor) {
        return Optional.of(EventFrames.eventFrame(event, cursor));
    }

    @Override
    public Optional<byte[]> coalesced(StoredEvent merged, int batchCount, String cursor) {
        return Optional.of(EventFrames.coalescedFrame(merged, batchCount, cursor));
    }

    @Override
    public Optional<byte[]> resync(String headCursor, String reason) {
        return Optional.of(EventFrames.resync(headCursor, reason));
    }

    @Override
    public Optional<Keepalive<byte[]>> keepalive() {
        return keepalive;
    }
}
