package io.batchcast.adapter.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchcast.domain.EventId;
import io.batchcast.domain.OrderBatchEvent;
import io.batchcast.domain.OrderType;
import io.batchcast.domain.OrderTypeSummary;
import io.batchcast.domain.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The writer without a socket: what it hands to its output, write by write. Frames that queued up while the writer
 * was busy go out together, in order, in one write (one chunk, one flush, one system call), not one write each.
 */
class EventStreamConnectionTest {

    // the connection's clock is fixed at NOW, so the token (valid for an hour after NOW) never expires in a test
    private static final Instant NOW = Instant.parse("2026-11-27T01:00:00Z");

    private final StreamCounters counters = new StreamCounters();
    private final ScheduledThreadPoolExecutor timers = timers();
    private final EventStreamConnection connection = new EventStreamConnection(
            new Caller("u1", NOW.plusSeconds(3600)), 7, SseSettings.defaults(TestTokens.SECRET),
            new FrameCache(16, counters), counters, Clock.fixed(NOW, ZoneOffset.UTC), timers);

    @AfterEach
    void stopTimers() {
        timers.shutdownNow();
    }

    @Test
    void framesQueuedWhileTheWriterWasBusyGoOutInOneWriteInOrder() throws Exception {
        var output = new RecordingOutput();
        connection.joined();
        CompletableFuture<StreamEnd> end = CompletableFuture.supplyAsync(() -> connection.stream(output));
        output.firstWriteStarted.await(10, TimeUnit.SECONDS); // the retry field, held until released

        connection.onEvent(event(1));
        connection.onEvent(event(2));
        connection.onEvent(event(3));
        connection.finish(StreamEnd.SHUTDOWN);
        output.release.countDown();

        assertEquals(StreamEnd.SHUTDOWN, end.get(10, TimeUnit.SECONDS));
        assertEquals(List.of("retry: 3000\n\n", frame(1) + frame(2) + frame(3)), List.copyOf(output.writes));
        assertEquals(3, counters.eventsDelivered());
        assertEquals(2, counters.writes());
        assertEquals(("retry: 3000\n\n" + frame(1) + frame(2) + frame(3)).length(), counters.bytesWritten());
    }

    @Test
    void theReplayIsWrittenWithTheRetryFieldInOneWrite() throws Exception {
        var output = new RecordingOutput();
        output.release.countDown();
        connection.onEvent(event(1)); // before joining: the replay
        connection.onEvent(event(2));
        connection.joined();
        connection.finish(StreamEnd.SHUTDOWN);

        assertEquals(StreamEnd.SHUTDOWN, connection.stream(output));
        assertEquals(List.of("retry: 3000\n\n" + frame(1) + frame(2)), List.copyOf(output.writes));
        assertEquals(2, counters.replayedEvents());
        assertEquals(2, counters.eventsDelivered());
        assertEquals(1, counters.writes());
    }

    @Test
    void aStreamSetsOneTimerForItsQuietIntervalNotOnePerFrameWritten() throws Exception {
        var output = new RecordingOutput();
        output.release.countDown();
        connection.joined();
        CompletableFuture<StreamEnd> end = CompletableFuture.supplyAsync(() -> connection.stream(output));
        output.writes.take(); // the retry field
        for (int sequence = 1; sequence <= 100; sequence++) {
            connection.onEvent(event(sequence));
            assertEquals(frame(sequence), output.writes.poll(10, TimeUnit.SECONDS));
        }

        assertEquals(1, timers.getTaskCount(), "the heartbeat check, scheduled once when the stream went live");
        connection.finish(StreamEnd.SHUTDOWN);
        assertEquals(StreamEnd.SHUTDOWN, end.get(10, TimeUnit.SECONDS));
        assertEquals(0, timers.getQueue().size(), "its timer is cancelled when the stream ends");
    }

    @Test
    void aQuietStreamWritesHalfAKeepaliveEachHalfIntervalAndEndsOnAFrameBoundary() throws Exception {
        // two writes per interval: a client that left is found by the second write after it left
        var quiet = new EventStreamConnection(new Caller("u1", NOW.plusSeconds(3600)), 7,
                SseSettings.defaults(TestTokens.SECRET).withHeartbeat(Duration.ofSeconds(2)),
                new FrameCache(16, counters), counters, Clock.fixed(NOW, ZoneOffset.UTC), timers);
        var output = new RecordingOutput();
        output.release.countDown();
        quiet.joined();
        CompletableFuture<StreamEnd> end = CompletableFuture.supplyAsync(() -> quiet.stream(output));
        assertEquals("retry: 3000\n\n", output.writes.poll(10, TimeUnit.SECONDS));

        assertEquals(": keepalive\n", output.writes.poll(10, TimeUnit.SECONDS), "after half an interval");
        quiet.onEvent(event(1));
        assertEquals("\n" + frame(1), output.writes.poll(10, TimeUnit.SECONDS), "the keepalive ends before the event");
        assertEquals(": keepalive\n", output.writes.poll(10, TimeUnit.SECONDS), "half an interval after the event");
        quiet.finish(StreamEnd.SHUTDOWN);

        assertEquals(StreamEnd.SHUTDOWN, end.get(10, TimeUnit.SECONDS));
        assertEquals("\n", output.writes.poll(10, TimeUnit.SECONDS), "a clean end completes the keepalive");
        assertEquals(2, counters.heartbeatsSent());
        assertEquals(5, counters.writes());
    }

    @Test
    void aFullQueueStillCutsTheReaderOffAtTheConfiguredCapacity() {
        var small = new EventStreamConnection(new Caller("u1", NOW.plusSeconds(3600)), 7,
                SseSettings.defaults(TestTokens.SECRET).withQueueCapacity(2), new FrameCache(16, counters), counters,
                Clock.fixed(NOW, ZoneOffset.UTC), timers);
        small.joined();
        small.onEvent(event(1));
        small.onEvent(event(2));
        assertEquals(0, counters.slowReaderEvictions());

        small.onEvent(event(3));

        assertEquals(1, counters.slowReaderEvictions());
    }

    private static ScheduledThreadPoolExecutor timers() {
        var timers = new ScheduledThreadPoolExecutor(1);
        timers.setRemoveOnCancelPolicy(true);
        return timers;
    }

    private static StoredEvent event(long sequence) {
        return new StoredEvent(new EventId("mem", sequence), new OrderBatchEvent(
                List.of(new OrderTypeSummary(OrderType.LIMIT, 1, 0)), 7, "u1", "b-" + sequence, NOW));
    }

    private static String frame(long sequence) {
        return new String(EventFrames.eventFrame(event(sequence)), StandardCharsets.UTF_8);
    }

    /** Records every write as text; the first one waits for {@link #release}, as a busy socket would. */
    private static final class RecordingOutput implements FrameOutput {
        final BlockingQueue<String> writes = new LinkedBlockingQueue<>();
        final CountDownLatch firstWriteStarted = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public void write(byte[] bytes) {
            firstWriteStarted.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            writes.add(new String(bytes, StandardCharsets.UTF_8));
        }

        @Override
        public void abort() {
        }
    }
}
