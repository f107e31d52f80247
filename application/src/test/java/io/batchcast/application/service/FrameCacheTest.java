package io.batchcast.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.batchcast.application.port.in.StreamProtocol;
import io.batchcast.domain.EventId;
import io.batchcast.domain.OperationResult;
import io.batchcast.domain.OrderBatchEvent;
import io.batchcast.domain.OrderType;
import io.batchcast.domain.StoredEvent;
import io.batchcast.domain.StreamKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each event's frame is encoded once per protocol and cursor, and every subscriber gets that same object. */
class FrameCacheTest {

    private final DeliveryCounters counters = new DeliveryCounters();

    @Test
    void everySubscriberOfAProtocolGetsTheOneFrameEncodedForAnEventAndCursor() {
        var protocol = new CountingProtocol();
        var cache = new FrameCache(FrameCache.CAPACITY, counters);
        StoredEvent event = event(7, 1);

        String first = cache.sharing(protocol).event(event, "e-1").orElseThrow();
        String second = cache.sharing(protocol).event(event, "e-1").orElseThrow();
        String userCursor = cache.sharing(protocol).event(event, "e-u1").orElseThrow();

        assertSame(first, second, "the same object, not an equal copy");
        assertEquals(List.of("e-1", "e-u1"), protocol.encoded, "once per cursor form");
        assertEquals(2, counters.framesEncoded());
        assertEquals(1, counters.framesShared());
        assertEquals("frame e-1", first);
        assertEquals("frame e-u1", userCursor);
    }

    @Test
    void anotherProtocolEncodesTheSameEventItself() {
        var sse = new CountingProtocol();
        var grpc = new CountingProtocol();
        var cache = new FrameCache(FrameCache.CAPACITY, counters);
        StoredEvent event = event(7, 1);

        String one = cache.sharing(sse).event(event, "e-1").orElseThrow();
        String other = cache.sharing(grpc).event(event, "e-1").orElseThrow();

        assertNotSame(one, other);
        assertEquals(List.of("e-1"), sse.encoded);
        assertEquals(List.of("e-1"), grpc.encoded);
        assertEquals(0, counters.framesShared());
    }

    @Test
    void theOldestFrameIsDroppedBeyondTheCapacityAndEncodedAgainWhenAskedFor() {
        var protocol = new CountingProtocol();
        var cache = new FrameCache(2, counters);

        cache.sharing(protocol).event(event(7, 1), "e-1");
        cache.sharing(protocol).event(event(7, 2), "e-2");
        cache.sharing(protocol).event(event(7, 3), "e-3");
        cache.sharing(protocol).event(event(7, 3), "e-3");
        cache.sharing(protocol).event(event(7, 1), "e-1");

        assertEquals(List.of("e-1", "e-2", "e-3", "e-1"), protocol.encoded);
        assertEquals(1, counters.framesShared());
    }

    @Test
    void aMergedRunIsTheSubscribersOwnAndNeverCached() {
        var protocol = new CountingProtocol();
        var cache = new FrameCache(FrameCache.CAPACITY, counters);
        StoredEvent merged = event(7, 3);

        cache.sharing(protocol).coalesced(merged, 3, "e-3");
        cache.sharing(protocol).coalesced(merged, 3, "e-3");

        assertEquals(List.of("merged 3 e-3", "merged 3 e-3"), protocol.encoded);
        assertEquals(0, counters.framesEncoded());
        assertEquals(0, counters.framesShared());
    }

    @Test
    void aProtocolWithoutFramesOfItsOwnOpensWithNothingHasNoResyncAndNoKeepalive() {
        StreamProtocol<String> sharing = new FrameCache(FrameCache.CAPACITY, counters).sharing(new CountingProtocol());

        assertEquals(List.of(), sharing.opening());
        assertEquals(Optional.empty(), sharing.resync("e-9", "cursor_ahead_of_head"));
        assertEquals(Optional.empty(), sharing.keepalive());
    }

    private static StoredEvent event(long strategyId, long seq) {
        var results = List.of(OperationResult.created(0, "o" + seq, "c" + seq, OrderType.LIMIT));
        var event = OrderBatchEvent.of(results, new StreamKey("u1", strategyId), "b" + seq,
                Instant.parse("2026-12-01T18:00:00Z")).orElseThrow();
        return new StoredEvent(new EventId("e", seq), event);
    }

    /** Frames as new strings each time, and what it was asked to encode; only the two methods a protocol must have. */
    private static final class CountingProtocol implements StreamProtocol<String> {
        final List<String> encoded = new ArrayList<>();

        @Override
        public Optional<String> event(StoredEvent event, String cursor) {
            encoded.add(cursor);
            return Optional.of(new String("frame " + cursor));
        }

        @Override
        public Optional<String> coalesced(StoredEvent merged, int batchCount, String cursor) {
            encoded.add("merged " + batchCount + " " + cursor);
            return Optional.of("merged " + batchCount + " " + cursor);
        }
    }
}
